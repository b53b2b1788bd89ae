package vn.kho.ingest.format;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Reads the {@code value} of a rule in Tika's {@code tika-mimetypes.xml} the way Tika 3's {@code MagicDetector} does:
 * {@code 0x}-prefixed hex, or text with the escapes {@code \\}, {@code \xHH}, {@code \r}, {@code \n} and up to three
 * octal digits, each character one byte (two, little- or big-endian, for the {@code unicode} types).
 * {@code TikaSignaturesTest} checks every rule Kho reads against Tika's own decoding.
 */
final class TikaValues {
    private TikaValues() {}

    static byte[] decode(String value, String type) {
        if (value.startsWith("0x")) {
            byte[] out = new byte[(value.length() - 2) / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Integer.parseInt(value.substring(2 + 2 * i, 4 + 2 * i), 16);
            }
            return out;
        }
        StringBuilder chars = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 >= value.length()) {
                chars.append(c);
                continue;
            }
            char next = value.charAt(i + 1);
            switch (next) {
                case '\\' -> {
                    chars.append('\\');
                    i++;
                }
                case 'x' -> {
                    chars.append((char) Integer.parseInt(value.substring(i + 2, i + 4), 16));
                    i += 3;
                }
                case 'r' -> {
                    chars.append('\r');
                    i++;
                }
                case 'n' -> {
                    chars.append('\n');
                    i++;
                }
                default -> {
                    int j = i + 1;
                    while (j < i + 4 && j < value.length() && Character.isDigit(value.charAt(j))) {
                        j++;
                    }
                    chars.append(
                            (char) Short.decode("0" + value.substring(i + 1, j)).byteValue());
                    i = j - 1;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(chars.length() * 2);
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            switch (type) {
                case "unicodeLE" -> {
                    out.write(c & 0xff);
                    out.write(c >> 8);
                }
                case "unicodeBE" -> {
                    out.write(c >> 8);
                    out.write(c & 0xff);
                }
                default -> out.write((byte) c);
            }
        }
        return out.toByteArray();
    }

    /**
     * The longest run of plain characters that every match of the regular expression {@code regex} (decoded bytes, one
     * character each) must contain, when it has one of at least {@code min} characters: a run at the top level of a
     * pattern without alternation, whose last character no quantifier makes optional.
     */
    static Optional<byte[]> regexLiteral(byte[] regex, int min) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length; i++) {
            char c = (char) (regex[i] & 0xff);
            if (inClass) {
                if (c == '\\') {
                    i++;
                } else if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '|' && depth == 0) {
                return Optional.empty();
            }
            if (depth == 0 && plain(c)) {
                boolean quantified = i + 1 < regex.length && "?*{+".indexOf((char) (regex[i + 1] & 0xff)) >= 0;
                if (!quantified) {
                    run.append(c);
                    continue;
                }
            }
            if (run.length() > best.length()) {
                best = run.toString();
            }
            run.setLength(0);
            switch (c) {
                case '\\' -> i++;
                case '[' -> inClass = true;
                case '(' -> depth++;
                case ')' -> depth = Math.max(0, depth - 1);
                default -> {}
            }
        }
        if (run.length() > best.length()) {
            best = run.toString();
        }
        return best.length() >= min
                ? Optional.of(best.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                : Optional.empty();
    }

    /** A character that matches only itself in a regular expression. */
    private static boolean plain(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || " %_-:;,=/<>!\"'#&@~`".indexOf(c) >= 0);
    }
}
