package vn.kho.api.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.VerifiedReads;

/**
 * {@code /api/v1/packages}: stored packages, their files and events. Until access control exists, packages whose
 * access regime is not public (TT05 mode 02, 03, or unknown) are listed nowhere and answered with 403.
 */
final class PackageRoutes {
    private static final Logger log = LoggerFactory.getLogger(PackageRoutes.class);
    static final String PREMIS_PATH = "metadata/preservation/PREMIS.xml";

    private final PackageIndex index;
    private final VerifiedReads reads;
    private final Blocking blocking;

    PackageRoutes(PackageIndex index, VerifiedReads reads, Blocking blocking) {
        this.index = index;
        this.reads = reads;
        this.blocking = blocking;
    }

    void mount(Router api) {
        api.get("/packages").handler(this::list);
        api.get("/packages/:id").handler(this::get);
        api.get("/packages/:id/events").handler(this::events);
        api.get("/packages/:id/signatures").handler(this::signatures);
        api.get("/packages/:id/files/*").handler(this::file);
    }

    private void list(RoutingContext ctx) {
        int limit = Pages.limit(ctx);
        String after = ctx.queryParams().get("after");
        PackageId start = after == null ? null : PackageId.parse(after);
        blocking.meta(() -> {
                    List<IndexedPackage> out = new ArrayList<>();
                    PackageId cursor = start;
                    PackageId last = null;
                    boolean more = true;
                    while (out.size() < limit && more) {
                        List<IndexedPackage> batch = index.list(cursor, limit);
                        more = batch.size() == limit;
                        for (IndexedPackage p : batch) {
                            cursor = p.description().id();
                            if (p.description().descriptive().access().isPublic() && out.size() < limit) {
                                out.add(p);
                                last = cursor;
                            }
                        }
                    }
                    return new Object[] {out, out.size() == limit ? last : null};
                })
                .onFailure(ctx::fail)
                .onSuccess(r -> {
                    @SuppressWarnings("unchecked")
                    List<IndexedPackage> pkgs = (List<IndexedPackage>) r[0];
                    JsonArray items = new JsonArray();
                    pkgs.forEach(p -> items.add(Views.summary(p)));
                    String next = r[1] == null ? null : r[1].toString();
                    IngestRoutes.json(
                            ctx,
                            Pages.page(items, next, Views.API + "/packages", limit)
                                    .put("total", null));
                });
    }

    private IndexedPackage visible(PackageId id) {
        IndexedPackage p =
                index.get(id).orElseThrow(() -> new NotFoundException("PACKAGE_NOT_FOUND", "no package " + id.urn()));
        if (!p.description().descriptive().access().isPublic()) {
            throw new ApiException(
                    403,
                    "ACCESS_RESTRICTED",
                    "package " + id + " is stored, but its access regime ("
                            + p.description().descriptive().access()
                            + ") keeps its metadata and files from being served until access control exists");
        }
        return p;
    }

    private void get(RoutingContext ctx) {
        PackageId id = PackageId.parse(ctx.pathParam("id"));
        blocking.meta(() -> {
                    IndexedPackage p = visible(id);
                    return Views.pkg(p, index.files(id));
                })
                .onFailure(ctx::fail)
                .onSuccess(body -> IngestRoutes.json(ctx, body));
    }

    private void events(RoutingContext ctx) {
        PackageId id = PackageId.parse(ctx.pathParam("id"));
        String accept = Optional.ofNullable(ctx.request().getHeader("Accept")).orElse("");
        if (accept.contains("application/xml") || accept.contains("text/xml")) {
            send(ctx, id, PREMIS_PATH, "application/xml");
            return;
        }
        blocking.meta(() -> visible(id).description().events())
                .onFailure(ctx::fail)
                .onSuccess(events -> IngestRoutes.json(
                        ctx,
                        new io.vertx.core.json.JsonObject()
                                .put("packageId", id.toString())
                                .put("events", Views.events(events))));
    }

    /** {@code GET /packages/{id}/signatures[?path=P]}: every signature verified at ingest, or those of file P. */
    private void signatures(RoutingContext ctx) {
        PackageId id = PackageId.parse(ctx.pathParam("id"));
        String path = ctx.queryParams().get("path");
        blocking.meta(() -> {
                    var all = visible(id).description().signatures();
                    if (path != null && index.file(id, path).isEmpty()) {
                        throw new NotFoundException("FILE_NOT_FOUND", "package " + id + " has no file " + path);
                    }
                    return path == null
                            ? all
                            : all.stream().filter(s -> s.path().equals(path)).toList();
                })
                .onFailure(ctx::fail)
                .onSuccess(list -> IngestRoutes.json(
                        ctx,
                        new io.vertx.core.json.JsonObject()
                                .put("packageId", id.toString())
                                .put("path", path)
                                .put("signatures", Views.signatures(list))));
    }

    private void file(RoutingContext ctx) {
        PackageId id = PackageId.parse(ctx.pathParam("id"));
        String raw = ctx.request().path();
        int at = raw.indexOf("/files/");
        String path = Paths.decode(raw.substring(at + "/files/".length()));
        send(ctx, id, path, null);
    }

    /**
     * Sends one file from a good copy. Small files were verified before the first byte; larger ones are hashed while
     * streaming, the last chunk held back, and the connection reset on a mismatch (the copy is flagged either way).
     */
    private void send(RoutingContext ctx, PackageId id, String path, String contentType) {
        HttpServerResponse response = ctx.response();
        blocking.io(() -> {
                    visible(id);
                    return reads.choose(id, path);
                })
                .onFailure(ctx::fail)
                .onSuccess(choice -> {
                    var file = choice.file().file();
                    response.putHeader(
                                    "Content-Type",
                                    contentType != null
                                            ? contentType
                                            : Optional.ofNullable(file.mediaType())
                                                    .orElse("application/octet-stream"))
                            .putHeader("Repr-Digest", ContentDigest.format(file.sha256()))
                            .putHeader("ETag", "\"" + file.sha256() + "\"")
                            .putHeader("X-Kho-Replica", choice.replica().id());
                    Optional<Path> local = choice.replica().localPath(id, path);
                    if (choice.verified() && local.isPresent()) {
                        response.sendFile(local.get().toString())
                                .onFailure(e -> log.debug("sendFile ended: {}", e.toString()));
                        return;
                    }
                    response.putHeader("Content-Length", Long.toString(file.size()));
                    blocking.io(() -> {
                                stream(choice, id, path, response);
                                return null;
                            })
                            .onFailure(e -> log.debug("streaming {} ended: {}", path, e.toString()));
                });
    }

    private void stream(VerifiedReads.Choice choice, PackageId id, String path, HttpServerResponse response)
            throws IOException {
        MessageDigest sha = VerifiedReads.sha256();
        ResponseOutputStream out = new ResponseOutputStream(response);
        long size = 0;
        try (InputStream in = choice.replica().open(id, path)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                size += n;
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            out.abort();
            if (!choice.verified()) {
                reads.record(id, path, choice.replica().id(), "UNREADABLE");
            }
            throw e;
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        boolean good = size == choice.file().file().size()
                && digest.equals(choice.file().file().sha256());
        if (!choice.verified()) {
            reads.record(id, path, choice.replica().id(), good ? "OK" : "MISMATCH");
        }
        if (good) {
            out.close();
        } else {
            log.error(
                    "copy of {} in {} on replica {} does not match its digest; connection reset",
                    path,
                    id,
                    choice.replica().id());
            out.abort();
        }
    }
}
