package vn.kho.ingest.bagit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Decodes and normalises the file paths written in manifests and fetch.txt (RFC 8493 §2.1.3, §2.2.3). */
final class BagPaths {
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");

    private BagPaths() {}

    /**
     * A decoded, normalised path, or why it was refused.
     *
     * @param path the bag-relative path (forward slashes, NFC, no {@code .} or empty segments); null when refused
     * @param errorCode {@code BAGIT_PATH_INVALID} or {@code BAGIT_PATH_OUTSIDE_BAG} when refused, else null
     * @param reason why it was refused
     * @param cleaned whether {@code ./} prefixes or {@code .}/empty segments were removed
     */
    record Result(String path, String errorCode, String reason, boolean cleaned) {
        boolean ok() {
            return path != null;
        }

        static Result refused(String code, String reason) {
            return new Result(null, code, reason, false);
        }
    }

    /**
     * Decodes {@code raw} (percent-encoded CR, LF and % when {@code percentEncoded}) and normalises it. A path that is
     * absolute, starts with {@code ~}, names a drive or has a {@code ..} segment is refused as outside the bag, even
     * when {@code ..} would resolve inside: a bag has no reason to write one.
     */
    static Result normalize(String raw, boolean percentEncoded) {
        String s = percentEncoded ? decode(raw) : raw;
        if (s.isEmpty()) {
            return Result.refused("BAGIT_PATH_INVALID", "the path is empty");
        }
        if (s.indexOf('\\') >= 0) {
            return Result.refused("BAGIT_PATH_INVALID", "the path contains a backslash; bags separate with '/'");
        }
        if (s.indexOf('\0') >= 0) {
            return Result.refused("BAGIT_PATH_INVALID", "the path contains a NUL character");
        }
        if (s.startsWith("/") || s.startsWith("~") || DRIVE.matcher(s).matches()) {
            return Result.refused("BAGIT_PATH_OUTSIDE_BAG", "the path is absolute or home-relative");
        }
        boolean cleaned = false;
        List<String> segments = new ArrayList<>();
        for (String segment : s.split("/", -1)) {
            if (segment.equals("..")) {
                return Result.refused("BAGIT_PATH_OUTSIDE_BAG", "the path has a '..' segment");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                cleaned = true;
                continue;
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            return Result.refused("BAGIT_PATH_INVALID", "the path names no file");
        }
        String path = Normalizer.normalize(String.join("/", segments), Normalizer.Form.NFC);
        return new Result(path, null, null, cleaned);
    }

    /** RFC 8493 §2.1.3: only %0A, %0D and %25 are encoded; any other '%' is literal. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                String code = raw.substring(i + 1, i + 3).toUpperCase(java.util.Locale.ROOT);
                switch (code) {
                    case "0A" -> {
                        out.append('\n');
                        i += 3;
                        continue;
                    }
                    case "0D" -> {
                        out.append('\r');
                        i += 3;
                        continue;
                    }
                    case "25" -> {
                        out.append('%');
                        i += 3;
                        continue;
                    }
                    default -> {}
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Names that operating systems and file managers drop into folders on their own. */
    static boolean isSystemFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(".DS_Store")
                || name.equalsIgnoreCase("Thumbs.db")
                || name.equalsIgnoreCase("desktop.ini")
                || name.startsWith("._");
    }
}
