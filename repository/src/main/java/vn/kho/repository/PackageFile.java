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
 * @param format the identified format; null when the file was not characterised
 * @param validation how the file validated; null when the file was not characterised
 */
public record PackageFile(
        String path, long size, String sha256, String mediaType, FileFormat format, FileValidation validation) {
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

    /** A file that was not characterised. */
    public PackageFile(String path, long size, String sha256, String mediaType) {
        this(path, size, sha256, mediaType, null, null);
    }

    /** This file with its characterisation. */
    public PackageFile characterised(FileFormat newFormat, FileValidation newValidation) {
        return new PackageFile(path, size, sha256, mediaType, newFormat, newValidation);
    }
}
