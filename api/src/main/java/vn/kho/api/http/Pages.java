package vn.kho.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Keyset paging: {@code ?limit=N&after=<last id of the previous page>}; the answer links the next page. */
final class Pages {
    static final int DEFAULT = 50;
    static final int MAX = 1000;

    private Pages() {}

    static int limit(RoutingContext ctx) {
        String s = ctx.queryParams().get("limit");
        if (s == null) {
            return DEFAULT;
        }
        try {
            int n = Integer.parseInt(s);
            if (n < 1 || n > MAX) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "PAGE_LIMIT_INVALID", "limit must be 1.." + MAX + ", got '" + s + "'");
        }
    }

    static JsonObject page(JsonArray items, String next, String base, int limit) {
        JsonObject links = new JsonObject();
        if (next != null) {
            links.put("next", base + "?limit=" + limit + "&after=" + next);
        }
        return new JsonObject().put("items", items).put("next", next).put("links", links);
    }
}
