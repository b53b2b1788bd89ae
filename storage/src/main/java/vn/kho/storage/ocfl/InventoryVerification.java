package vn.kho.storage.ocfl;

import io.ocfl.core.model.Inventory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import vn.kho.repository.Finding;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageId;
import vn.kho.storage.ContentFile;
import vn.kho.storage.ObjectInventory;

/**
 * The inventory half of {@link vn.kho.storage.Replica#verify}, the same for every kind of replica: the root inventory
 * agrees with its sidecar and with its head version's copy, names the expected object and version, and states exactly
 * the expected files at the expected content paths with the expected digests. Every disagreement is a finding coded
 * {@code OCFL_INVENTORY_MISMATCH}, located at the path concerned.
 */
public final class InventoryVerification {
    /** Reads one file of the object; null when it is missing or unreadable, after adding the finding that says so. */
    @FunctionalInterface
    public interface Reader {
        byte[] read(String objectPath, List<Finding> findings);
    }

    private InventoryVerification() {}

    /**
     * @param replicaId named in every finding
     * @param where where the object is, for a parser's messages
     */
    public static void verify(
            String replicaId,
            PackageId pid,
            ObjectInventory expected,
            String where,
            Reader reader,
            List<Finding> findings) {
        byte[] rootInventory = reader.read(OcflInventories.INVENTORY, findings);
        byte[] sidecar = reader.read(OcflInventories.SIDECAR, findings);
        if (rootInventory != null && sidecar != null) {
            String recorded = sidecarDigest(sidecar);
            String actual = Sha256.of(rootInventory);
            if (!actual.equalsIgnoreCase(recorded)) {
                findings.add(mismatch(
                        replicaId,
                        "inventory.json has sha256 " + actual + " but its sidecar says " + recorded,
                        OcflInventories.INVENTORY));
            }
        }
        if (rootInventory == null) {
            return;
        }
        Inventory parsed;
        ObjectInventory actual;
        try {
            parsed = OcflInventories.read(new ByteArrayInputStream(rootInventory), where);
            actual = OcflInventories.describeWithSizes(parsed, path -> -1L);
        } catch (KhoException e) {
            findings.add(
                    mismatch(replicaId, "inventory.json cannot be read: " + e.getMessage(), OcflInventories.INVENTORY));
            return;
        }
        String versionInventory = parsed.getHead() + "/" + OcflInventories.INVENTORY;
        byte[] headCopy = reader.read(versionInventory, findings);
        if (headCopy != null && !Arrays.equals(headCopy, rootInventory)) {
            findings.add(mismatch(replicaId, versionInventory + " differs from the root inventory", versionInventory));
        }
        if (!actual.id().equals(pid) || actual.headVersion() != expected.headVersion()) {
            findings.add(mismatch(
                    replicaId,
                    "inventory names " + actual.id().urn() + " v" + actual.headVersion() + ", expected "
                            + expected.id().urn() + " v" + expected.headVersion(),
                    OcflInventories.INVENTORY));
        }
        for (ContentFile want : expected.files().values()) {
            ContentFile got = actual.files().get(want.logicalPath());
            if (got == null
                    || !got.contentPath().equals(want.contentPath())
                    || !got.sha256().equals(want.sha256())) {
                findings.add(mismatch(
                        replicaId,
                        "inventory states " + (got == null ? "no file" : got.sha256() + " at " + got.contentPath())
                                + " for " + want.logicalPath() + ", expected " + want.sha256() + " at "
                                + want.contentPath(),
                        want.logicalPath()));
            }
        }
        for (String logicalPath : actual.files().keySet()) {
            if (!expected.files().containsKey(logicalPath)) {
                findings.add(mismatch(replicaId, "inventory states an unexpected file " + logicalPath, logicalPath));
            }
        }
    }

    /** The digest a sidecar states (its first word), leniently: a malformed sidecar simply disagrees. */
    private static String sidecarDigest(byte[] sidecar) {
        String text = new String(sidecar, StandardCharsets.UTF_8).strip();
        int space = text.indexOf(' ');
        int tab = text.indexOf('\t');
        int end = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
        return end < 0 ? text : text.substring(0, end);
    }

    private static Finding mismatch(String replicaId, String detail, String path) {
        return Finding.error("OCFL_INVENTORY_MISMATCH", "replica " + replicaId + ": " + detail, path);
    }
}
