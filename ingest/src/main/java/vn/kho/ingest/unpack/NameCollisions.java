package vn.kho.ingest.unpack;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import vn.kho.repository.Finding;

/**
 * Finds entries that would land on the same path: the same name twice, names equal after NFC normalisation, names
 * equal but for case, and a name used both as a file and as a directory (explicitly or as the parent of another
 * entry). Directories implied by file paths count, so {@code A/x} and {@code a/y} collide.
 */
final class NameCollisions {
    private record Seen(boolean directory, boolean explicit, String entry) {}

    private final Map<String, Seen> byDecoded = new HashMap<>();
    private final Map<String, String> decodedByNfc = new HashMap<>();
    private final Map<String, String> nfcByFold = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final Consumer<Finding> findings;

    NameCollisions(Consumer<Finding> findings) {
        this.findings = findings;
    }

    /**
     * Registers one entry.
     *
     * @param decoded the path as decoded, before NFC normalisation, without a trailing slash
     * @param nfc the same path normalised to NFC
     * @param entry the entry's name for messages
     */
    void add(String decoded, String nfc, boolean directory, String entry) {
        // NFC never creates or removes a '/', so the segments of both spellings line up.
        String[] decodedSegments = decoded.split("/", -1);
        String[] nfcSegments = nfc.split("/", -1);
        StringBuilder decodedParent = new StringBuilder();
        StringBuilder nfcParent = new StringBuilder();
        for (int i = 0; i < decodedSegments.length - 1; i++) {
            if (i > 0) {
                decodedParent.append('/');
                nfcParent.append('/');
            }
            decodedParent.append(decodedSegments[i]);
            nfcParent.append(nfcSegments[i]);
            register(decodedParent.toString(), nfcParent.toString(), true, false, entry);
        }
        register(decoded, nfc, directory, true, entry);
    }

    private void register(String decoded, String nfc, boolean directory, boolean explicit, String entry) {
        Seen seen = byDecoded.get(decoded);
        if (seen != null) {
            if (seen.directory() && directory) {
                if (seen.explicit() && explicit) {
                    report(ZipCodes.DUPLICATE_ENTRY, entry, "entry '" + entry + "' appears more than once");
                } else if (explicit) {
                    byDecoded.put(decoded, new Seen(true, true, entry));
                }
            } else if (!seen.directory() && !directory) {
                report(ZipCodes.DUPLICATE_ENTRY, entry, "entry '" + entry + "' appears more than once");
            } else {
                report(
                        ZipCodes.NAME_COLLISION_FILE_DIRECTORY,
                        entry,
                        "'" + decoded + "' is both a file and a directory (entries '" + seen.entry() + "' and '" + entry
                                + "')");
            }
            return;
        }
        byDecoded.put(decoded, new Seen(directory, explicit, entry));
        String otherDecoded = decodedByNfc.putIfAbsent(nfc, decoded);
        if (otherDecoded != null) {
            report(
                    ZipCodes.NAME_COLLISION_NFC,
                    entry,
                    "entry '" + entry + "' names '" + nfc + "' in a different Unicode form than '" + otherDecoded
                            + "' (" + byDecoded.get(otherDecoded).entry() + "); they are the same after NFC");
            return;
        }
        String otherNfc = nfcByFold.putIfAbsent(EntryNames.caseFold(nfc), nfc);
        if (otherNfc != null) {
            report(
                    ZipCodes.NAME_COLLISION_CASE,
                    entry,
                    "entry '" + entry + "' uses '" + nfc + "', which differs only in case from '" + otherNfc + "'");
        }
    }

    /** One finding per entry and code: a colliding parent directory is reported once, not for every file in it. */
    private void report(String code, String entry, String message) {
        if (reported.add(code + '\u0000' + entry)) {
            findings.accept(Finding.error(code, message, entry));
        }
    }
}
