package vn.kho.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.IngestStatus;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.IndexedPackage;

/**
 * The check record of one ingest (biên bản kiểm tra): what was received, every finding, the decision and, once the
 * package is stored, every content file with its identified format and validation. Built once, rendered as JSON or
 * as a printable page ({@link ReportPage}).
 *
 * @param job the ingest
 * @param stored the package as indexed, when the ingest stored it
 * @param files the package's files as indexed (empty unless stored)
 */
record IngestReport(IngestJob job, Optional<IndexedPackage> stored, List<IndexedFile> files) {
    /** The decision a clerk reads first. */
    enum Outcome {
        ACCEPTED,
        ACCEPTED_WITH_WARNINGS,
        REJECTED,
        FAILED,
        IN_PROGRESS
    }

    IngestReport {
        files = List.copyOf(files);
    }

    Outcome outcome() {
        return switch (job.status()) {
            case STORED -> counts().get(Severity.WARNING) > 0 ? Outcome.ACCEPTED_WITH_WARNINGS : Outcome.ACCEPTED;
            case REJECTED -> Outcome.REJECTED;
            case FAILED -> Outcome.FAILED;
            default -> Outcome.IN_PROGRESS;
        };
    }

    Map<Severity, Integer> counts() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : job.findings()) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    /** The files a clerk checks: the package's content, without Kho's byte-for-byte copy of the submission. */
    List<IndexedFile> contentFiles() {
        return files.stream()
                .filter(f -> !f.file().path().startsWith("submission/"))
                .toList();
    }

    JsonObject json() {
        JsonObject counts = new JsonObject();
        counts().forEach((s, n) -> counts.put(s.name(), n));
        JsonArray fileArray = new JsonArray();
        for (IndexedFile f : contentFiles()) {
            fileArray.add(new JsonObject()
                    .put("path", f.file().path())
                    .put("size", f.file().size())
                    .put("sha256", f.file().sha256())
                    .put("format", Views.format(f.file().format()))
                    .put("validation", Views.validation(f.file().validation())));
        }
        JsonObject out = new JsonObject()
                .put("ingestId", job.id().toString())
                .put("status", job.status().name())
                .put("outcome", outcome().name())
                .put("received", Views.time(job.received()))
                .put("updated", Views.time(job.updated()))
                .put("upload", new JsonObject().put("size", job.uploadSize()).put("sha256", job.uploadSha256()))
                .put("findingCounts", counts)
                .put("findings", Views.findings(job.findings()));
        stored.ifPresent(p -> out.put("package", Views.summary(p))
                .put("signatures", Views.signatures(p.description().signatures())));
        if (job.status() == IngestStatus.STORED) {
            out.put("files", fileArray);
        }
        return out.put(
                "links",
                new JsonObject()
                        .put("self", Views.API + "/ingests/" + job.id() + "/report")
                        .put("ingest", Views.API + "/ingests/" + job.id()));
    }
}
