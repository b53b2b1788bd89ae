package vn.kho.ingest.unpack;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.commons.compress.compressors.deflate64.Deflate64CompressorInputStream;

/**
 * Writes checked entries below the extraction directory, hashing and CRC-checking each in the one pass that writes
 * it, and counting the bytes actually expanded against the limits before they reach the disk.
 *
 * <p>Every {@link IOException} it throws is a failure of Kho's own disks (reading the staged zip or writing the
 * extraction directory); problems with the zip's content are {@link ZipRejection}s.
 */
final class EntryExtractor implements AutoCloseable {
    static final int STORED = 0;
    static final int DEFLATED = 8;
    static final int DEFLATE64 = 9;
    private static final int BUFFER = 64 * 1024;

    private final FileChannel zip;
    private final long zipSize;
    private final Path base;
    private final UnpackLimits limits;
    private final List<String> algorithms;
    private final MessageDigest[] digests;
    private final byte[] in = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long totalBytes;

    // The entry being written.
    private CheckedEntry entry;
    private FileChannel sink;
    private Path lastParent;
    private long entryBytes;

    private final java.util.function.ObjLongConsumer<Path> written;

    EntryExtractor(
            FileChannel zip,
            long zipSize,
            Path base,
            UnpackLimits limits,
            List<String> algorithms,
            java.util.function.ObjLongConsumer<Path> written) {
        this.written = written;
        this.zip = zip;
        this.zipSize = zipSize;
        this.base = base;
        this.limits = limits;
        this.algorithms = List.copyOf(algorithms);
        this.digests = algorithms.stream().map(DigestAlgorithms::newDigest).toArray(MessageDigest[]::new);
    }

    void createDirectory(CheckedEntry directory) throws IOException {
        Files.createDirectories(base.resolve(directory.path()));
    }

    UnpackedFile extract(CheckedEntry file) throws IOException, ZipRejection {
        Path target = base.resolve(file.path());
        Path parent = target.getParent();
        if (parent != null && !parent.equals(lastParent)) {
            // entries of one folder usually follow each other: one mkdir per folder, not per file
            Files.createDirectories(parent);
            lastParent = parent;
        }
        entry = file;
        entryBytes = 0;
        crc.reset();
        for (MessageDigest digest : digests) {
            digest.reset();
        }
        // CREATE_NEW never follows a link or overwrites: the checks already ruled both out, this makes sure.
        // Chunks arrive 64 KiB at a time (less only from deflate64) and go straight to the channel: a buffered stream
        // per file added a 64 KiB allocation and a copy and saved no system call.
        try (FileChannel output = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            sink = output;
            switch (file.method()) {
                case STORED -> copyStored();
                case DEFLATED -> inflate();
                case DEFLATE64 -> inflate64();
                default -> throw new IllegalStateException("unchecked method " + file.method());
            }
        } catch (FileAlreadyExistsException e) {
            throw new ZipRejection(
                    ZipCodes.NAME_COLLISION_CASE,
                    "entry '" + file.path() + "' collides with another entry on the staging filesystem",
                    file.path());
        } finally {
            sink = null;
        }
        written.accept(target, entryBytes);
        if (entryBytes != file.size()) {
            throw new ZipRejection(
                    ZipCodes.HEADER_MISMATCH,
                    "entry '" + file.path() + "' expands to " + entryBytes + " bytes but the central directory says "
                            + file.size(),
                    file.path());
        }
        if (crc.getValue() != file.crc()) {
            throw new ZipRejection(
                    ZipCodes.CRC_MISMATCH,
                    "entry '" + file.path() + "' has CRC-32 " + String.format("%08x", crc.getValue())
                            + " but the central directory says " + String.format("%08x", file.crc()),
                    file.path());
        }
        Map<String, String> hex = new LinkedHashMap<>();
        for (int i = 0; i < digests.length; i++) {
            hex.put(algorithms.get(i), HexFormat.of().formatHex(digests[i].digest()));
        }
        return new UnpackedFile(file.path(), entryBytes, hex);
    }

    private void copyStored() throws IOException, ZipRejection {
        long position = entry.dataOffset();
        long remaining = entry.compressedSize();
        while (remaining > 0) {
            int n = (int) Math.min(BUFFER, remaining);
            readRaw(position, n);
            position += n;
            remaining -= n;
            accept(in, n);
        }
    }

