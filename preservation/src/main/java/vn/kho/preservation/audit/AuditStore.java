package vn.kho.preservation.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.kho.preservation.fixity.Incident;
import vn.kho.repository.PackageId;

/**
 * The durable record of audit runs, their signed reports and incidents: operational state no replica holds, so it is
 * kept (and backed up), never rebuilt. Every write is on disk before it returns.
 */
public interface AuditStore extends AutoCloseable {
    void put(AuditRun run);

    Optional<AuditRun> get(UUID id);

    /** Every run, newest first. */
    List<AuditRun> list();

    /**
     * Keeps the report of a final run and its detached signature, once.
     *
     * @throws IllegalStateException when the run already has its report
     */
    void putReport(UUID id, byte[] json, byte[] signature);

    /** The report's JSON bytes ({@code signature} false) or its signature, as kept. */
    Optional<byte[]> report(UUID id, boolean signature);

    /** Stores (or replaces) an incident; an OPEN one becomes its package's open incident, a RESOLVED one stops it. */
    void putIncident(Incident incident);

    /** The package's OPEN incident, if any. */
    Optional<Incident> openIncident(PackageId packageId);

    /** Every incident, newest detected first. */
    List<Incident> incidents();

    @Override
    void close();
}
