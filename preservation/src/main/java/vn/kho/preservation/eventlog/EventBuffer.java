package vn.kho.preservation.eventlog;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml.LogEntry;

/**
 * Where audit events wait, durably, for the day's version of the event log: what {@link #add} returns from is kept
 * through a crash. Thread-safe.
 */
public interface EventBuffer extends AutoCloseable {
    /**
     * Keeps the events of one audit of {@code id}, under {@code day}.
     *
     * @throws vn.kho.repository.StorageFailureException {@code EVENT_BUFFER_UNAVAILABLE} when they cannot be kept
     */
    void add(LocalDate day, PackageId id, List<PremisEvent> events);

    /** The days that have events waiting, oldest first. */
    SortedSet<LocalDate> days();

    /** The events waiting under {@code day}, in the order they were added. */
    List<LogEntry> entries(LocalDate day);

    /** Forgets the events under {@code day} (once they are in the event log). */
    void remove(LocalDate day);

    /** How many audits' events wait, over all days. */
    long size();

    @Override
    void close();
}
