package vn.kho.api.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.ToDoubleFunction;
import vn.kho.preservation.status.PreservationStatus;
import vn.kho.preservation.status.StatusReporter;

/**
 * {@code GET /api/v1/preservation/status}: how well the holdings are kept (copies against the copy policy, the oldest
 * verification, packages below policy, damaged packages, what audits are still reading); and {@code GET /metrics}: the
 * same figures and the audit counters in Prometheus's text format. Both are computed on a worker thread from a status
 * shared for a short while (see {@link StatusReporter}).
 */
final class PreservationRoutes {
    private final StatusReporter reporter;
    private final Blocking blocking;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    PreservationRoutes(StatusReporter reporter, Blocking blocking) {
        this.reporter = reporter;
        this.blocking = blocking;
        gauge("kho_packages", "Packages in the index", s -> s.packages());
        for (String state : new String[] {"ACTIVE", "UNDER_REPLICATED", "DAMAGED"}) {
            Gauge.builder("kho_packages_by_state", reporter, r -> r.status()
                            .packagesByState()
                            .getOrDefault(state, 0L))
                    .description("Packages per state")
                    .tag("state", state)
                    .register(registry);
        }
        gauge(
                "kho_packages_below_policy",
                "Packages with a file that has fewer good copies than the policy asks",
                s -> s.packagesBelowPolicy());
        gauge("kho_copies_required", "Good copies the copy policy asks of every file", s -> s.requiredCopies());
        for (String outcome : new String[] {"OK", "MISMATCH", "MISSING", "UNREADABLE", "NEVER"}) {
            Gauge.builder("kho_file_copies", reporter, r -> r.status()
                            .copiesByOutcome()
                            .getOrDefault(outcome, 0L))
                    .description("File copies per outcome of their last check")
                    .tag("outcome", outcome)
                    .register(registry);
        }
        gauge(
                "kho_oldest_verification_age_seconds",
                "Age of the oldest last check of any copy (-1: none yet)",
                s -> s.oldestVerificationAgeSeconds());
        gauge("kho_audits_running", "Audits running", s -> s.auditsRunning());
        gauge("kho_audit_files_remaining", "File copies running audits still have to read", s -> s.underAudit()
                .files());
        gauge("kho_audit_bytes_remaining", "Bytes running audits still have to read", s -> s.underAudit()
                .bytes());
        gauge("kho_incidents_open", "Incidents open", s -> s.incidentsOpen());
        gauge(
                "kho_replication_lag_seconds",
                "Seconds since the oldest UNDER_REPLICATED package was stored (0: none)",
                s -> s.replicationLagSeconds());
        missingCopies();
        counter("kho_audit_files_verified", "File copies read by audits", s -> s.verifiedTotal()
                .files());
        counter("kho_audit_bytes_verified", "Bytes read by audits", s -> s.verifiedTotal()
                .bytes());
        counter("kho_audit_mismatches", "Bad copies audits found", s -> s.verifiedTotal()
                .mismatches());
        counter("kho_audit_repairs", "Copies audits repaired", s -> s.verifiedTotal()
                .repairs());
    }

    private void gauge(String name, String help, ToDoubleFunction<PreservationStatus> value) {
        Gauge.builder(name, reporter, r -> value.applyAsDouble(r.status()))
                .description(help)
                .register(registry);
    }

    private void counter(String name, String help, ToDoubleFunction<PreservationStatus> value) {
        FunctionCounter.builder(name, reporter, r -> value.applyAsDouble(r.status()))
                .description(help)
                .register(registry);
    }

    /** One gauge per configured replica: the file copies it lacks, which the catch-up copies there. */
    private void missingCopies() {
        for (String replica : reporter.replicaIds()) {
            Gauge.builder(
                            "kho_replica_missing_copies",
                            reporter,
                            r -> r.status().replication().missingCopies().getOrDefault(replica, 0L))
                    .description("File copies a replica lacks, for the catch-up to copy there")
                    .tag("replica", replica)
                    .register(registry);
        }
    }

    void mount(Router root, Router api) {
        api.get("/preservation/status").handler(this::status);
        root.get("/metrics").handler(this::metrics);
    }

    private void status(RoutingContext ctx) {
        blocking.meta(reporter::status).onFailure(ctx::fail).onSuccess(s -> IngestRoutes.json(ctx, json(s)));
    }

    private void metrics(RoutingContext ctx) {
        blocking.meta(registry::scrape).onFailure(ctx::fail).onSuccess(text -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(text));
    }

    static JsonObject json(PreservationStatus s) {
        return new JsonObject()
                .put("at", Views.time(s.at()))
                .put(
                        "copyPolicy",
                        new JsonObject()
                                .put("requiredCopies", s.requiredCopies())
                                .put("packagesBelowPolicy", s.packagesBelowPolicy()))
                .put("packages", s.packages())
                .put("packagesByState", new JsonObject(new java.util.TreeMap<>(s.packagesByState())))
                .put("damaged", new JsonArray(s.damaged()))
                .put("files", s.files())
                .put("bytes", s.bytes())
                .put("copiesByOutcome", new JsonObject(new java.util.TreeMap<>(s.copiesByOutcome())))
                .put("oldestVerification", Views.time(s.oldestVerification()))
                .put("oldestVerificationAgeSeconds", s.oldestVerificationAgeSeconds())
                .put(
                        "underAudit",
                        new JsonObject()
                                .put("audits", s.auditsRunning())
                                .put("files", s.underAudit().files())
                                .put("bytes", s.underAudit().bytes()))
                .put(
                        "verifiedTotal",
                        new JsonObject()
                                .put("files", s.verifiedTotal().files())
                                .put("bytes", s.verifiedTotal().bytes())
                                .put("mismatches", s.verifiedTotal().mismatches())
                                .put("repairs", s.verifiedTotal().repairs()))
                .put("incidentsOpen", s.incidentsOpen())
                .put(
                        "replication",
                        new JsonObject()
                                .put(
                                        "missingCopies",
                                        new JsonObject(new java.util.TreeMap<>(
                                                s.replication().missingCopies())))
                                .put("oldestUnderReplicated", s.replication().oldestPackage())
                                .put(
                                        "oldestUnderReplicatedSince",
                                        Views.time(s.replication().oldestSince()))
                                .put("lagSeconds", s.replicationLagSeconds()))
                .put(
                        "links",
                        new JsonObject()
                                .put("audits", Views.API + "/audits")
                                .put("incidents", Views.API + "/incidents"));
    }
}