    private void inflate() throws IOException, ZipRejection {
        inflater.reset();
        long position = entry.dataOffset();
        long remaining = entry.compressedSize();
        try {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (remaining == 0) {
                        break;
                    }
                    int n = (int) Math.min(BUFFER, remaining);
                    readRaw(position, n);
                    position += n;
                    remaining -= n;
                    inflater.setInput(in, 0, n);
                }
                int n = inflater.inflate(out);
                if (n > 0) {
                    accept(out, n);
                } else if (inflater.needsDictionary() || (!inflater.needsInput() && !inflater.finished())) {
                    throw unreadable("its deflate data asks for a preset dictionary");
                }
            }
        } catch (DataFormatException e) {
            throw unreadable("its deflate data is corrupt (" + e.getMessage() + ")");
        }
        if (!inflater.finished()) {
            throw unreadable("its deflate data ends before the deflate stream does (truncated?)");
        }
        if (inflater.getBytesRead() != entry.compressedSize()) {
            throw new ZipRejection(
                    ZipCodes.HEADER_MISMATCH,
                    "entry '" + entry.path() + "': its deflate stream ends after " + inflater.getBytesRead()
                            + " of the " + entry.compressedSize() + " compressed bytes the central directory declares",
                    entry.path());
        }
    }

    private void inflate64() throws IOException, ZipRejection {
        try (InputStream input = new Deflate64CompressorInputStream(new RangeInputStream())) {
            int n;
            while ((n = input.read(out)) >= 0) {
                if (n > 0) {
                    accept(out, n);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            // The decoder reports corrupt data with IOExceptions and, on some hostile inputs, runtime exceptions;
            // failures reading the staged zip arrive as the UncheckedIOException above.
            throw unreadable("its deflate64 data is corrupt (" + e.getMessage() + ")");
        }
    }

    /** Counts, checks, then CRCs, hashes and writes one expanded chunk, so that no limit is exceeded on disk. */
    private void accept(byte[] bytes, int length) throws IOException, ZipRejection {
        entryBytes += length;
        totalBytes += length;
        if (entryBytes > limits.maxEntryBytes()) {
            throw new ZipRejection(
                    ZipCodes.TOO_LARGE,
                    "entry '" + entry.path() + "' expands beyond the limit of " + limits.maxEntryBytes() + " bytes",
                    entry.path());
        }
        if (totalBytes > limits.maxTotalBytes()) {
            throw new ZipRejection(
                    ZipCodes.TOO_LARGE,
                    "the package expands beyond the limit of " + limits.maxTotalBytes() + " bytes (while writing '"
                            + entry.path() + "')",
                    entry.path());
        }
        if (SafeUnzipper.exceedsRatio(entryBytes, entry.compressedSize(), limits.maxCompressionRatio())) {
            throw new ZipRejection(
                    ZipCodes.BOMB,
                    "entry '" + entry.path() + "' expands to more than " + limits.maxCompressionRatio() + " times its "
                            + entry.compressedSize() + " compressed bytes",
                    entry.path());
        }
        if (SafeUnzipper.exceedsRatio(totalBytes, zipSize, limits.maxCompressionRatio())) {
            throw new ZipRejection(
                    ZipCodes.BOMB,
                    "the package expands to more than " + limits.maxCompressionRatio() + " times its " + zipSize
                            + " bytes (while writing '" + entry.path() + "')",
                    entry.path());
        }
        crc.update(bytes, 0, length);
        for (MessageDigest digest : digests) {
            digest.update(bytes, 0, length);
        }
        ByteBuffer chunk = ByteBuffer.wrap(bytes, 0, length);
        while (chunk.hasRemaining()) {
            sink.write(chunk);
        }
    }

    private void readRaw(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(in, 0, length);
        while (buffer.hasRemaining()) {
            if (zip.read(buffer, position + buffer.position()) < 0) {
                // Ranges were checked against the central directory's position, so the file shrank under us.
                throw new EOFException("the staged zip ended early at " + (position + buffer.position()));
            }
        }
    }

    private ZipRejection unreadable(String why) {
        return new ZipRejection(ZipCodes.UNREADABLE, "entry '" + entry.path() + "': " + why, entry.path());
    }

    @Override
    public void close() {
        inflater.end();
    }

    /** The current entry's compressed bytes as a stream, for the deflate64 decoder. */
    private final class RangeInputStream extends InputStream {
        private long position = entry.dataOffset();
        private long remaining = entry.compressedSize();

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(length, remaining), BUFFER);
            try {
                ByteBuffer target = ByteBuffer.wrap(bytes, offset, n);
                while (target.hasRemaining()) {
                    if (zip.read(target, position + (target.position() - offset)) < 0) {
                        throw new EOFException("the staged zip ended early");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            position += n;
            remaining -= n;
            return n;
        }
    }
}
