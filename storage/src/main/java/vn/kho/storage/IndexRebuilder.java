package vn.kho.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;

/**
 * Rebuilds the package index from the replicas alone: the index is derived, storage is the source of truth.
 *
 * <p>The index is cleared; then every object that any replica holds is read (its description from the first replica,
 * in configured order, whose copy can be read) and written as ACTIVE with, per file, one {@link CopyStatus} for each
 * replica that holds the object (storage path filled, never verified since the rebuild). Event-log objects (see
 * {@link EventLogIds}) are not packages and are left out.
 */
public final class IndexRebuilder {

    /** What a rebuild found. */
    public record Report(int packages, int files, int copies, List<PackageId> unreadable) {
        public Report {
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * @param replicas every configured replica, in order of preference for reading
     * @return counts of packages and files indexed, copies recorded, and the ids of objects no replica could describe
     *     (those are not in the index; an audit must look at them)
     */
    public Report rebuild(List<Replica> replicas, PackageIndex index, StoredPackageReader reader) {
        Map<PackageId, List<Replica>> holders = new TreeMap<>(Comparator.comparing(PackageId::toString));
        for (Replica replica : replicas) {
            try (Stream<PackageId> ids = replica.list()) {
                // event-log objects hold audit events, not a package: they are kept on the replicas, never indexed
                ids.filter(id -> !EventLogIds.isEventLog(id))
                        .forEach(id -> holders.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(replica));
            }
        }
        index.clear();
        int packages = 0;
        int files = 0;
        int copies = 0;
        List<PackageId> unreadable = new ArrayList<>();
        for (Map.Entry<PackageId, List<Replica>> entry : holders.entrySet()) {
            PackageId id = entry.getKey();
            Source source = readFromFirstGoodCopy(id, entry.getValue(), reader);
            if (source == null) {
                unreadable.add(id);
                continue;
            }
            List<IndexedFile> indexed = new ArrayList<>();
            for (PackageFile file : source.description.files()) {
                ContentFile content = source.inventory.files().get(file.path());
                List<CopyStatus> statuses = new ArrayList<>();
                for (Replica holder : entry.getValue()) {
                    // Copies are byte-identical by design, so the content path read from one copy holds for all;
                    // where a copy differs the next audit finds it at exactly this path.
                    String storagePath = content == null ? null : holder.storagePath(id, content.contentPath());
                    statuses.add(new CopyStatus(holder.id(), storagePath, null, null));
                }
                indexed.add(new IndexedFile(file, statuses));
                copies += statuses.size();
            }
            // a package some replica lacks was stored on the quorum, or the replica is new: the catch-up copies it
            PackageState state =
                    entry.getValue().size() < replicas.size() ? PackageState.UNDER_REPLICATED : PackageState.ACTIVE;
            index.put(new IndexedPackage(source.description, state), indexed);
            packages++;
            files += indexed.size();
        }
        return new Report(packages, files, copies, unreadable);
    }

    private static Source readFromFirstGoodCopy(PackageId id, List<Replica> holders, StoredPackageReader reader) {
        for (Replica replica : holders) {
            try {
                PackageDescription description = reader.read(replica, id);
                ObjectInventory inventory = replica.inventory(id);
                return new Source(description, inventory);
            } catch (RuntimeException e) {
                // this copy cannot be read (a KhoException, or a parser's unchecked failure): try the next replica
            }
        }
        return null;
    }

    private record Source(PackageDescription description, ObjectInventory inventory) {}
}
