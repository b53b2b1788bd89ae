package vn.kho.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code GET /archive/certificate}: the certificate of the archive's signing key, which verifies its receipts and the
 * {@code METS.xml.p7s} of its AIPs. PEM by default (what {@code openssl -CAfile} takes); DER for
 * {@code Accept: application/pkix-cert}.
 */
final class ArchiveRoutes {
    private final byte[] der;

    ArchiveRoutes(X509Certificate certificate) {
        try {
            this.der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the archive certificate cannot be encoded", e);
        }
    }

    void mount(Router api) {
        api.get("/archive/certificate").handler(this::certificate);
    }

    private void certificate(RoutingContext ctx) {
        String accept = Optional.ofNullable(ctx.request().getHeader("Accept")).orElse("");
        if (accept.contains("application/pkix-cert")) {
            ctx.response().putHeader("Content-Type", "application/pkix-cert").end(Buffer.buffer(der));
            return;
        }
        ctx.response()
                .putHeader("Content-Type", "application/x-pem-file")
                .putHeader("Vary", "Accept")
                .end(pem(der));
    }

    static String pem(byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }
}
