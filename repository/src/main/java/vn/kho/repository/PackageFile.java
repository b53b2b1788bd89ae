package vn.kho.repository;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a stored package, by its logical path in the AIP.
 *
 * @param path logical path inside the OCFL object (forward slashes, NFC)
 * @param size bytes
 * @param sha256 lowercase hex
 * @param mediaType IANA media type, or null when not identified
 */
public record PackageFile(String path, long size, String sha256, String mediaType) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public PackageFile {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + sha256);
        }
    }
}
