package vn.kho.api.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import vn.kho.ingest.IngestService;
import vn.kho.ingest.job.IngestJob;
import vn.kho.repository.NotFoundException;

/**
 * {@code /api/v1/ingests}: submitting packages and following them. The upload is never buffered: the request body is
 * piped into an {@link UploadSink} on the staging disk with a byte limit (no BodyHandler on this route), and the
 * ingest is journaled before it is acknowledged with 202.
 */
final class IngestRoutes {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IngestRoutes.class);
    private final IngestService ingests;
    private final Blocking blocking;
    private final Executor uploadIo;
    private final long maxUploadBytes;

    IngestRoutes(IngestService ingests, Blocking blocking, Executor uploadIo, long maxUploadBytes) {
        this.ingests = ingests;
        this.blocking = blocking;
        this.uploadIo = uploadIo;
        this.maxUploadBytes = maxUploadBytes;
    }

    void mount(Router api) {
        api.post("/ingests").handler(this::submit);
        api.get("/ingests").handler(this::list);
        api.get("/ingests/:id").handler(this::get);
    }

    private void submit(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        req.pause();
        String type = Optional.ofNullable(req.getHeader(HttpHeaders.CONTENT_TYPE))
                .orElse("")
                .toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/zip")) {
            refuse(
                    ctx,
                    new ApiException(
                            415,
                            "UPLOAD_UNSUPPORTED_MEDIA_TYPE",
                            "send the package as the request body with Content-Type: application/zip (got '" + type
                                    + "')"));
            return;
        }
        Optional<String> claimed;
        try {
            claimed = ContentDigest.sha256Hex(req.getHeader("Content-Digest"));
        } catch (ApiException e) {
            refuse(ctx, e);
            return;
        }
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxUploadBytes) {
                    refuse(ctx, tooLarge());
                    return;
                }
            } catch (NumberFormatException e) {
                refuse(ctx, new ApiException(400, "UPLOAD_BAD_LENGTH", "Content-Length is not a number"));
                return;
            }
        }
        Context context = ctx.vertx().getOrCreateContext();
        blocking.io(() -> UploadSink.create(context, uploadIo, ingests.newUploadFile(), maxUploadBytes))
                .onFailure(ctx::fail)
                .onSuccess(sink -> {
                    long started = System.nanoTime();
                    if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
                        req.response().writeContinue();
                    }
                    req.pipeTo(sink).onComplete(piped -> {
                        if (piped.failed()) {
                            blocking.io(() -> {
                                        sink.discard();
                                        return null;
                                    })
                                    .onComplete(x -> refuse(
                                            ctx,
                                            piped.cause() instanceof UploadSink.TooLarge
                                                    ? tooLarge()
                                                    : new ApiException(
                                                            400,
                                                            "UPLOAD_INCOMPLETE",
                                                            "the upload did not arrive whole ("
                                                                    + piped.cause()
                                                                            .getMessage() + "); nothing was stored")));
                            return;
                        }
                        log.info(
                                "upload of {} bytes received and fsynced in {} ms",
                                sink.received(),
                                (System.nanoTime() - started) / 1_000_000);
                        blocking.io(() -> ingests.accept(sink.file(), sink.sha256Hex(), sink.received(), claimed))
                                .onFailure(e -> {
                                    blocking.io(() -> {
                                        sink.discard();
                                        return null;
                                    });
                                    ctx.fail(e);
                                })
                                .onSuccess(accepted -> {
                                    IngestJob job = accepted.job();
                                    String location = Views.API + "/ingests/" + job.id();
                                    ctx.response()
                                            .setStatusCode(accepted.duplicate() ? 200 : 202)
                                            .putHeader("Location", location)
                                            .putHeader("Content-Type", "application/json")
                                            .end(Views.ingest(job)
                                                    .put("duplicate", accepted.duplicate())
                                                    .encode());
                                });
                    });
                });
    }

    /**
     * Answers before (or instead of) reading the rest of the body, then closes the connection (announced with
     * {@code Connection: close}) so the rest of a refused upload is not stored. The server speaks HTTP/1.1 only; h2c
     * is off.
     */
    private static void refuse(RoutingContext ctx, ApiException e) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        Failures.send(ctx.response(), e.status(), e.code(), e.getMessage(), null)
                .onComplete(done -> lingerThenClose(ctx));
    }

    /** How long, and how many more bytes, a refused upload is read and thrown away before the connection closes. */
    static final long LINGER_MILLIS = 2_000;

    static final long LINGER_BYTES = 64L << 20;

    /**
     * A lingering close: closing at once while the client is still sending makes the kernel answer its next bytes with
     * a reset, which can destroy the answer before the client reads it. So the rest of the body is read and
     * discarded (nothing is kept) until it ends, {@link #LINGER_BYTES} more arrive, or {@link #LINGER_MILLIS} pass;
     * then the connection closes.
     */
    private static void lingerThenClose(RoutingContext ctx) {
        io.vertx.core.http.HttpServerRequest req = ctx.request();
        io.vertx.core.http.HttpConnection connection = req.connection();
        if (req.isEnded()) {
            connection.close();
            return;
        }
        io.vertx.core.Vertx vertx = ctx.vertx();
        java.util.concurrent.atomic.AtomicLong drained = new java.util.concurrent.atomic.AtomicLong();
        long timer = vertx.setTimer(LINGER_MILLIS, t -> connection.close());
        Runnable close = () -> {
            vertx.cancelTimer(timer);
            connection.close();
        };
        req.exceptionHandler(x -> close.run());
        req.endHandler(v -> close.run());
        req.handler(buffer -> {
            if (drained.addAndGet(buffer.length()) > LINGER_BYTES) {
                close.run();
            }
        });
        req.resume();
    }

    private ApiException tooLarge() {
        return new ApiException(
                413,
                "UPLOAD_TOO_LARGE",
                "the package is larger than this archive accepts (" + maxUploadBytes + " bytes); nothing was stored");
    }

    /**
     * The ingest's state. With {@code ?wait=N} (seconds, at most 60) the answer waits until the ingest is final or N
     * seconds have passed, so a client can follow an ingest without polling.
     */
    private void get(RoutingContext ctx) {
        UUID id = uuid(ctx.pathParam("id"));
        long wait = waitSeconds(ctx.queryParams().get("wait"));
        blocking.meta(() -> ingests.whenFinal(id)
                        .orElseThrow(() -> new NotFoundException("INGEST_NOT_FOUND", "no ingest " + id)))
                .onFailure(ctx::fail)
                .onSuccess(future -> {
                    if (wait == 0 || future.isDone()) {
                        current(ctx, id);
                        return;
                    }
                    long timer = ctx.vertx().setTimer(wait * 1000, t -> current(ctx, id));
                    Context context = ctx.vertx().getOrCreateContext();
                    future.whenComplete((job, e) -> context.runOnContext(x -> {
                        if (ctx.vertx().cancelTimer(timer)) {
                            current(ctx, id);
                        }
                    }));
                });
    }

    private void current(RoutingContext ctx, UUID id) {
        blocking.meta(() ->
                        ingests.get(id).orElseThrow(() -> new NotFoundException("INGEST_NOT_FOUND", "no ingest " + id)))
                .onFailure(ctx::fail)
                .onSuccess(job -> json(ctx, Views.ingest(job)));
    }

    private static long waitSeconds(String s) {
        if (s == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0 || n > 60) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "WAIT_INVALID", "wait must be 0..60 seconds, got '" + s + "'");
        }
    }

    private void list(RoutingContext ctx) {
        int limit = Pages.limit(ctx);
        String after = ctx.queryParams().get("after");
        UUID afterId = after == null ? null : uuid(after);
        blocking.meta(() -> ingests.list(afterId, limit)).onFailure(ctx::fail).onSuccess(jobs -> {
            JsonArray items = new JsonArray();
            jobs.forEach(j -> items.add(Views.ingest(j)));
            String next = jobs.size() == limit ? jobs.get(jobs.size() - 1).id().toString() : null;
            json(ctx, Pages.page(items, next, Views.API + "/ingests", limit));
        });
    }

    static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INGEST_ID_INVALID", "not an ingest id: " + s);
        }
    }

    static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
