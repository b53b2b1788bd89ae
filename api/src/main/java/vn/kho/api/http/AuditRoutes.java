package vn.kho.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.kho.preservation.audit.AuditRun;
import vn.kho.preservation.audit.AuditScope;
import vn.kho.preservation.audit.AuditService;
import vn.kho.repository.ConflictException;
import vn.kho.repository.NotFoundException;

/**
 * {@code /api/v1/audits}: start an audit ({@code {}}, {@code {"packages": [...]}} or {@code {"replica": "a"}}), follow
 * it, cancel it, and fetch its report (JSON, CSV, and the archive's detached signature of the JSON).
 */
final class AuditRoutes {
    private static final long BODY_LIMIT = 1 << 20;
    private static final Set<String> FIELDS = Set.of("packages", "replica");

    private final AuditService audits;
    private final Blocking blocking;
    private final Clock clock;

    AuditRoutes(AuditService audits, Blocking blocking, Clock clock) {
        this.audits = audits;
        this.blocking = blocking;
        this.clock = clock;
    }

    void mount(Router api) {
        api.post("/audits").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        api.post("/audits").handler(this::start);
        api.get("/audits").handler(this::list);
        api.get("/audits/:id").handler(this::get);
        api.delete("/audits/:id").handler(this::cancel);
        api.get("/audits/:id/report").handler(this::report);
        api.get("/audits/:id/report.p7s").handler(this::signature);
    }

    private void start(RoutingContext ctx) {
        AuditScope scope = scope(ctx.body().buffer());
        blocking.meta(() -> audits.start(scope)).onFailure(ctx::fail).onSuccess(run -> ctx.response()
                .setStatusCode(202)
                .putHeader("Location", Views.API + "/audits/" + run.id())
                .putHeader("Content-Type", "application/json")
                .end(AuditViews.audit(run, clock.instant()).encode()));
    }

    /** The body's scope; 400 {@code AUDIT_BODY_INVALID} for anything but the three shapes. */
    static AuditScope scope(Buffer body) {
        if (body == null || body.toString().isBlank()) {
            return AuditScope.everything();
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw invalid("the body must be a JSON object");
        }
        for (String name : json.fieldNames()) {
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '" + name + "' (known: packages, replica)");
            }
        }
        List<String> packages = new ArrayList<>();
        Object p = json.getValue("packages");
        if (p != null) {
            if (!(p instanceof JsonArray a) || a.isEmpty()) {
                throw invalid("packages must be a non-empty list of package ids");
            }
            for (Object o : a) {
                if (!(o instanceof String s)) {
                    throw invalid("packages must be a list of package ids (strings)");
                }
                packages.add(s);
            }
        }
        Object r = json.getValue("replica");
        if (r != null && (!(r instanceof String s) || s.isBlank())) {
            throw invalid("replica must be a replica id");
        }
        if (!packages.isEmpty() && r != null) {
            throw invalid("an audit is limited to packages or to a replica, not both");
        }
        return new AuditScope(packages, (String) r);
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "AUDIT_BODY_INVALID", message);
    }

    private void list(RoutingContext ctx) {
        int limit = Pages.limit(ctx);
        String after = ctx.queryParams().get("after");
        blocking.meta(audits::list).onFailure(ctx::fail).onSuccess(all -> {
            int from = 0;
            if (after != null) {
                from = all.size();
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id().toString().equals(after)) {
                        from = i + 1;
                    }
                }
            }
            List<AuditRun> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
            JsonArray items = new JsonArray();
            page.forEach(run -> items.add(AuditViews.audit(run, clock.instant())));
            String next =
                    from + limit < all.size() ? page.get(page.size() - 1).id().toString() : null;
            IngestRoutes.json(ctx, Pages.page(items, next, Views.API + "/audits", limit));
        });
    }

    private void get(RoutingContext ctx) {
        UUID id = id(ctx);
        blocking.meta(() -> find(id))
                .onFailure(ctx::fail)
                .onSuccess(run -> IngestRoutes.json(ctx, AuditViews.audit(run, clock.instant())));
    }

    private void cancel(RoutingContext ctx) {
        UUID id = id(ctx);
        blocking.meta(() -> audits.cancel(id)).onFailure(ctx::fail).onSuccess(run -> ctx.response()
                .setStatusCode(202)
                .putHeader("Content-Type", "application/json")
                .end(AuditViews.audit(run, clock.instant())
                        .put("cancelling", true)
                        .encode()));
    }

    private void report(RoutingContext ctx) {
        UUID id = id(ctx);
        String format = ctx.queryParams().get("format");
        String accept = ctx.request().getHeader("Accept");
        boolean csv = "csv".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.toLowerCase().contains("text/csv"));
        if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
            throw new ApiException(400, "REPORT_FORMAT_INVALID", "format must be json or csv, got '" + format + "'");
        }
        blocking.meta(() -> csv
                        ? AuditViews.csv(finished(id)).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : kept(id, false))
                .onFailure(ctx::fail)
                .onSuccess(bytes -> ctx.response()
                        .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json")
                        .putHeader(
                                "Content-Disposition",
                                "attachment; filename=\"audit-" + id + (csv ? ".csv" : ".json") + "\"")
                        .end(Buffer.buffer(bytes)));
    }

    private void signature(RoutingContext ctx) {
        UUID id = id(ctx);
        blocking.meta(() -> kept(id, true)).onFailure(ctx::fail).onSuccess(bytes -> ctx.response()
                .putHeader("Content-Type", "application/pkcs7-signature")
                .putHeader("Content-Disposition", "attachment; filename=\"audit-" + id + ".p7s\"")
                .end(Buffer.buffer(bytes)));
    }

    private byte[] kept(UUID id, boolean signature) {
        finished(id);
        return audits.report(id, signature)
                .orElseThrow(() -> new NotFoundException("AUDIT_REPORT_NOT_FOUND", "audit " + id + " has no report"));
    }

    private AuditRun finished(UUID id) {
        AuditRun run = find(id);
        if (!run.status().isFinal()) {
            throw new ConflictException(
                    "AUDIT_NOT_FINISHED",
                    "audit " + id + " is " + run.status() + ": its report is issued when it ends");
        }
        return run;
    }

    private AuditRun find(UUID id) {
        return audits.get(id).orElseThrow(() -> new NotFoundException("AUDIT_NOT_FOUND", "no audit " + id));
    }

    private static UUID id(RoutingContext ctx) {
        String s = ctx.pathParam("id");
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "AUDIT_ID_INVALID", "not an audit id: " + s);
        }
    }
}
