package vn.kho.ingest.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a METS reference declares about the file it points to: {@code SIZE} in bytes and a SHA-256 {@code CHECKSUM}
 * (64 lower-case hex digits), the only checksum type TT05 accepts.
 */
public record SipFixity(long size, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public SipFixity {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** The size and SHA-256 of the source's content, read once in a stream. */
    public static SipFixity of(SipSource source) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = source.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SipFixity(size, HexFormat.of().formatHex(digest.digest()));
    }
}
