package vn.kho.storage;

import java.util.Objects;

/**
 * One logical file of an OCFL object version as its inventory states it.
 *
 * @param logicalPath path in the version state
 * @param contentPath object-relative content path (e.g. {@code v1/content/METS.xml})
 * @param sha256 lowercase hex digest from the inventory
 * @param size bytes on disk
 */
public record ContentFile(String logicalPath, String contentPath, String sha256, long size) {
    public ContentFile {
        Objects.requireNonNull(logicalPath, "logicalPath");
        Objects.requireNonNull(contentPath, "contentPath");
        Objects.requireNonNull(sha256, "sha256");
    }
}
