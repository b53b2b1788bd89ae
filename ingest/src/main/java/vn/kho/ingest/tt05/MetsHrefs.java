package vn.kho.ingest.tt05;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * Resolves the relative {@code xlink:href} of a METS file, mdRef or mptr to a package-relative path. Public because
 * the E-ARK CSIP validator resolves hrefs exactly as the TT05 reader does.
 */
public final class MetsHrefs {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

    private MetsHrefs() {}

    /**
     * A resolved href, or why it was refused.
     *
     * @param path the package-relative path (NFC), null when refused
     * @param errorCode {@code METS_HREF_INVALID}, {@code METS_HREF_NOT_RELATIVE} or {@code METS_HREF_OUTSIDE_PACKAGE}
     * @param reason why it was refused
     */
    public record Resolved(String path, String errorCode, String reason) {
        public boolean ok() {
            return path != null;
        }

        static Resolved refused(String code, String reason) {
            return new Resolved(null, code, reason);
        }
    }

    /**
     * Resolves {@code href} against {@code baseDir} (the folder of the METS that holds it, "" or ending in '/').
     * Percent-encoded hrefs are decoded; when only the undecoded form names a file of the package (producers often
     * write names unencoded), that form wins.
     */
    public static Resolved resolve(String baseDir, String href, Map<String, UnpackedFile> files) {
        if (href == null || href.isBlank()) {
            return Resolved.refused("METS_HREF_INVALID", "xlink:href is missing or empty");
        }
        if (SCHEME.matcher(href).matches()) {
            return Resolved.refused(
                    "METS_HREF_NOT_RELATIVE", "'" + href + "' is not a relative URL inside the package");
        }
        String decoded = percentDecode(href);
        Resolved resolved = normalize(baseDir, decoded);
        if (!decoded.equals(href) && resolved.ok() && !files.containsKey(resolved.path())) {
            Resolved raw = normalize(baseDir, href);
            if (raw.ok() && files.containsKey(raw.path())) {
                return raw;
            }
        }
        return resolved;
    }

    private static Resolved normalize(String baseDir, String href) {
        if (href.indexOf('\\') >= 0) {
            return Resolved.refused("METS_HREF_INVALID", "'" + href + "' uses a backslash; URLs separate with '/'");
        }
        if (href.indexOf('\0') >= 0) {
            return Resolved.refused("METS_HREF_INVALID", "'" + href + "' contains a NUL character");
        }
        if (href.startsWith("/")) {
            return Resolved.refused("METS_HREF_OUTSIDE_PACKAGE", "'" + href + "' is absolute");
        }
        String cut = href;
        int q = cut.indexOf('?');
        int hash = cut.indexOf('#');
        int end = Math.min(q < 0 ? cut.length() : q, hash < 0 ? cut.length() : hash);
        cut = cut.substring(0, end);
        Deque<String> segments = new ArrayDeque<>();
        for (String s : (baseDir + cut).split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    return Resolved.refused(
                            "METS_HREF_OUTSIDE_PACKAGE", "'" + href + "' climbs out of the package root");
                }
                segments.removeLast();
                continue;
            }
            segments.addLast(s);
        }
        if (segments.isEmpty()) {
            return Resolved.refused("METS_HREF_INVALID", "'" + href + "' names no file");
        }
        return new Resolved(Normalizer.normalize(String.join("/", segments), Normalizer.Form.NFC), null, null);
    }

    /** Decodes %XX sequences as UTF-8; a '%' not followed by two hex digits stays literal. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(b);
                i++;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
