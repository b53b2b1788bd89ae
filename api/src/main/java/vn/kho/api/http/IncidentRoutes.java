package vn.kho.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.kho.preservation.audit.AuditService;
import vn.kho.preservation.fixity.Incident;

/** {@code GET /api/v1/incidents}: what audits could not repair, newest first, paged by incident id. */
final class IncidentRoutes {
    private final AuditService audits;
    private final Blocking blocking;

    IncidentRoutes(AuditService audits, Blocking blocking) {
        this.audits = audits;
        this.blocking = blocking;
    }

    void mount(Router api) {
        api.get("/incidents").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        int limit = Pages.limit(ctx);
        String after = ctx.queryParams().get("after");
        blocking.meta(audits::incidents).onFailure(ctx::fail).onSuccess(all -> {
            int from = 0;
            if (after != null) {
                from = all.size();
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id().equals(after)) {
                        from = i + 1;
                    }
                }
            }
            List<Incident> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
            JsonArray items = new JsonArray();
            page.forEach(i -> items.add(AuditViews.incident(i)));
            String next = from + limit < all.size() ? page.get(page.size() - 1).id() : null;
            IngestRoutes.json(ctx, Pages.page(items, next, Views.API + "/incidents", limit));
        });
    }
}
