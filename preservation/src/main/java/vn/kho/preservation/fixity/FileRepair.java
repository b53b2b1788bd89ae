package vn.kho.preservation.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;

/**
 * Replaces one bad content file on one replica with a copy from another replica whose copy verifies now. The source is
 * verified by the very read that copies it: the replica writing the file hashes the bytes on their way and publishes
 * them only when they have the index's sha256 ({@link Replica#writeObjectFile}), so a source that went bad since it was
 * checked is caught, recorded in the index and passed over, and no unverified byte is ever put in place. The repaired
 * copy, forced to disk before its rename, is then read again; only if that read finds it good is it repaired.
 */
final class FileRepair {
    /** What one repair did, and which sources turned out bad meanwhile (recorded in the index already). */
    record Outcome(Repair repair, Map<String, Classification> badSources) {}

    private final PackageIndex index;
    private final ContentCheck contents;
    private final Clock clock;

    FileRepair(PackageIndex index, ContentCheck contents, Clock clock) {
        this.index = index;
        this.contents = contents;
        this.clock = clock;
    }

    /**
     * @param objectPath where the file belongs in the target's object
     * @param files the package files this content backs (the same sha256)
     * @param sources copies verified in this run on other replicas, in order of preference
     */
    Outcome repair(Replica target, PackageId id, String objectPath, List<PackageFile> files, List<Source> sources) {
        PackageFile file = files.get(0);
        List<String> paths = files.stream().map(PackageFile::path).toList();
        Map<String, Classification> badSources = new LinkedHashMap<>();
        List<String> passedOver = new ArrayList<>();
        for (Source source : sources) {
            String from = source.replica().id();
            WatchedInput in = null;
            try (InputStream raw = source.replica().openObjectFile(id, source.objectPath())) {
                in = new WatchedInput(raw);
                target.writeObjectFile(id, objectPath, in, file.sha256());
            } catch (FixityMismatchException e) {
                sourceWentBad(id, paths, from, Classification.MISMATCH, badSources);
                passedOver.add(
                        "replica " + from + "'s copy no longer verifies (" + e.code() + ": " + e.getMessage() + ")");
                continue;
            } catch (NotFoundException e) {
                if (in != null) {
                    return failed(target, objectPath, paths, badSources, "it cannot be written: " + e.getMessage());
                }
                sourceWentBad(id, paths, from, Classification.MISSING, badSources);
                passedOver.add("replica " + from + "'s copy is gone");
                continue;
            } catch (KhoException | IOException e) {
                if (in == null || in.failure() != null) {
                    sourceWentBad(id, paths, from, Classification.UNREADABLE, badSources);
                    passedOver.add("replica " + from + "'s copy cannot be read (" + e + ")");
                    continue;
                }
                // the target could not take it: another source would fare no better
                return failed(
                        target,
                        objectPath,
                        paths,
                        badSources,
                        "writing it from replica " + from + " failed: " + e.getMessage());
            }
            CopyResult recheck = contents.recheck(target, id, file, objectPath);
            for (String path : paths) {
                index.recordVerification(
                        id,
                        path,
                        target.id(),
                        recheck.checkedAt(),
                        recheck.classification().outcome());
            }
            String detail = "repair of " + String.join(", ", paths) + " (" + objectPath + ") on replica " + target.id()
                    + " from replica " + from + ": written, forced to disk and read again: "
                    + recheck.classification() + (recheck.isOk() ? "" : " (" + recheck.detail() + ")")
                    + (passedOver.isEmpty() ? "" : "; passed over: " + String.join("; ", passedOver));
            return new Outcome(
                    new Repair(
                            target.id(),
                            RepairKind.FILE,
                            objectPath,
                            paths,
                            from,
                            recheck.isOk(),
                            clock.instant(),
                            detail),
                    badSources);
        }
        return failed(
                target,
                objectPath,
                paths,
                badSources,
                "no other replica holds a copy that verifies"
                        + (passedOver.isEmpty() ? "" : " (" + String.join("; ", passedOver) + ")"));
    }

    private void sourceWentBad(
            PackageId id,
            List<String> paths,
            String replicaId,
            Classification found,
            Map<String, Classification> badSources) {
        badSources.put(replicaId, found);
        for (String path : paths) {
            index.recordVerification(id, path, replicaId, clock.instant(), found.outcome());
        }
    }

    private Outcome failed(
            Replica target, String objectPath, List<String> paths, Map<String, Classification> badSources, String why) {
        return new Outcome(
                new Repair(
                        target.id(),
                        RepairKind.FILE,
                        objectPath,
                        paths,
                        null,
                        false,
                        clock.instant(),
                        "repair of " + String.join(", ", paths) + " (" + objectPath + ") on replica " + target.id()
                                + " not done: " + why),
                badSources);
    }
}
