package vn.kho.api.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Optional;
import vn.kho.repository.rdf.GraphPublisher;

/**
 * {@code GET /sparql?query=...} and {@code POST /sparql} (SPARQL 1.1 Protocol: {@code application/sparql-query} body
 * or a form with {@code query=}): read-only queries over the published package graphs. Updates are refused. Results
 * stream from the worker to the client; the format follows the Accept header.
 */
final class SparqlRoutes {
    private static final long MAX_QUERY_BYTES = 1 << 20;

    private final GraphPublisher graphs;
    private final Blocking blocking;

    SparqlRoutes(GraphPublisher graphs, Blocking blocking) {
        this.graphs = graphs;
        this.blocking = blocking;
    }

    void mount(Router root) {
        root.get("/sparql")
                .handler(ctx -> answer(
                        ctx, ctx.queryParams().get("query"), ctx.queryParams().contains("update")));
        root.post("/sparql")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_QUERY_BYTES))
                .handler(this::post);
    }

    private void post(RoutingContext ctx) {
        String type = Optional.ofNullable(ctx.request().getHeader("Content-Type"))
                .orElse("")
                .toLowerCase(Locale.ROOT);
        if (type.startsWith("application/sparql-query")) {
            answer(ctx, ctx.body().asString("UTF-8"), false);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            answer(ctx, ctx.request().getFormAttribute("query"), ctx.request().getFormAttribute("update") != null);
        } else if (type.startsWith("application/sparql-update")) {
            answer(ctx, null, true);
        } else {
            ctx.fail(new ApiException(
                    415,
                    "SPARQL_UNSUPPORTED_MEDIA_TYPE",
                    "POST a query as application/sparql-query or as a form field 'query'"));
        }
    }

    private void answer(RoutingContext ctx, String query, boolean update) {
        if (update) {
            ctx.fail(new ApiException(400, "SPARQL_UPDATE_REFUSED", "this SPARQL endpoint is read-only"));
            return;
        }
        String accept = ctx.request().getHeader("Accept");
        blocking.meta(() -> graphs.prepare(query, accept)).onFailure(ctx::fail).onSuccess(prepared -> {
            ctx.response().putHeader("Content-Type", prepared.mediaType());
            blocking.io(() -> {
                        ResponseOutputStream out = new ResponseOutputStream(ctx.response());
                        try {
                            graphs.execute(prepared, out);
                        } catch (RuntimeException e) {
                            if (ctx.response().headWritten()) {
                                out.abort();
                                return null;
                            }
                            throw e;
                        }
                        out.close();
                        return null;
                    })
                    .onFailure(ctx::fail);
        });
    }
}
