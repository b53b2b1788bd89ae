package vn.kho.ingest.unpack;

/**
 * An entry that passed every check on the central directory and its local header, with what extraction needs.
 *
 * @param path its path below the extraction directory: decoded, NFC, no trailing slash
 * @param dataOffset where its (compressed) data starts in the zip
 * @param compressedSize its compressed length, from the central directory
 * @param size its declared expanded size, from the central directory
 * @param crc its declared CRC-32, from the central directory
 */
record CheckedEntry(
        String path, boolean directory, int method, long dataOffset, long compressedSize, long size, long crc) {}
