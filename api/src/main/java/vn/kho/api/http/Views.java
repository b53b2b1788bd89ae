package vn.kho.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.kho.ingest.job.IngestJob;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.PremisEvent;
import vn.kho.storage.CopyStatus;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.IndexedPackage;

/** How domain values look in JSON. Times are ISO 8601 UTC; package ids are bare UUIDs, with the URN beside them. */
final class Views {
    static final String API = "/api/v1";

    private Views() {}

    static JsonArray findings(List<Finding> findings) {
        JsonArray out = new JsonArray();
        for (Finding f : findings) {
            out.add(new JsonObject()
                    .put("severity", f.severity().name())
                    .put("code", f.code())
                    .put("message", f.message())
                    .put("path", f.path())
                    .put("requirement", f.requirement()));
        }
        return out;
    }

    static JsonObject ingest(IngestJob job) {
        JsonObject links = new JsonObject().put("self", API + "/ingests/" + job.id());
        if (job.packageId() != null && job.status() == vn.kho.ingest.job.IngestStatus.STORED) {
            links.put("package", API + "/packages/" + job.packageId());
        }
        if (job.status().isFinal()) {
            links.put("receipt", API + "/ingests/" + job.id() + "/receipt");
            links.put("receiptSignature", API + "/ingests/" + job.id() + "/receipt.p7s");
        }
        return new JsonObject()
                .put("ingestId", job.id().toString())
                .put("status", job.status().name())
                .put("received", time(job.received()))
                .put("updated", time(job.updated()))
                .put("uploadSize", job.uploadSize())
                .put("uploadSha256", job.uploadSha256())
                .put(
                        "packageId",
                        job.packageId() == null ? null : job.packageId().toString())
                .put("findings", findings(job.findings()))
                .put("links", links);
    }

    static JsonObject summary(IndexedPackage p) {
        var d = p.description();
        return new JsonObject()
                .put("id", d.id().toString())
                .put("urn", d.id().urn())
                .put("version", d.version())
                .put("state", p.state().name())
                .put("format", d.format().name())
                .put("created", time(d.created()))
                .put("title", d.descriptive().title())
                .put("identifier", d.descriptive().identifier())
                .put("links", new JsonObject().put("self", API + "/packages/" + d.id()));
    }

    static JsonObject pkg(IndexedPackage p, List<IndexedFile> files) {
        var d = p.description();
        JsonArray fileArray = new JsonArray();
        long total = 0;
        for (IndexedFile f : files) {
            total += f.file().size();
            JsonArray copies = new JsonArray();
            for (CopyStatus c : f.copies()) {
                copies.add(new JsonObject()
                        .put("replica", c.replicaId())
                        .put("storagePath", c.storagePath())
                        .put("lastVerified", time(c.lastVerified()))
                        .put("outcome", c.outcome()));
            }
            fileArray.add(new JsonObject()
                    .put("path", f.file().path())
                    .put("size", f.file().size())
                    .put("sha256", f.file().sha256())
                    .put("mediaType", f.file().mediaType())
                    .put("format", format(f.file().format()))
                    .put("validation", validation(f.file().validation()))
                    .put("replicas", copies)
                    .put(
                            "links",
                            new JsonObject()
                                    .put(
                                            "content",
                                            API + "/packages/" + d.id() + "/files/"
                                                    + Paths.encode(f.file().path()))));
        }
        // the replicas that hold no good copy of some file: what an UNDER_REPLICATED package still lacks
        java.util.Set<String> lacking = new java.util.TreeSet<>();
        for (IndexedFile f : files) {
            f.copies().stream().filter(c -> "MISSING".equals(c.outcome())).forEach(c -> lacking.add(c.replicaId()));
        }
        return summary(p)
                .put("replicasLacking", new JsonArray(List.copyOf(lacking)))
                .put("metadata", descriptive(d.descriptive()))
                .put("fileCount", files.size())
                .put("totalBytes", total)
                .put("files", fileArray)
                .put("signatureCount", d.signatures().size())
                .put(
                        "links",
                        new JsonObject()
                                .put("self", API + "/packages/" + d.id())
                                .put("events", API + "/packages/" + d.id() + "/events")
                                .put("signatures", API + "/packages/" + d.id() + "/signatures"));
    }

    /** Every signature Kho verified at ingest, with its verdict and the evidence kept for it. */
    static JsonArray signatures(List<vn.kho.repository.signature.SignatureRecord> signatures) {
        JsonArray out = new JsonArray();
        for (var s : signatures) {
            out.add(new JsonObject()
                    .put("path", s.path())
                    .put("kind", s.kind().name())
                    .put("ordinal", s.ordinal())
                    .put("signatureFile", s.signaturePath())
                    .put("field", s.field())
                    .put("outcome", s.outcome())
                    .put("code", s.findingCode())
                    .put("message", s.message())
                    .put("signer", s.signer())
                    .put("organisation", s.organisation())
                    .put("issuer", s.issuer())
                    .put("serial", s.serial())
                    .put("claimedSigningTime", time(s.claimedSigningTime()))
                    .put("timestampTime", time(s.timestampTime()))
                    .put("validationTime", time(s.validationTime()))
                    .put("digestAlgorithm", s.digestAlgorithm())
                    .put("signatureAlgorithm", s.signatureAlgorithm())
                    .put("evidence", new JsonArray(s.evidence())));
        }
        return out;
    }

    static JsonObject format(vn.kho.repository.FileFormat f) {
        return f == null
                ? null
                : new JsonObject()
                        .put("mediaType", f.mediaType())
                        .put("name", f.name())
                        .put("version", f.version())
                        .put("puid", f.puid())
                        .put("registry", f.puid() == null ? null : "PRONOM")
                        .put("registryUri", f.pronomUri())
                        .put("basis", f.basis());
    }

    static JsonObject validation(vn.kho.repository.FileValidation v) {
        return v == null
                ? null
                : new JsonObject()
                        .put("status", v.status())
                        .put("tool", v.tool())
                        .put("pdfaClaimed", v.pdfaClaimed())
                        .put("pdfaVerified", v.pdfaVerified());
    }

    static JsonObject descriptive(DescriptiveRecord r) {
        JsonObject fields = new JsonObject();
        r.fields().forEach((k, v) -> fields.put(k, new JsonArray(List.copyOf(v))));
        return new JsonObject()
                .put("title", r.title())
                .put("identifier", r.identifier())
                .put("startDate", r.startDate())
                .put("endDate", r.endDate())
                .put("maintenance", r.maintenance())
                .put("access", r.access().name())
                .put(
                        "accessCode",
                        r.access().code().isEmpty() ? null : r.access().code())
                .put("languages", new JsonArray(List.copyOf(r.languages())))
                .put("fields", fields);
    }

    static JsonArray events(List<PremisEvent> events) {
        JsonArray out = new JsonArray();
        for (PremisEvent e : events) {
            out.add(new JsonObject()
                    .put("id", e.id())
                    .put("type", e.type())
                    .put("time", time(e.time()))
                    .put("outcome", e.outcome())
                    .put("detail", e.detail())
                    .put("agent", e.agent())
                    .put("object", e.object()));
        }
        return out;
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
