package vn.kho.api.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.kho.ingest.IngestService;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.IngestStatus;
import vn.kho.repository.NotFoundException;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;

/**
 * {@code GET /ingests/{id}/report}: the check record of an ingest, as JSON, or as a printable bilingual page for
 * {@code Accept: text/html}.
 */
final class IngestReportRoutes {
    private final IngestService ingests;
    private final PackageIndex index;
    private final Blocking blocking;

    IngestReportRoutes(IngestService ingests, PackageIndex index, Blocking blocking) {
        this.ingests = ingests;
        this.index = index;
        this.blocking = blocking;
    }

    void mount(Router api) {
        api.get("/ingests/:id/report").handler(this::report);
    }

    private void report(RoutingContext ctx) {
        UUID id = IngestRoutes.uuid(ctx.pathParam("id"));
        boolean html = wantsHtml(ctx.request().getHeader("Accept"));
        // built and rendered on a worker: a package of many files makes a long page
        blocking.meta(() -> {
                    IngestReport report = build(id);
                    return html ? ReportPage.render(report) : report.json().encode();
                })
                .onFailure(ctx::fail)
                .onSuccess(body -> ctx.response()
                        .putHeader("Content-Type", html ? "text/html; charset=utf-8" : "application/json")
                        .putHeader("Vary", "Accept")
                        .end(body));
    }

    private IngestReport build(UUID id) {
        IngestJob job = ingests.get(id).orElseThrow(() -> new NotFoundException("INGEST_NOT_FOUND", "no ingest " + id));
        if (job.status() != IngestStatus.STORED || job.packageId() == null) {
            return new IngestReport(job, Optional.empty(), List.of());
        }
        Optional<IndexedPackage> stored = index.get(job.packageId());
        return new IngestReport(job, stored, stored.isPresent() ? index.files(job.packageId()) : List.of());
    }

    /** HTML only when the client prefers it to JSON (a browser does); anything else gets JSON. */
    static boolean wantsHtml(String accept) {
        if (accept == null) {
            return false;
        }
        int html = accept.indexOf("text/html");
        int json = accept.indexOf("application/json");
        return html >= 0 && (json < 0 || html < json);
    }
}
