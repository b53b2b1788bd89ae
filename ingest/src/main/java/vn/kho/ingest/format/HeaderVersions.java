package vn.kho.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a format's version where the file states it in its first bytes (PDF {@code %PDF-1.7}, GIF {@code 89a}, JFIF
 * {@code 1.02}, XML {@code version="1.0"}, WARC {@code WARC/1.1}), or, for OpenDocument, in the package manifest.
 * Returns null when the version is not stated; never throws for bad content.
 */
final class HeaderVersions {
    static final int HEAD_BYTES = 1024;
    private static final Pattern PDF = Pattern.compile("%PDF-([12]\\.[0-9])");
    private static final Pattern XML = Pattern.compile("^\\s*<\\?xml\\s+version\\s*=\\s*[\"']([0-9.]+)[\"']");
    private static final Pattern WARC = Pattern.compile("^WARC/([0-9.]+)\\r?\\n");
    private static final Pattern ODF = Pattern.compile("manifest:version\\s*=\\s*\"([0-9.]+)\"");
    private static final int MANIFEST_MAX_BYTES = 64 * 1024;

    private HeaderVersions() {}

    /** {@code head}: the file's first bytes; only the first {@link #HEAD_BYTES} of them are read. */
    static String read(String mediaType, byte[] head, Path file) {
        String latin = new String(head, 0, Math.min(head.length, HEAD_BYTES), StandardCharsets.ISO_8859_1);
        return switch (mediaType) {
            case "application/pdf" -> group(PDF.matcher(latin));
            case "image/gif" -> latin.startsWith("GIF87a") ? "87a" : latin.startsWith("GIF89a") ? "89a" : null;
            case "image/jpeg" -> jpeg(head);
            case "application/xml", "text/xml" -> group(XML.matcher(latin));
            case "application/warc" -> group(WARC.matcher(latin));
            default -> mediaType.startsWith("application/vnd.oasis.opendocument.") ? odf(file) : null;
        };
    }

    private static String group(Matcher m) {
        return m.find() ? m.group(1) : null;
    }

    /** JFIF's APP0 segment gives its version; an APP1 Exif segment first makes it an Exif file. */
    private static String jpeg(byte[] h) {
        if (h.length < 18 || (h[0] & 0xff) != 0xFF || (h[1] & 0xff) != 0xD8 || (h[2] & 0xff) != 0xFF) {
            return null;
        }
        int marker = h[3] & 0xff;
        String id = new String(h, 6, 5, StandardCharsets.ISO_8859_1);
        if (marker == 0xE0 && id.equals("JFIF\0")) {
            return String.format("%d.%02d", h[11] & 0xff, h[12] & 0xff);
        }
        if (marker == 0xE1 && id.startsWith("Exif")) {
            return "Exif";
        }
        return null;
    }

    /** OpenDocument states its version in {@code META-INF/manifest.xml}; read at most 64 KB of it. */
    private static String odf(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry manifest = zip.getEntry("META-INF/manifest.xml");
            if (manifest == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(manifest)) {
                return group(ODF.matcher(new String(in.readNBytes(MANIFEST_MAX_BYTES), StandardCharsets.UTF_8)));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
