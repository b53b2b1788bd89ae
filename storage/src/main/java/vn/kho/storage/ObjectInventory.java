package vn.kho.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import vn.kho.repository.PackageId;

/** What an OCFL object's inventory says about its head version, in Kho's terms. */
public record ObjectInventory(PackageId id, int headVersion, Instant created, Map<String, ContentFile> files) {
    public ObjectInventory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        files = Map.copyOf(files);
    }
}
