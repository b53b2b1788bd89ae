package vn.kho.preservation.fixity;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageId;
import vn.kho.storage.Replica;

/**
 * Removes a stray file (one no inventory references) from a replica's object, and checks that it is gone.
 *
 * <p>Removed, not quarantined: a quarantine inside the storage root would have to live under its {@code extensions/}
 * directory, and ocfl-java, opened with its defaults, refuses a storage root holding an extension it does not know
 * (the reason {@link vn.kho.storage.ocfl.FilesystemReplica} removes its own incoming area whenever it is idle). A stray
 * is no part of any package, and what it was (path, size, sha256) stays on record in the check's result and in the
 * PREMIS event of its removal.
 */
final class ExtraFileRemoval {
    private final Clock clock;

    ExtraFileRemoval(Clock clock) {
        this.clock = clock;
    }

    Repair remove(Replica target, PackageId id, CopyResult stray) {
        String path = stray.objectPath();
        String what = "removal of " + path + " from replica " + target.id() + " (" + stray.detail() + ")";
        try {
            target.removeObjectFile(id, path);
            boolean gone;
            try (Stream<String> listed = target.objectFiles(id)) {
                gone = listed.noneMatch(path::equals);
            }
            return new Repair(
                    target.id(),
                    RepairKind.EXTRA_REMOVED,
                    path,
                    List.of(),
                    null,
                    gone,
                    clock.instant(),
                    what + (gone ? ": removed" : ": still there after its removal"));
        } catch (KhoException | IllegalArgumentException e) {
            return new Repair(
                    target.id(),
                    RepairKind.EXTRA_REMOVED,
                    path,
                    List.of(),
                    null,
                    false,
                    clock.instant(),
                    what + ": failed: " + e.getMessage());
        }
    }
}
