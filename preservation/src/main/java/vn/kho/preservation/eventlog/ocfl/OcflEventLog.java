package vn.kho.preservation.eventlog.ocfl;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.preservation.eventlog.EventLog;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.Replica;
import vn.kho.storage.StagedObject;
import vn.kho.storage.ocfl.OcflVersionAppender;

/**
 * Keeps audit events in one OCFL object per calendar month (UTC) on every replica, id {@link EventLogIds#of}.
 *
 * <p>Each {@link #append} writes one new version of the month's object holding one PREMIS document (written by
 * {@link PremisXml}, for the audited package) at {@code events/YYYY-MM-DD/<package uuid>-<first event id>.xml}, the
 * date being the day (UTC) the audit's events were handed over. The version is staged from the copy with the highest head version among the
 * replicas, then put (replacing the old copy) and verified on each replica in turn, so a crash spoils at most the
 * one replica being written, and the next append copies the newest version back onto it. Appends are serialised.
 *
 * <p>When no replica takes the new version (staging or every put fails), the events are logged at WARN and kept in
 * memory, and written with the next append, in the same version; they are lost if Kho stops before an append
 * succeeds. Once at least one replica holds a version the events count as kept; a replica that missed it is logged and
 * catches up with the next append.
 *
 * <p>One version per append (not per day), and every append copies the month's object, so the cost of an append grows
 * with the number of audits that month.
 */
public final class OcflEventLog implements EventLog {
    private static final Logger log = LoggerFactory.getLogger(OcflEventLog.class);

    private final List<Replica> replicas;
    private final OcflVersionAppender appender;
    private final Clock clock;
    private final String agent;
    /** Documents not yet in the log, by logical path, in order of their audits. */
    private final Map<String, byte[]> pending = new LinkedHashMap<>();

    /**
     * @param replicas every replica, each of which gets every month's object
     * @param stagingDir a directory of this event log's own, for staging versions
     * @param agent the software writing the documents, e.g. "Kho 0.1.0"
     */
    public OcflEventLog(List<Replica> replicas, Path stagingDir, Clock clock, String agent) {
        this.replicas = List.copyOf(replicas);
        this.appender = new OcflVersionAppender(stagingDir.resolve("root"), stagingDir.resolve("work"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agent = Objects.requireNonNull(agent, "agent");
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("no replica for the event log");
        }
    }

    @Override
    public synchronized void append(PackageId id, List<PremisEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            PremisXml.write(id, events, agent, xml);
            pending.put("events/" + today + "/" + id + "-" + events.get(0).id() + ".xml", xml.toByteArray());
        } catch (RuntimeException e) {
            // kept back, it would stop every later append too
            log.warn(
                    "event log: the events of an audit of {} cannot be written as PREMIS, dropped: {}",
                    id,
                    e.toString());
            return;
        }
        try {
            write(YearMonth.from(today));
            pending.clear();
        } catch (RuntimeException e) {
            log.warn(
                    "event log: {} audit event document(s) not written, kept in memory for the next append: {}",
                    pending.size(),
                    e.toString());
        }
    }

    /** How many audits' events wait in memory for an append that succeeds. */
    public synchronized int pending() {
        return pending.size();
    }

    private void write(YearMonth month) {
        PackageId logId = EventLogIds.of(month);
        Replica source = newest(logId);
        Map<String, byte[]> documents = new LinkedHashMap<>(pending);
        if (source != null) {
            // a version that was taken for failed (its verification failed everywhere) may hold some already
            documents.keySet().removeAll(source.inventory(logId).files().keySet());
        }
        if (documents.isEmpty()) {
            return;
        }
        StagedObject staged = appender.stage(
                logId,
                source,
                documents,
                "Audit events (" + documents.size() + " document(s))",
                agent,
                PremisXml.agentUrn(agent));
        try {
            List<String> failed = new ArrayList<>();
            for (Replica replica : replicas) {
                try {
                    replica.put(staged, true);
                    List<Finding> findings = replica.verify(logId, staged.inventory());
                    if (Findings.hasErrors(findings)) {
                        failed.add(replica.id() + ": " + findings);
                    }
                } catch (RuntimeException e) {
                    failed.add(replica.id() + ": " + e.getMessage());
                }
            }
            if (failed.size() == replicas.size()) {
                throw new IllegalStateException("no replica took event-log version v"
                        + staged.inventory().headVersion() + " of " + logId.urn() + ": " + failed);
            }
            if (!failed.isEmpty()) {
                log.warn(
                        "event log {} v{}: not on every replica, to be copied again with the next append: {}",
                        logId.urn(),
                        staged.inventory().headVersion(),
                        failed);
            }
        } finally {
            appender.discard(logId);
        }
    }

    /** The replica whose copy of the object has the highest head version; null when none holds a readable copy. */
    private Replica newest(PackageId logId) {
        Replica best = null;
        int head = 0;
        for (Replica replica : replicas) {
            try {
                if (replica.contains(logId)) {
                    int v = replica.inventory(logId).headVersion();
                    if (v > head) {
                        head = v;
                        best = replica;
                    }
                }
            } catch (RuntimeException e) {
                log.warn(
                        "event log {}: replica {} unreadable, not copied from: {}",
                        logId.urn(),
                        replica.id(),
                        e.toString());
            }
        }
        return best;
    }
}
