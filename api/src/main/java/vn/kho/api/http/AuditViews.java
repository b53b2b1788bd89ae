package vn.kho.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.kho.preservation.audit.AuditFinding;
import vn.kho.preservation.audit.AuditRepair;
import vn.kho.preservation.audit.AuditRun;
import vn.kho.preservation.audit.Totals;
import vn.kho.preservation.fixity.Incident;

/** JSON and CSV views of audits and incidents. */
final class AuditViews {
    private AuditViews() {}

    static JsonObject audit(AuditRun run, Instant now) {
        String self = Views.API + "/audits/" + run.id();
        JsonObject links = new JsonObject().put("self", self);
        if (run.status().isFinal()) {
            links.put("report", self + "/report").put("signature", self + "/report.p7s");
        }
        return new JsonObject()
                .put("id", run.id().toString())
                .put("status", run.status().name())
                .put(
                        "scope",
                        new JsonObject()
                                .put("packages", new JsonArray(run.scope().packages()))
                                .put("replica", run.scope().replica()))
                .put("created", Views.time(run.created()))
                .put("started", Views.time(run.started()))
                .put("finished", Views.time(run.finished()))
                .put("total", totals(run.total()))
                .put("done", totals(run.done()))
                .put("bytesPerSecond", run.bytesPerSecond(now))
                .put("eta", Views.time(run.eta(now).orElse(null)))
                .put("counts", new JsonObject(new java.util.LinkedHashMap<>(run.counts())))
                .put("findings", findings(run.findings()))
                .put("repairs", repairs(run.repairs()))
                .put("incidents", new JsonArray(run.incidents()))
                .put("error", run.error())
                .put("links", links);
    }

    private static JsonObject totals(Totals t) {
        return new JsonObject()
                .put("packages", t.packages())
                .put("files", t.files())
                .put("bytes", t.bytes());
    }

    private static JsonArray findings(List<AuditFinding> findings) {
        JsonArray out = new JsonArray();
        findings.forEach(f -> out.add(new JsonObject()
                .put("package", f.packageId())
                .put("replica", f.replicaId())
                .put("path", f.path())
                .put("classification", f.classification())
                .put("detail", f.detail())));
        return out;
    }

    private static JsonArray repairs(List<AuditRepair> repairs) {
        JsonArray out = new JsonArray();
        repairs.forEach(r -> out.add(new JsonObject()
                .put("package", r.packageId())
                .put("replica", r.replicaId())
                .put("kind", r.kind())
                .put("path", r.path())
                .put("source", r.sourceReplicaId())
                .put("repaired", r.repaired())
                .put("detail", r.detail())));
        return out;
    }

    static JsonObject incident(Incident i) {
        return new JsonObject()
                .put("id", i.id())
                .put("package", i.packageId().urn())
                .put("state", i.state().name())
                .put("detected", Views.time(i.detected()))
                .put("what", i.what())
                .put("where", new JsonArray(i.where()))
                .put("cause", i.cause())
                .put("remedy", i.remedy());
    }

    /**
     * The report as CSV (RFC 4180): a header, then one row per bad copy ({@code finding}) and one per repair
     * ({@code repair}).
     */
    static String csv(AuditRun run) {
        StringBuilder out =
                new StringBuilder("record,package,replica,path,classification_or_kind,source,repaired,detail\r\n");
        for (AuditFinding f : run.findings()) {
            row(out, "finding", f.packageId(), f.replicaId(), f.path(), f.classification(), "", "", f.detail());
        }
        for (AuditRepair r : run.repairs()) {
            row(
                    out,
                    "repair",
                    r.packageId(),
                    r.replicaId(),
                    r.path(),
                    r.kind(),
                    r.sourceReplicaId(),
                    String.valueOf(r.repaired()),
                    r.detail());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells[i] == null ? "" : cells[i];
            // quoted always; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0) {
                c = "'" + c;
            }
            out.append('"').append(c.replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }
}
