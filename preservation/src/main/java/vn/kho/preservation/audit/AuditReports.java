package vn.kho.preservation.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import vn.kho.repository.signature.DetachedSigner;

/** The report of a final audit run as JSON, and the archive's detached signature of exactly those bytes. */
public final class AuditReports {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final DetachedSigner signer;

    public AuditReports(DetachedSigner signer) {
        this.signer = signer;
    }

    /** The report: the run's scope, times, totals, counts, findings, repairs and incident ids. */
    public byte[] json(AuditRun run) {
        ObjectNode root = json.createObjectNode();
        root.put("audit", run.id().toString());
        root.put("status", run.status().name());
        ObjectNode scope = root.putObject("scope");
        ArrayNode pkgs = scope.putArray("packages");
        run.scope().packages().forEach(pkgs::add);
        scope.put("replica", run.scope().replica());
        root.put("created", run.created().toString());
        root.put("started", run.started().toString());
        root.put("finished", run.finished() == null ? null : run.finished().toString());
        root.set("total", json.valueToTree(run.total()));
        root.set("done", json.valueToTree(run.done()));
        root.set("counts", json.valueToTree(run.counts()));
        root.set("findings", json.valueToTree(run.findings()));
        root.set("repairs", json.valueToTree(run.repairs()));
        root.set("incidents", json.valueToTree(run.incidents()));
        root.put("error", run.error());
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] sign(byte[] report) {
        return signer.signDetached(new ByteArrayInputStream(report));
    }
}
