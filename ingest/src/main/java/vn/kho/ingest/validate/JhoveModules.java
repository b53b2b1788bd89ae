package vn.kho.ingest.validate;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which JHOVE module validates a media type. */
public final class JhoveModules {
    /** JHOVE module name to its class, for the modules this package ships. */
    static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("PDF-hul", "edu.harvard.hul.ois.jhove.module.PdfModule"),
            Map.entry("TIFF-hul", "edu.harvard.hul.ois.jhove.module.TiffModule"),
            Map.entry("JPEG-hul", "edu.harvard.hul.ois.jhove.module.JpegModule"),
            Map.entry("JPEG2000-hul", "edu.harvard.hul.ois.jhove.module.Jpeg2000Module"),
            Map.entry("GIF-hul", "edu.harvard.hul.ois.jhove.module.GifModule"),
            Map.entry("XML-hul", "edu.harvard.hul.ois.jhove.module.XmlModule"),
            Map.entry("HTML-hul", "edu.harvard.hul.ois.jhove.module.HtmlModule"),
            Map.entry("UTF8-hul", "edu.harvard.hul.ois.jhove.module.Utf8Module"),
            Map.entry("ASCII-hul", "edu.harvard.hul.ois.jhove.module.AsciiModule"),
            Map.entry("WAVE-hul", "edu.harvard.hul.ois.jhove.module.WaveModule"),
            Map.entry("AIFF-hul", "edu.harvard.hul.ois.jhove.module.AiffModule"),
            Map.entry("GZIP-kb", "edu.harvard.hul.ois.jhove.module.GzipModule"),
            Map.entry("WARC-kb", "edu.harvard.hul.ois.jhove.module.WarcModule"),
            Map.entry("PNG-gdm", "com.mcgath.jhove.module.PngModule"));

    private static final Map<String, String> BY_TYPE = Map.ofEntries(
            Map.entry("application/pdf", "PDF-hul"),
            Map.entry("application/x-pdf", "PDF-hul"),
            Map.entry("image/tiff", "TIFF-hul"),
            Map.entry("image/tiff-fx", "TIFF-hul"),
            Map.entry("image/jpeg", "JPEG-hul"),
            Map.entry("image/jp2", "JPEG2000-hul"),
            Map.entry("image/jpx", "JPEG2000-hul"),
            Map.entry("image/gif", "GIF-hul"),
            Map.entry("image/png", "PNG-gdm"),
            Map.entry("application/xml", "XML-hul"),
            Map.entry("text/xml", "XML-hul"),
            Map.entry("text/html", "HTML-hul"),
            Map.entry("text/plain", "UTF8-hul"),
            Map.entry("audio/vnd.wave", "WAVE-hul"),
            Map.entry("audio/wav", "WAVE-hul"),
            Map.entry("audio/x-wav", "WAVE-hul"),
            Map.entry("audio/wave", "WAVE-hul"),
            Map.entry("audio/aiff", "AIFF-hul"),
            Map.entry("audio/x-aiff", "AIFF-hul"),
            Map.entry("application/gzip", "GZIP-kb"),
            Map.entry("application/x-gzip", "GZIP-kb"),
            Map.entry("application/warc", "WARC-kb"));

    private JhoveModules() {}

    /** The JHOVE modules this package ships, by name ({@code PDF-hul}), with their classes. */
    public static Map<String, String> moduleClasses() {
        return CLASSES;
    }

    /**
     * The JHOVE module for {@code mediaType}, parameters and case ignored, except that {@code text/plain} with
     * {@code charset=us-ascii} goes to {@code ASCII-hul} (any other plain text to {@code UTF8-hul}); types with the
     * {@code +xml} suffix go to {@code XML-hul}. Empty for types no shipped module validates, and for {@code null}.
     */
    public static Optional<String> forMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String[] parts = mediaType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].strip();
        if (type.equals("text/plain")) {
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip().replace("\"", "");
                if (p.equals("charset=us-ascii") || p.equals("charset=ascii")) {
                    return Optional.of("ASCII-hul");
                }
            }
        }
        String module = BY_TYPE.get(type);
        if (module == null && type.endsWith("+xml")) {
            module = "XML-hul";
        }
        return Optional.ofNullable(module);
    }
}
