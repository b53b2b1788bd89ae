package vn.kho.storage.fedora;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Object-root-relative paths and the URLs of the binaries that hold them. Each segment is percent-encoded as UTF-8,
 * everything but RFC 3986's unreserved characters, so spaces, Vietnamese letters, {@code +}, {@code =} and {@code %} travel
 * safely; Fedora answers with its own encoding (it leaves {@code =} bare), so paths read back are decoded, never
 * compared encoded.
 */
final class FedoraPaths {
    private FedoraPaths() {}

    /**
     * Checks that {@code objectPath} is a relative path of plain segments that Fedora can hold as a binary.
     *
     * @throws IllegalArgumentException when it is empty, absolute, has an empty, {@code .} or {@code ..} segment, a
     *     segment Fedora reserves for itself ({@code fcr:...}, {@code .fcrepo}, names with {@code ~fcr-}), or a
     *     {@code #}, which Fedora 6.0 reads as a hash URI however it is encoded
     */
    static String check(String objectPath) {
        Objects.requireNonNull(objectPath, "objectPath");
        if (objectPath.isEmpty()) {
            throw new IllegalArgumentException("not an object-relative path: " + objectPath);
        }
        for (String segment : objectPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not an object-relative path: " + objectPath);
            }
            String lower = segment.toLowerCase(Locale.ROOT);
            if (lower.startsWith("fcr:") || lower.equals(".fcrepo") || lower.contains("~fcr-")) {
                throw new IllegalArgumentException("Fedora reserves the name " + segment + " in " + objectPath);
            }
            if (segment.indexOf('#') >= 0) {
                // Fedora 6.0 takes "a#b", even sent as a%23b, for a hash URI inside a resource: 415 or 500
                throw new IllegalArgumentException("Fedora 6.0 cannot name a binary with '#': " + objectPath);
            }
        }
        return objectPath;
    }

    /** {@code objectPath} with each segment percent-encoded. */
    static String encode(String objectPath) {
        StringBuilder out = new StringBuilder();
        for (byte b : objectPath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || unreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The decoded path of {@code child} below {@code parent} (both as Fedora or Kho wrote them, compared by their raw
     * paths so host spelling does not matter), or empty when it is not below it.
     */
    static Optional<String> below(URI parent, String child) {
        String parentPath = decode(parent.getRawPath());
        if (!parentPath.endsWith("/")) {
            parentPath += "/";
        }
        String childPath;
        try {
            childPath = decode(URI.create(child).getRawPath());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!childPath.startsWith(parentPath) || childPath.length() == parentPath.length()) {
            return Optional.empty();
        }
        return Optional.of(childPath.substring(parentPath.length()));
    }

    /** Percent-decodes UTF-8; unlike URLDecoder, leaves '+' alone. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    bytes.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            }
            bytes.write(encoded, 0, encoded.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
