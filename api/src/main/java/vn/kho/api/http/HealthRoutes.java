package vn.kho.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BooleanSupplier;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaHealth;

/**
 * {@code GET /health}: each replica, the index and Fuseki. {@code DOWN} (503) when a replica or the index cannot be
 * used (ingests would fail); {@code DEGRADED} (200) when only Fuseki is unreachable (ingest goes on, graphs wait).
 */
final class HealthRoutes {
    private final List<Replica> replicas;
    private final PackageIndex index;
    private final BooleanSupplier fusekiReachable;
    private final String fusekiUrl;
    private final Blocking blocking;

    HealthRoutes(
            List<Replica> replicas,
            PackageIndex index,
            BooleanSupplier fusekiReachable,
            String fusekiUrl,
            Blocking blocking) {
        this.replicas = List.copyOf(replicas);
        this.index = index;
        this.fusekiReachable = fusekiReachable;
        this.fusekiUrl = fusekiUrl;
        this.blocking = blocking;
    }

    void mount(Router root) {
        root.get("/health").handler(this::health);
    }

    private void health(RoutingContext ctx) {
        blocking.meta(this::check).onFailure(ctx::fail).onSuccess(body -> {
            int status = body.getString("status").equals("DOWN") ? 503 : 200;
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(body.encode());
        });
    }

    private JsonObject check() {
        boolean down = false;
        JsonArray reps = new JsonArray();
        for (Replica r : replicas) {
            ReplicaHealth h = r.health();
            down |= !h.up();
            reps.add(new JsonObject()
                    .put("id", r.id())
                    .put("status", h.up() ? "UP" : "DOWN")
                    .put("detail", h.detail()));
        }
        JsonObject idx;
        try {
            idx = new JsonObject().put("status", "UP").put("packages", index.count());
        } catch (RuntimeException e) {
            down = true;
            idx = new JsonObject().put("status", "DOWN").put("detail", e.getMessage());
        }
        boolean fuseki = fusekiReachable.getAsBoolean();
        String status = down ? "DOWN" : fuseki ? "UP" : "DEGRADED";
        return new JsonObject()
                .put("status", status)
                .put("replicas", reps)
                .put("index", idx)
                .put(
                        "fuseki",
                        new JsonObject().put("status", fuseki ? "UP" : "DOWN").put("url", fusekiUrl));
    }
}
