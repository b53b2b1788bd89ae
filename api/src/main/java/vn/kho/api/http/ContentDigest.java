package vn.kho.api.http;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 9530 digest fields: parses the sha-256 member of a {@code Content-Digest} request header and formats
 * {@code Repr-Digest} response headers. Other algorithms in the field are ignored (sha-256 is the one Kho checks).
 */
final class ContentDigest {
    private static final Pattern MEMBER = Pattern.compile("\\s*([a-z0-9-]+)\\s*=\\s*:([A-Za-z0-9+/=]*):\\s*");

    private ContentDigest() {}

    /**
     * The sha-256 value (hex) of a {@code Content-Digest} header; empty when the header is absent or names only other
     * algorithms. A malformed header or a sha-256 value that is not 32 bytes is a 400 {@code UPLOAD_DIGEST_MALFORMED}.
     */
    static Optional<String> sha256Hex(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        for (String member : header.split(",")) {
            Matcher m = MEMBER.matcher(member);
            if (!m.matches()) {
                throw malformed(header);
            }
            if (m.group(1).toLowerCase(Locale.ROOT).equals("sha-256")) {
                byte[] value;
                try {
                    value = Base64.getDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw malformed(header);
                }
                if (value.length != 32) {
                    throw malformed(header);
                }
                return Optional.of(HexFormat.of().formatHex(value));
            }
        }
        return Optional.empty();
    }

    /** {@code sha-256=:<base64>:} for a hex sha256. */
    static String format(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }

    private static ApiException malformed(String header) {
        return new ApiException(
                400,
                "UPLOAD_DIGEST_MALFORMED",
                "Content-Digest must be an RFC 9530 field such as sha-256=:<base64 of 32 bytes>:, got: " + header);
    }
}
