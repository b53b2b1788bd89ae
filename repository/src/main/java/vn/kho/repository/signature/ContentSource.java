package vn.kho.repository.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the signed content of a detached signature is read from. The verifier opens it once per check and reads it
 * to the end without keeping it, so large content (a PDF's signed byte ranges, a big METS) is streamed, never held.
 */
@FunctionalInterface
public interface ContentSource {
    /** A new stream over the whole signed content; the caller closes it. */
    InputStream open() throws IOException;

    /** The bytes themselves (not copied: do not change them while a check runs). */
    static ContentSource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return () -> new ByteArrayInputStream(bytes);
    }

    /** The content of a file. */
    static ContentSource of(Path file) {
        Objects.requireNonNull(file, "file");
        return () -> Files.newInputStream(file);
    }
}
