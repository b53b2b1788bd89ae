package vn.kho.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import vn.kho.repository.FileFormat;

/**
 * Identifies a file's format from its content: Apache Tika's signatures give the media type (the file name only
 * refines a type the content allows, such as a zip that is a .docx), {@link HeaderVersions} reads the version where
 * the header states it, and {@link PronomRegistry} gives the PRONOM identifier. Thread-safe.
 */
public final class FormatIdentifier {
    /** The media type of a file no signature recognises. */
    public static final String UNKNOWN = MediaType.OCTET_STREAM.toString();

    private static final String TIKA = "Apache Tika " + new Tika().toString().replaceAll("^Apache Tika\\s*", "");
    private static final TikaSignatures SIGNATURES = TikaSignatures.load();
    private final PronomRegistry pronom;

    public FormatIdentifier(PronomRegistry pronom) {
        this.pronom = pronom;
    }

    /** Identifies {@code file}, whose package path is {@code name}. Never throws for bad content. */
    public FileFormat identify(Path file, String name) throws IOException {
        byte[] head = head(file);
        String mediaType = SIGNATURES.detect(head, name).getBaseType().toString();
        String version = HeaderVersions.read(mediaType, head, file);
        return withPronom(mediaType, version, null, TIKA + " signature" + (version == null ? "" : ", header version"));
    }

    /**
     * The format for {@code mediaType} and {@code version}, with the PRONOM entry for them and the claimed PDF/A
     * profile (may be null); {@code basis} says how they were found.
     */
    public FileFormat withPronom(String mediaType, String version, String pdfaProfile, String basis) {
        return pronom.lookup(mediaType, version, pdfaProfile)
                .map(e -> new FileFormat(mediaType, e.name(), version, e.puid(), basis))
                .orElseGet(() -> new FileFormat(mediaType, null, version, null, basis));
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SIGNATURES.headBytes());
        }
    }
}
