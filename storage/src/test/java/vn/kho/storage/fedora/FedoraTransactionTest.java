package vn.kho.storage.fedora;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fedora transactions as {@link FedoraGroupWriter} uses them, on a Fedora whose transactions expire after
 * {@value #TIMEOUT_MS} ms idle instead of three minutes, so that outliving the timeout takes seconds.
 */
class FedoraTransactionTest {
    private static final int TIMEOUT_MS = 3000;

    @TempDir
    static Path fedoraDir;

    private static FedoraServer fedora;
    private static FedoraHttp http;

    @BeforeAll
    static void startFedora() {
        fedora = FedoraServer.start(fedoraDir, Map.of("fcrepo.session.timeout", Integer.toString(TIMEOUT_MS)));
        http = new FedoraHttp(fedora.config(null));
    }

    @AfterAll
    static void stopFedora() {
        if (http != null) {
            http.close();
        }
        if (fedora != null) {
            fedora.close();
        }
    }

    @Test
    void staysOpenWhileItsWorkTakesLongerThanFedorasTimeout() throws Exception {
        URI resource = fedora.restUrl().resolve("slow-" + System.nanoTime());
        try (FedoraTransaction tx = FedoraTransaction.begin(http, fedora.restUrl())) {
            put(tx, resource);
            Thread.sleep(3L * TIMEOUT_MS); // a long upload, as far as Fedora's clock can tell

            tx.commit();
        }

        assertThat(status(resource)).isEqualTo(200);
    }

    @Test
    void showsNothingUntilCommittedAndNothingAfterARollback() throws Exception {
        URI resource = fedora.restUrl().resolve("rolled-back-" + System.nanoTime());
        try (FedoraTransaction tx = FedoraTransaction.begin(http, fedora.restUrl())) {
            put(tx, resource);
            assertThat(status(resource)).isEqualTo(404);
            assertThat(http.send(tx.with(FedoraHttp.request("HEAD", resource))).status())
                    .isEqualTo(200);
        } // closed uncommitted: rolled back

        assertThat(status(resource)).isEqualTo(404);
        // and its lock on the path is released at once, not when the transaction would have expired
        try (FedoraTransaction again = FedoraTransaction.begin(http, fedora.restUrl())) {
            put(again, resource);
            again.commit();
        }
        assertThat(status(resource)).isEqualTo(200);
    }

    private static void put(FedoraTransaction tx, URI resource) throws Exception {
        FedoraHttp.Answer answer = http.send(tx.with(FedoraHttp.request("PUT", resource)
                .setEntity(new StringEntity("bytes", ContentType.APPLICATION_OCTET_STREAM))));
        assertThat(answer.status()).as(answer.describe()).isEqualTo(201);
    }

    private static int status(URI resource) {
        return fedora.send(HttpRequest.newBuilder(resource).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                .statusCode();
    }
}
