package vn.kho.api.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.repository.BadRequestException;
import vn.kho.repository.ConflictException;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.InvalidPackageException;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.StorageFailureException;
import vn.kho.repository.xml.SafeXml;

/**
 * The one place exceptions become HTTP answers: {@code {"error": {"code", "message"}}} with the status of the
 * outcome. No stack trace ever reaches a client; unexpected errors are logged and answered as INTERNAL_ERROR.
 */
final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure == null) {
            int s = status < 400 ? 500 : status;
            String code =
                    switch (s) {
                        case 404 -> "ROUTE_NOT_FOUND";
                        case 405 -> "METHOD_NOT_ALLOWED";
                        case 413 -> "REQUEST_TOO_LARGE";
                        default -> "HTTP_" + s;
                    };
            send(
                    ctx.response(),
                    s,
                    code,
                    ctx.request().method() + " " + ctx.request().path() + ": "
                            + code.toLowerCase().replace('_', ' '),
                    null);
            return;
        }
        if (failure instanceof KhoException k) {
            JsonArray findings = null;
            if (k instanceof InvalidPackageException ip) {
                findings = Views.findings(ip.findings());
            }
            send(ctx.response(), status(k), k.code(), k.getMessage(), findings);
            return;
        }
        log.error(
                "unexpected failure on {} {}",
                ctx.request().method(),
                ctx.request().path(),
                failure);
        send(ctx.response(), 500, "INTERNAL_ERROR", "Kho could not complete the request; the error is logged", null);
    }

    static int status(KhoException k) {
        if (k instanceof ApiException a) {
            return a.status();
        }
        if (k instanceof NotFoundException) {
            return 404;
        }
        if (k instanceof BadRequestException || k instanceof SafeXml.XmlRejected) {
            return 400;
        }
        if (k instanceof ConflictException) {
            return 409;
        }
        if (k instanceof InvalidPackageException) {
            return 422;
        }
        if (k instanceof FixityMismatchException || k instanceof StorageFailureException) {
            return 503;
        }
        return 500;
    }

    static io.vertx.core.Future<Void> send(
            HttpServerResponse response, int status, String code, String message, JsonArray findings) {
        if (response.headWritten()) {
            response.reset();
            return io.vertx.core.Future.succeededFuture();
        }
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        if (findings != null) {
            error.put("findings", findings);
        }
        return response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).encode());
    }
}
