package vn.kho.ingest.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

/**
 * JHOVE's XML report. For each file, {@link ValidatorPool#validate} writes one fragment: the {@code <repInfo>} element
 * exactly as JHOVE's {@code XmlHandler} prints it for that file (UTF-8, no XML declaration, elements in JHOVE's
 * namespace by inheritance, so unprefixed). {@link #writeDocument} wraps any number of fragments in the {@code <jhove>}
 * root element JHOVE's own XML output has, giving one well-formed JHOVE document.
 */
public final class JhoveReport {
    /** The namespace of JHOVE's XML output (schema 1.9, as JHOVE 1.28 writes it). */
    public static final String NAMESPACE = "http://schema.openpreservation.org/ois/xml/ns/jhove";

    private static final String SCHEMA_LOCATION =
            NAMESPACE + " https://schema.openpreservation.org/ois/xml/xsd/jhove/1.9/jhove.xsd";

    private JhoveReport() {}

    /**
     * Streams {@code fragments} (in order) into {@code out} as one JHOVE XML document; does not close {@code out}.
     * Fragments are copied byte for byte, never held in memory whole.
     *
     * @throws UncheckedIOException when a fragment cannot be read or {@code out} written
     */
    public static void writeDocument(List<Path> fragments, OutputStream out) {
        try {
            String[] release = release();
            String header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<jhove xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"" + NAMESPACE
                    + "\" xsi:schemaLocation=\"" + SCHEMA_LOCATION + "\" name=\"Jhove\" release=\"" + release[0]
                    + "\" date=\"" + release[1] + "\">\n"
                    + " <date>"
                    + OffsetDateTime.now(ZoneOffset.UTC)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    + "</date>\n";
            out.write(header.getBytes(StandardCharsets.UTF_8));
            for (Path fragment : fragments) {
                try (InputStream in = Files.newInputStream(fragment)) {
                    in.transferTo(out);
                }
            }
            out.write("</jhove>\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the JHOVE report", e);
        }
    }

    /** JHOVE's release and its date (yyyy-MM-dd), from the properties jhove-core ships. */
    private static String[] release() {
        Properties p = new Properties();
        try (InputStream in =
                JhoveReport.class.getClassLoader().getResourceAsStream("org/openpreservation/jhove/jhove.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to the unknown values
        }
        String date = p.getProperty("jhove.release.date", "");
        return new String[] {
            p.getProperty("jhove.release.version", "unknown"), date.length() >= 10 ? date.substring(0, 10) : date
        };
    }
}
