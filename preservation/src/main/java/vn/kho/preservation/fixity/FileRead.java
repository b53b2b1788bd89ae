package vn.kho.preservation.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.storage.Replica;

/**
 * One streamed read of one file of an object: its sha256 and length, or why it could not be read whole. Files are read
 * in {@value #BUFFER} byte pieces, never whole into memory.
 *
 * @param sha256 lowercase hex; null when the read did not end
 * @param bytes bytes read (also when it failed part way)
 * @param failure null, {@link Classification#MISSING} or {@link Classification#UNREADABLE}
 * @param problem what went wrong, for people; null when nothing did
 */
record FileRead(String sha256, long bytes, Classification failure, String problem) {
    static final int BUFFER = 1 << 16;
    /**
     * Each auditing thread's read buffer: allocating (and zeroing) 64 KiB for every file cost as much as reading a
     * small file.
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    FileRead {
        if ((sha256 == null) == (failure == null)) {
            throw new IllegalArgumentException("a read either ends with a digest or fails");
        }
    }

    boolean complete() {
        return failure == null;
    }

    /** Reads {@code objectPath} of the object {@code id} on {@code replica} to its end. Never throws for a bad copy. */
    static FileRead of(Replica replica, PackageId id, String objectPath) {
        MessageDigest sha = newSha256();
        long n = 0;
        try (InputStream in = replica.openObjectFile(id, objectPath)) {
            byte[] buffer = BUFFERS.get();
            for (int r; (r = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, r);
                n += r;
            }
            return new FileRead(HexFormat.of().formatHex(sha.digest()), n, null, null);
        } catch (NotFoundException e) {
            return new FileRead(null, n, Classification.MISSING, "is missing");
        } catch (KhoException | IOException | UncheckedIOException e) {
            return new FileRead(null, n, Classification.UNREADABLE, "cannot be read after " + n + " bytes: " + e);
        }
    }

    /** Copies {@code in} to {@code out} in {@value #BUFFER} byte pieces and returns the sha256 of what went through. */
    static String copyHashed(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha = newSha256();
        byte[] buffer = new byte[BUFFER];
        for (int r; (r = in.read(buffer)) >= 0; ) {
            sha.update(buffer, 0, r);
            out.write(buffer, 0, r);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256Of(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
