package vn.kho.storage.ocfl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ocfl.api.DigestAlgorithmRegistry;
import io.ocfl.core.inventory.InventoryMapper;
import io.ocfl.core.model.Inventory;
import io.ocfl.core.model.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ContentFile;
import vn.kho.storage.ObjectInventory;

/**
 * Reads an object's root inventory with ocfl-java's own mapper and states its head version in Kho's terms. Public so
 * that replicas kept elsewhere than on a filesystem read inventories the same way.
 */
public final class OcflInventories {
    public static final String INVENTORY = "inventory.json";
    public static final String SIDECAR = "inventory.json.sha256";

    private static final InventoryMapper MAPPER = InventoryMapper.defaultMapper();
    private static final JsonFactory JSON = new JsonFactory();

    private OcflInventories() {}

    /** Parses {@code objectDir/inventory.json}; a missing or malformed inventory is a StorageFailureException. */
    static Inventory read(Path objectDir) {
        Path file = objectDir.resolve(INVENTORY);
        try {
            return MAPPER.readNoDigest(objectDir.toString(), file);
        } catch (RuntimeException e) {
            throw new StorageFailureException("OCFL_INVENTORY_UNREADABLE", "cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Parses an inventory from its bytes; a malformed one is a StorageFailureException naming {@code location}.
     */
    public static Inventory read(InputStream in, String location) {
        try {
            return MAPPER.readNoDigest(location, in);
        } catch (RuntimeException e) {
            throw new StorageFailureException("OCFL_INVENTORY_UNREADABLE", "cannot read " + location + ": " + e, e);
        }
    }

    /**
     * The top-level {@code id} of {@code objectDir/inventory.json}, read without parsing the rest of it; empty when the
     * file is missing, is not JSON or has no string id.
     */
    static Optional<String> idOf(Path objectDir) {
        try (JsonParser json = JSON.createParser(objectDir.resolve(INVENTORY).toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("id")) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(json.getText()) : Optional.empty();
                }
                json.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The head version's files; sizes are read from disk under {@code objectDir} (-1 for a missing file, and for every
     * file when {@code objectDir} is null: an inventory read from its bytes alone).
     */
    static ObjectInventory describe(Inventory inventory, Path objectDir) {
        return describeWithSizes(
                inventory, contentPath -> objectDir == null ? -1 : sizeOf(objectDir.resolve(contentPath)));
    }

    /**
     * The head version's files, each with the size {@code sizes} gives for its content path (-1 for an unknown
     * size).
     */
    public static ObjectInventory describeWithSizes(Inventory inventory, ToLongFunction<String> sizes) {
        PackageId id;
        try {
            id = PackageId.parse(inventory.getId());
        } catch (KhoException e) {
            throw new StorageFailureException(
                    "OCFL_OBJECT_ID_INVALID", "object id is not a Kho package id: " + inventory.getId(), e);
        }
        if (!DigestAlgorithmRegistry.sha256.equals(inventory.getDigestAlgorithm())) {
            throw new StorageFailureException(
                    "OCFL_DIGEST_ALGORITHM_UNSUPPORTED",
                    "object " + inventory.getId() + " uses "
                            + inventory.getDigestAlgorithm().getOcflName() + "; Kho objects use sha256");
        }
        Version head = inventory.getHeadVersion();
        Map<String, ContentFile> files = new HashMap<>();
        head.getState().forEach((digest, logicalPaths) -> {
            String contentPath = inventory.getContentPath(digest);
            long size = sizes.applyAsLong(contentPath);
            String sha256 = digest.toLowerCase(Locale.ROOT);
            for (String logicalPath : logicalPaths) {
                files.put(logicalPath, new ContentFile(logicalPath, contentPath, sha256, size));
            }
        });
        return new ObjectInventory(
                id, (int) inventory.getHead().getVersionNum(), head.getCreated().toInstant(), files);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
