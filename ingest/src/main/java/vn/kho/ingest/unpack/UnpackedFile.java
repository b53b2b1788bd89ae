package vn.kho.ingest.unpack;

import java.util.Map;
import java.util.Objects;

/**
 * A regular file taken out of a zip, hashed in the same pass that wrote it.
 *
 * @param path its entry name as decoded and checked (forward slashes, NFC, no leading slash), which is also its path
 *     below the extraction directory
 * @param size bytes actually written
 * @param digests lowercase hex digests keyed by BagIt algorithm name ({@code md5}, {@code sha1}, {@code sha224},
 *     {@code sha256}, {@code sha384}, {@code sha512}); {@code sha256} is always present
 */
public record UnpackedFile(String path, long size, Map<String, String> digests) {
    public UnpackedFile {
        Objects.requireNonNull(path, "path");
        digests = Map.copyOf(digests);
        if (!digests.containsKey("sha256")) {
            throw new IllegalArgumentException("sha256 is always computed");
        }
    }

    public String sha256() {
        return digests.get("sha256");
    }
}
