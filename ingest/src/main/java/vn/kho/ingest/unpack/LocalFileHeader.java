package vn.kho.ingest.unpack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The local file header that precedes an entry's data, read at the offset the central directory gives. Sizes are
 * resolved through the Zip64 extra field when the 32-bit fields hold {@code 0xFFFFFFFF}.
 */
record LocalFileHeader(
        long offset, int flags, int method, long crc, long compressedSize, long size, byte[] name, int extraLength) {
    static final int SIG = 0x04034b50;
    static final int FIXED_SIZE = 30;
    private static final int TYPICAL_SIZE = 1024;
    private static final long ZIP64_MAGIC = 0xFFFFFFFFL;
    private static final int ZIP64_EXTRA_ID = 0x0001;

    /**
     * Reads the header at {@code offset}, which with its name and extra field must end at or before {@code limit}
     * (where the central directory starts).
     */
    static LocalFileHeader read(FileChannel channel, long offset, long limit, String entry)
            throws IOException, ZipRejection {
        if (offset < 0 || offset > limit - FIXED_SIZE) {
            throw new ZipRejection(
                    ZipCodes.OVERLAPPING_ENTRIES,
                    "entry '" + entry + "': its local header offset " + offset
                            + " is not before the central directory (" + limit + ")",
                    entry);
        }
        // One read usually covers the header, its name and its extra field: thousands of entries, thousands of reads.
        ByteBuffer fixed = ZipTail.readFully(channel, offset, (int) Math.min(TYPICAL_SIZE, limit - offset));
        if (fixed.getInt(0) != SIG) {
            throw new ZipRejection(
                    ZipCodes.HEADER_MISMATCH, "entry '" + entry + "': no local file header at offset " + offset, entry);
        }
        int flags = ZipTail.u16(fixed, 6);
        int method = ZipTail.u16(fixed, 8);
        long crc = ZipTail.u32(fixed, 14);
        long compressedSize = ZipTail.u32(fixed, 18);
        long size = ZipTail.u32(fixed, 22);
        int nameLength = ZipTail.u16(fixed, 26);
        int extraLength = ZipTail.u16(fixed, 28);
        if (offset + FIXED_SIZE + nameLength + extraLength > limit) {
            throw new ZipRejection(
                    ZipCodes.OVERLAPPING_ENTRIES,
                    "entry '" + entry + "': its local header runs into the central directory",
                    entry);
        }
        ByteBuffer variable = FIXED_SIZE + nameLength + extraLength <= fixed.limit()
                ? fixed.slice(FIXED_SIZE, nameLength + extraLength).order(fixed.order())
                : ZipTail.readFully(channel, offset + FIXED_SIZE, nameLength + extraLength);
        byte[] name = new byte[nameLength];
        variable.get(name);
        if (size == ZIP64_MAGIC || compressedSize == ZIP64_MAGIC) {
            ByteBuffer zip64 = zip64Field(variable.slice().order(variable.order()));
            if (zip64 != null) {
                if (size == ZIP64_MAGIC && zip64.remaining() >= 8) {
                    size = zip64.getLong();
                }
                if (compressedSize == ZIP64_MAGIC && zip64.remaining() >= 8) {
                    compressedSize = zip64.getLong();
                }
            }
        }
        return new LocalFileHeader(offset, flags, method, crc, compressedSize, size, name, extraLength);
    }

    /** Where the entry's data starts. */
    long dataOffset() {
        return offset + FIXED_SIZE + name.length + extraLength;
    }

    /** The Zip64 extended information field's data, or {@code null}; stops at the first malformed field. */
    private static ByteBuffer zip64Field(ByteBuffer extra) {
        while (extra.remaining() >= 4) {
            int id = Short.toUnsignedInt(extra.getShort());
            int length = Short.toUnsignedInt(extra.getShort());
            if (length > extra.remaining()) {
                return null;
            }
            if (id == ZIP64_EXTRA_ID) {
                return extra.slice(extra.position(), length).order(extra.order());
            }
            extra.position(extra.position() + length);
        }
        return null;
    }
}
