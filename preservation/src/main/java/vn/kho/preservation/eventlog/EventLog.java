package vn.kho.preservation.eventlog;

import java.util.List;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;

/**
 * Where the PREMIS events of audits are kept, apart from the packages they are about, so that they outlive the index
 * and the audit store.
 */
public interface EventLog {
    /**
     * Records the events of one audit of package {@code id}. Never throws: an event log that cannot be written must
     * not fail the audit; an implementation says what becomes of events it could not write.
     */
    void append(PackageId id, List<PremisEvent> events);

    /** An event log that keeps nothing. */
    static EventLog none() {
        return (id, events) -> {};
    }
}
