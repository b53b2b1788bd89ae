package vn.kho.preservation.eventlog.ocfl;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.preservation.eventlog.EventBuffer;
import vn.kho.preservation.eventlog.EventLog;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml;
import vn.kho.repository.premis.PremisXml.LogEntry;
import vn.kho.storage.ContentFile;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.Replica;
import vn.kho.storage.StagedObject;
import vn.kho.storage.StagedVersion;
import vn.kho.storage.ocfl.OcflVersionAppender;
import vn.kho.storage.ocfl.RootInventory;

/**
 * Keeps audit events in one OCFL object per calendar month (UTC) on every replica ({@link EventLogIds#of}), one
 * version per day.
 *
 * <p>{@link #append} puts an audit's events in the durable {@link EventBuffer} under the day (UTC) they were handed
 * over, and returns. {@link #flush} (run by {@link #start} at start-up and shortly after each midnight UTC) writes
 * every earlier day still buffered as one PREMIS event-log document ({@link PremisXml#writeLog}) at
 * {@code events/YYYY-MM-DD.xml} in a new version of that month's object, then forgets the day. A version is staged once
 * on top of the newest trustworthy copy and added to every replica holding that copy, at a cost in proportion to the
 * day's events ({@link OcflVersionAppender}); a replica that lacks the object, lags behind or holds a copy whose
 * inventory cannot be trusted is given the whole object instead. The day counts as written once one replica holds the
 * version; replicas that missed it are brought up to date by the next flush, which also catches up the current and the
 * previous month's objects.
 *
 * <p>A crash between a version being written and its day being forgotten is harmless: the next flush finds the day's
 * document, byte for byte (the document depends only on the buffered events), already in the object and writes nothing
 * new. Audit events of the current day live only in the buffer, on this machine's disk, until the next day's flush.
 */
public final class OcflEventLog implements EventLog, AutoCloseable {
    /** How long after midnight UTC the day's flush runs, so that audits still finishing at midnight are in it. */
    static final Duration AFTER_MIDNIGHT = Duration.ofMinutes(5);
    /** How soon a flush that failed is tried again. */
    static final Duration RETRY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(OcflEventLog.class);

    private final List<Replica> replicas;
    private final EventBuffer buffer;
    private final OcflVersionAppender appender;
    private final Clock clock;
    private final String agent;
    private ScheduledExecutorService timer;

    /**
     * @param replicas every replica, each of which gets every month's object
     * @param buffer where events wait for their day's version; closed by {@link #close}
     * @param stagingDir a directory of this event log's own, for staging versions
     * @param agent the software writing the documents, e.g. "Kho 0.1.0"
     */
    public OcflEventLog(List<Replica> replicas, EventBuffer buffer, Path stagingDir, Clock clock, String agent) {
        this.replicas = List.copyOf(replicas);
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.appender = new OcflVersionAppender(stagingDir.resolve("root"), stagingDir.resolve("work"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agent = Objects.requireNonNull(agent, "agent");
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("no replica for the event log");
        }
    }

    /** Keeps the events in the buffer; logs at ERROR (never throws) when the buffer cannot take them. */
    @Override
    public void append(PackageId id, List<PremisEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            buffer.add(today(), id, events);
        } catch (RuntimeException e) {
            log.error(
                    "event log: the {} event(s) of an audit of {} cannot be kept: {}", events.size(), id, e.toString());
        }
    }

    /** How many audits' events wait in the buffer for their day's version. */
    public long pending() {
        return buffer.size();
    }

    /** Flushes now, then shortly after every midnight UTC (an hour later again while a flush fails). */
    public synchronized void start() {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kho-event-log");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer = executor;
        timer.execute(this::scheduledFlush);
    }

