package vn.kho.repository.aip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Package paths as relative URI references ({@code xlink:href}): every UTF-8 byte that is not an RFC 3986 unreserved
 * character or {@code /} is percent-encoded, so spaces, Vietnamese letters, {@code #}, {@code %} and {@code :} all
 * survive, and decoding gives back the exact path.
 */
public final class UriPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriPaths() {}

    /** {@code a b/ờ.pdf} → {@code a%20b/%E1%BB%9D.pdf}. */
    public static String encode(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /**
     * Decodes percent-escapes ({@code +} stays a plus). Throws {@link IllegalArgumentException} on a broken escape or
     * bytes that are not UTF-8.
     */
    public static String decode(String href) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(href.length());
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c == '%') {
                if (i + 2 >= href.length()) {
                    throw new IllegalArgumentException("broken percent-escape in " + href);
                }
                int hi = Character.digit(href.charAt(i + 1), 16);
                int lo = Character.digit(href.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("broken percent-escape in " + href);
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < href.length()) {
                    b = href.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes in " + href + " are not UTF-8");
        }
    }
}
