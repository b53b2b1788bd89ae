package vn.kho.storage.ocfl;

import io.ocfl.api.model.OcflVersion;
import io.ocfl.api.model.ValidationIssue;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.api.model.VersionNum;
import io.ocfl.core.inventory.InventoryMapper;
import io.ocfl.core.model.Inventory;
import io.ocfl.core.validation.SimpleInventoryParser;
import io.ocfl.core.validation.SimpleInventoryValidator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.kho.repository.KhoException;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.ObjectInventory;

/**
 * Reads an OCFL inventory from its bytes, wherever they came from (a filesystem replica, later an S3 or Fedora one),
 * and validates it as the OCFL 1.1 specification demands, with ocfl-java's own inventory parser and validator (the
 * ones its object validator uses). An audit uses it to decide whether a replica's inventory can be trusted.
 */
public final class OcflInventoryParser {
    /** The root inventory's name, also that of each version's copy of it. */
    public static final String INVENTORY = OcflInventories.INVENTORY;
    /** The sidecar holding the inventory's sha256 digest. */
    public static final String SIDECAR = OcflInventories.SIDECAR;
    /** The object's NAMASTE declaration, as Kho writes it. */
    public static final String OBJECT_NAMASTE = "0=ocfl_object_1.1";
    /** What {@link #OBJECT_NAMASTE} contains. */
    public static final String OBJECT_NAMASTE_CONTENT = "ocfl_object_1.1\n";

    private static final InventoryMapper MAPPER = InventoryMapper.defaultMapper();
    private static final Pattern SIDECAR_LINE = Pattern.compile("([0-9a-fA-F]{64})[ \\t]+inventory\\.json\\s*");

    private OcflInventoryParser() {}

    /**
     * Parses and validates an inventory.
     *
     * @param json the inventory's bytes
     * @param objectRootPath where the object is (for ocfl-java's messages)
     * @throws StorageFailureException {@code OCFL_INVENTORY_INVALID} naming every OCFL validation error (E-codes) when
     *     the bytes are not JSON or not a valid OCFL inventory, or when its digest algorithm is not sha256 or its id is
     *     not a Kho package id
     */
    public static InventoryDocument parse(byte[] json, String objectRootPath) {
        SimpleInventoryParser.ParseSimpleInventoryResult parsed =
                new SimpleInventoryParser().parse(new ByteArrayInputStream(json), INVENTORY);
        List<String> errors = new ArrayList<>(errors(parsed.getValidationResults()));
        if (parsed.getInventory().isPresent()) {
            errors.addAll(errors(new SimpleInventoryValidator()
                    .validateInventory(
                            parsed.getInventory().get(),
                            INVENTORY,
                            OcflVersion.OCFL_1_1,
                            SimpleInventoryValidator.VersionEquality.LESS_THAN_OR_EQUAL)));
        } else if (errors.isEmpty()) {
            errors.add("not an OCFL inventory");
        }
        if (!errors.isEmpty()) {
            throw invalid(String.join("; ", errors), null);
        }
        try {
            Inventory inventory = MAPPER.readNoDigest(objectRootPath, new ByteArrayInputStream(json));
            ObjectInventory head = OcflInventories.describe(inventory, null);
            Map<String, String> manifest = new LinkedHashMap<>();
            inventory.getManifest().forEach((digest, paths) -> {
                for (String path : paths) {
                    manifest.put(path, digest.toLowerCase(Locale.ROOT));
                }
            });
            List<String> versions = inventory.getVersions().keySet().stream()
                    .sorted()
                    .map(VersionNum::toString)
                    .toList();
            return new InventoryDocument(
                    Sha256.of(json), head, inventory.getHead().toString(), versions, manifest);
        } catch (KhoException e) {
            throw invalid(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw invalid(e.toString(), e);
        }
    }

    /**
     * The digest a sidecar states, in lowercase.
     *
     * @throws StorageFailureException {@code OCFL_SIDECAR_INVALID} unless the sidecar is one line of a sha256 hex
     *     digest, whitespace and {@code inventory.json}, as OCFL requires
     */
    public static String sidecarDigest(byte[] sidecar) {
        String text = new String(sidecar, StandardCharsets.UTF_8);
        Matcher m = SIDECAR_LINE.matcher(text);
        if (!m.matches()) {
            String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
            throw new StorageFailureException(
                    "OCFL_SIDECAR_INVALID",
                    "the sidecar is not '<sha256> inventory.json': " + shown.replaceAll("\\p{Cntrl}", "?"));
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    private static List<String> errors(ValidationResults results) {
        return results.getErrors().stream().map(OcflInventoryParser::describe).collect(Collectors.toList());
    }

    private static String describe(ValidationIssue issue) {
        return issue.getCode() + " " + issue.getMessage();
    }

    private static StorageFailureException invalid(String detail, Throwable cause) {
        return new StorageFailureException(
                "OCFL_INVENTORY_INVALID", "not a valid Kho OCFL inventory: " + detail, cause);
    }
}
