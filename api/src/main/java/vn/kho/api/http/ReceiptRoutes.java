package vn.kho.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import vn.kho.ingest.IngestService;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.Receipt;
import vn.kho.repository.ConflictException;
import vn.kho.repository.NotFoundException;

/**
 * {@code GET /ingests/{id}/receipt} and {@code …/receipt.p7s}: the ingest receipt (biên bản giao nhận) and the
 * archive's detached CMS signature of it, byte for byte as issued when the ingest ended, so that
 * {@code openssl cms -verify -binary -inform DER -content receipt.json -in receipt.p7s -CAfile archive.pem} verifies.
 */
final class ReceiptRoutes {
    private final IngestService ingests;
    private final Blocking blocking;

    ReceiptRoutes(IngestService ingests, Blocking blocking) {
        this.ingests = ingests;
        this.blocking = blocking;
    }

    void mount(Router api) {
        api.get("/ingests/:id/receipt").handler(ctx -> send(ctx, false));
        api.get("/ingests/:id/receipt.p7s").handler(ctx -> send(ctx, true));
    }

    private void send(RoutingContext ctx, boolean signature) {
        UUID id = IngestRoutes.uuid(ctx.pathParam("id"));
        blocking.meta(() -> receipt(id)).onFailure(ctx::fail).onSuccess(r -> ctx.response()
                .putHeader("Content-Type", signature ? "application/pkcs7-signature" : "application/json")
                .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"receipt-" + id + (signature ? ".p7s" : ".json") + "\"")
                .end(Buffer.buffer(signature ? r.signature() : r.json())));
    }

    private Receipt receipt(UUID id) {
        IngestJob job = ingests.get(id).orElseThrow(() -> new NotFoundException("INGEST_NOT_FOUND", "no ingest " + id));
        if (!job.status().isFinal()) {
            throw new ConflictException(
                    "INGEST_NOT_FINISHED",
                    "ingest " + id + " is " + job.status() + ": its receipt is issued when it ends");
        }
        return ingests.receipt(id)
                .orElseThrow(() -> new NotFoundException(
                        "RECEIPT_NOT_FOUND", "ingest " + id + " ended before this Kho issued receipts"));
    }
}