    private void scheduledFlush() {
        Duration next;
        try {
            next = flush() ? untilNextFlush() : RETRY;
        } catch (RuntimeException e) {
            log.error("event log: flush failed, tried again in {}", RETRY, e);
            next = RETRY;
        }
        synchronized (this) {
            if (timer != null && !timer.isShutdown()) {
                timer.schedule(this::scheduledFlush, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private Duration untilNextFlush() {
        Instant now = clock.instant();
        Instant next =
                today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(AFTER_MIDNIGHT);
        return Duration.between(now, next);
    }

    /**
     * Writes every buffered day before today into its month's object and forgets it, then brings lagging replicas of
     * the months written, this month and last month up to date.
     *
     * @return whether every buffered day before today was written (a day no replica took stays buffered)
     */
    public synchronized boolean flush() {
        LocalDate today = today();
        boolean all = true;
        List<YearMonth> months = new ArrayList<>(List.of(YearMonth.from(today).minusMonths(1), YearMonth.from(today)));
        for (LocalDate day : buffer.days()) {
            if (!day.isBefore(today)) {
                continue;
            }
            try {
                write(day, buffer.entries(day));
                buffer.remove(day);
            } catch (RuntimeException e) {
                all = false;
                log.warn("event log: the events of {} stay buffered: {}", day, e.toString());
            }
            if (!months.contains(YearMonth.from(day))) {
                months.add(YearMonth.from(day));
            }
        }
        for (YearMonth month : months) {
            try {
                PackageId logId = EventLogIds.of(month);
                write(logId, copies(logId), Map.of());
            } catch (RuntimeException e) {
                log.warn("event log {}: replicas not brought up to date: {}", month, e.toString());
            }
        }
        return all;
    }

    private void write(LocalDate day, List<LogEntry> entries) {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        PremisXml.writeLog(entries, agent, xml);
        byte[] document = xml.toByteArray();
        PackageId logId = EventLogIds.of(YearMonth.from(day));
        Copies copies = copies(logId);
        Map<String, ContentFile> held = copies.root() == null
                ? Map.of()
                : copies.root().document().head().files();
        String path = null;
        for (int n = 1; path == null; n++) {
            String candidate = "events/" + day + (n == 1 ? "" : "-" + n) + ".xml";
            ContentFile there = held.get(candidate);
            if (there == null) {
                path = candidate;
            } else if (there.sha256().equals(sha256(document))) {
                log.info("event log: {} is already in {}", candidate, logId.urn());
                write(logId, copies, Map.of()); // a crash after writing it: bring the others up to date
                return;
            }
        }
        write(logId, copies, Map.of(path, document));
    }

    /**
     * Adds a version holding {@code documents} (none: adds nothing) to the object, as {@code copies} found it, on every
     * replica that holds the newest
     * trustworthy copy, and gives the whole object to every replica that holds another copy or none. Without a
     * trustworthy copy anywhere, the version is a new object, given to the replicas that hold nothing; a replica
     * holding a copy that cannot be trusted is then left alone rather than overwritten.
     *
     * @throws IllegalStateException when there were documents and no replica took them
     */
    private void write(PackageId logId, Copies copies, Map<String, byte[]> documents) {
        boolean lagging =
                copies.root != null && copies.replicas.values().stream().anyMatch(c -> c != Copy.NEWEST);
        if (documents.isEmpty() && !lagging) {
            return;
        }
        StagedVersion staged = documents.isEmpty()
                ? null
                : appender.stage(
                        logId,
                        copies.root,
                        documents,
                        "Audit events (" + String.join(", ", documents.keySet()) + ")",
                        agent,
                        PremisXml.agentUrn(agent));
        try {
            List<String> failed = new ArrayList<>();
            int took = 0;
            StagedObject whole = null;
            for (Map.Entry<Replica, Copy> e : copies.replicas.entrySet()) {
                Replica replica = e.getKey();
                Copy copy = e.getValue();
                try {
                    if (copies.root == null && copy == Copy.NONE || copy == Copy.NEWEST) {
                        if (staged != null) {
                            appender.append(replica, staged);
                            took++;
                        }
                    } else if (copies.root != null) {
                        if (whole == null) {
                            whole = staged != null
                                    ? appender.whole(staged, copies.source)
                                    : appender.copy(logId, copies.source);
                        }
                        replica.put(whole, true);
                        var findings = replica.verify(logId, whole.inventory());
                        if (!findings.isEmpty()) {
                            throw new IllegalStateException("the copy does not verify: " + findings);
                        }
                        took++;
                    } else {
                        failed.add(replica.id() + ": holds a copy that cannot be trusted, and no replica a good one");
                    }
                } catch (RuntimeException ex) {
                    failed.add(replica.id() + ": " + ex.getMessage());
                }
            }
            if (!failed.isEmpty()) {
                log.warn("event log {}: replicas not written, caught up by the next flush: {}", logId.urn(), failed);
            }
            if (staged != null && took == 0) {
                throw new IllegalStateException("no replica took the new version of " + logId.urn() + ": " + failed);
            }
        } finally {
            appender.discard(logId);
        }
    }

    /** What a replica holds of an event-log object. */
    private enum Copy {
        NONE,
        NEWEST,
        OTHER,
        UNTRUSTED
    }

    /** The newest trustworthy copy of an object (root and source null when there is none) and every replica's. */
    private record Copies(RootInventory root, Replica source, Map<Replica, Copy> replicas) {}

    private Copies copies(PackageId logId) {
        Map<Replica, Optional<RootInventory>> roots = new LinkedHashMap<>();
        RootInventory newest = null;
        Replica source = null;
        for (Replica replica : replicas) {
            try {
                Optional<RootInventory> root = RootInventory.read(replica, logId);
                roots.put(replica, root);
                if (root.isPresent() && (newest == null || root.get().headVersion() > newest.headVersion())) {
                    newest = root.get();
                    source = replica;
                }
            } catch (RuntimeException e) {
                log.warn(
                        "event log {}: the copy on replica {} cannot be trusted: {}",
                        logId.urn(),
                        replica.id(),
                        e.toString());
                roots.put(replica, null);
            }
        }
        Map<Replica, Copy> copies = new LinkedHashMap<>();
        for (var e : roots.entrySet()) {
            Optional<RootInventory> root = e.getValue();
            copies.put(
                    e.getKey(),
                    root == null
                            ? Copy.UNTRUSTED
                            : root.isEmpty()
                                    ? Copy.NONE
                                    : root.get()
                                                    .document()
                                                    .sha256()
                                                    .equals(newest.document().sha256())
                                            ? Copy.NEWEST
                                            : Copy.OTHER);
        }
        return new Copies(newest, source, copies);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the daily flush (buffered events stay in the buffer) and closes the buffer. */
    @Override
    public void close() {
        synchronized (this) {
            if (timer != null) {
                timer.shutdown();
            }
        }
        if (timer != null) {
            try {
                if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("event log: a flush still runs at close; its day stays buffered");
                    timer.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        buffer.close();
    }
}
