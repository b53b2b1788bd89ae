package vn.kho.api.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import vn.kho.ingest.IngestService;
import vn.kho.repository.rdf.GraphPublisher;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;
import vn.kho.storage.VerifiedReads;

/**
 * Kho's HTTP server: {@code /api/v1} (ingests and their receipts, packages and their signatures, the archive
 * certificate, audits, incidents, preservation status), {@code /sparql}, {@code /health}, {@code /metrics}. Handlers
 * only route and answer; every blocking step runs on the named worker pools of {@link Blocking}.
 */
public final class ApiVerticle extends VerticleBase {
    /** What the routes need from a running Kho. */
    public record Services(
            String host,
            int port,
            long maxUploadBytes,
            IngestService ingests,
            PackageIndex index,
            List<Replica> replicas,
            VerifiedReads reads,
            GraphPublisher graphs,
            String fusekiUrl,
            java.security.cert.X509Certificate archiveCertificate,
            vn.kho.preservation.audit.AuditService audits,
            vn.kho.preservation.status.StatusReporter status) {}

    private final Services services;
    private Blocking blocking;
    private ExecutorService uploadIo;
    private HttpServer server;

    public ApiVerticle(Services services) {
        this.services = services;
    }

    @Override
    public Future<?> start() {
        blocking = new Blocking(vertx);
        AtomicInteger n = new AtomicInteger();
        uploadIo = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "kho-upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        new IngestRoutes(services.ingests(), blocking, uploadIo, services.maxUploadBytes()).mount(api);
        new IngestReportRoutes(services.ingests(), services.index(), blocking).mount(api);
        new ReceiptRoutes(services.ingests(), blocking).mount(api);
        new PackageRoutes(services.index(), services.reads(), blocking).mount(api);
        new ArchiveRoutes(services.archiveCertificate()).mount(api);
        new AuditRoutes(services.audits(), blocking, java.time.Clock.systemUTC()).mount(api);
        new IncidentRoutes(services.audits(), blocking).mount(api);
        new PreservationRoutes(services.status(), blocking).mount(root, api);
        root.route("/api/v1/*").subRouter(api);
        new SparqlRoutes(services.graphs(), blocking).mount(root);
        new HealthRoutes(
                        services.replicas(),
                        services.index(),
                        services.graphs()::reachable,
                        services.fusekiUrl(),
                        blocking)
                .mount(root);
        root.route().failureHandler(Failures::handle);
        api.route().failureHandler(Failures::handle);
        root.errorHandler(404, Failures::handle);
        root.errorHandler(405, Failures::handle);
        root.errorHandler(500, Failures::handle);
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost(services.host())
                        .setPort(services.port())
                        .setHttp2ClearTextEnabled(false)
                        // A client that stops sending mid-upload (or a slow-loris) is cut off after five idle
                        // minutes; its partial upload is discarded. Long-polls answer within 60 s.
                        .setIdleTimeout(300))
                .requestHandler(root)
                .listen()
                .onSuccess(s -> server = s);
    }

    /** The port actually bound (useful with port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.onComplete(x -> {
            blocking.close();
            uploadIo.shutdown();
        });
    }
}
