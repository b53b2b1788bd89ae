package vn.kho.ingest.sip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bytes of one file of a SIP come from. The writer opens a source once to hash it and once more to copy it
 * into the package, so a document is streamed from its file twice and never held in memory.
 */
@FunctionalInterface
public interface SipSource {
    /** A new stream of the content, from its first byte. */
    InputStream open() throws IOException;

    /** The content of {@code file}, read when the package is written. */
    static SipSource of(Path file) {
        Objects.requireNonNull(file, "file");
        return () -> Files.newInputStream(file);
    }

    /** These bytes (copied). */
    static SipSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    /** This text in UTF-8. */
    static SipSource utf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole content in memory; for small files (generated XML, test fixtures). */
    default byte[] readAllBytes() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
