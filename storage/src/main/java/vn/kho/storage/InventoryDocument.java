package vn.kho.storage;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCFL inventory (an {@code inventory.json}) as read from its bytes and found valid: what an audit needs to locate
 * every file of an object and to tell a stray file from a legitimate one.
 *
 * @param sha256 lowercase hex digest of the inventory's bytes, as its sidecar should state it
 * @param head the head version in Kho's terms (content sizes are -1: a document says nothing about the disk)
 * @param headVersion the head version's directory name, e.g. {@code v1}
 * @param versions every version's directory name, oldest first
 * @param manifest every content path of every version (object-root-relative) with its lowercase sha256
 */
public record InventoryDocument(
        String sha256, ObjectInventory head, String headVersion, List<String> versions, Map<String, String> manifest) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public InventoryDocument {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + sha256);
        }
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(headVersion, "headVersion");
        versions = List.copyOf(versions);
        manifest = Map.copyOf(manifest);
        if (!versions.contains(headVersion)) {
            throw new IllegalArgumentException("head " + headVersion + " is not one of the versions " + versions);
        }
    }
}
