package vn.kho.ingest.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;

/**
 * One submission and what became of it: durable operational state kept in the journal, never derived from replicas.
 *
 * @param id the ingest id
 * @param status where it stands
 * @param received when the upload was acknowledged
 * @param updated last change
 * @param uploadSha256 sha256 of the uploaded bytes (hex)
 * @param uploadSize bytes uploaded
 * @param packageId the package this ingest stores, once known (for a bag, chosen once and kept across restarts)
 * @param findings every finding so far
 */
public record IngestJob(
        UUID id,
        IngestStatus status,
        Instant received,
        Instant updated,
        String uploadSha256,
        long uploadSize,
        PackageId packageId,
        List<Finding> findings) {
    public IngestJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(uploadSha256, "uploadSha256");
        findings = List.copyOf(findings);
    }

    public static IngestJob received(UUID id, Instant now, String sha256, long size) {
        return new IngestJob(id, IngestStatus.RECEIVED, now, now, sha256, size, null, List.of());
    }

    public IngestJob withStatus(IngestStatus next, Instant now) {
        return new IngestJob(id, next, received, now, uploadSha256, uploadSize, packageId, findings);
    }

    public IngestJob withPackage(PackageId pkg, Instant now) {
        return new IngestJob(id, status, received, now, uploadSha256, uploadSize, pkg, findings);
    }

    public IngestJob withFindings(List<Finding> more, Instant now) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new IngestJob(id, status, received, now, uploadSha256, uploadSize, packageId, all);
    }

    /** Starting again from the upload after a restart: findings of the interrupted attempt are dropped. */
    public IngestJob restarted(Instant now) {
        return new IngestJob(id, IngestStatus.RECEIVED, received, now, uploadSha256, uploadSize, packageId, List.of());
    }
}
