package vn.kho.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.kho.repository.PackageId;

/**
 * When each copy of each package (a package's object on one replica) is next due for a fixity check: the due-queue
 * the audit scheduler works from, so that finding due work never scans every package. Kept in the index, so it is
 * derived state: after an index rebuild every copy is scheduled afresh.
 */
public interface CopySchedule {
    /** Sets when the copy of {@code id} on {@code replicaId} is next due, replacing any earlier time. */
    void schedule(PackageId id, String replicaId, Instant due);

    /** The copies due at or before {@code now}, earliest first, at most {@code limit}. */
    List<DueCopy> due(Instant now, int limit);

    /** When the copy is next due, if it is scheduled. */
    Optional<Instant> nextDue(PackageId id, String replicaId);

    /** The copy due first, if any is scheduled. */
    Optional<DueCopy> first();

    /** How many copies are scheduled. */
    long scheduled();

    /** Forgets every copy of {@code id}. */
    void unschedule(PackageId id);

    /** One scheduled copy. */
    record DueCopy(PackageId id, String replicaId, Instant due) {
        public DueCopy {
            java.util.Objects.requireNonNull(id, "id");
            java.util.Objects.requireNonNull(replicaId, "replicaId");
            java.util.Objects.requireNonNull(due, "due");
        }
    }
}
