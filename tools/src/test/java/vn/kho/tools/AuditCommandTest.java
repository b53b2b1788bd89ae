package vn.kho.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kho.tools.KhoRun.kho;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.api.Kho;
import vn.kho.api.config.ConfigLoader;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.repository.signature.Openssl;
import vn.kho.storage.ocfl.FilesystemReplica;

/** {@code kho audit start|status|report} against a real Kho on a free port, with a fault injected on disk. */
class AuditCommandTest {
    @TempDir
    static Path tmp;

    static Kho kho;
    static String server;
    static PackageId pkg;

    @BeforeAll
    static void start() throws Exception {
        kho = Kho.start(new ConfigLoader()
                .set("data", tmp.resolve("data").toString())
                .set("server.port", "0")
                .load());
        server = "http://127.0.0.1:" + kho.port();
        Path zip = Tt05SipBuilder.create().id(UUID.randomUUID()).writeZip(tmp.resolve("sip.zip"));
        IngestBench.ingestOnce(HttpClient.newHttpClient(), URI.create(server), zip, 0, 0);
        pkg = kho.index().list(null, 1).get(0).description().id();
    }

    @AfterAll
    static void stop() {
        kho.close();
    }

    @Test
    void startsAnAuditFollowsItToTheEndAndReportsTheRepairSignedByTheArchive() throws Exception {
        String document = kho.index().files(pkg).stream()
                .map(f -> f.file().path())
                .filter(p -> p.startsWith("representations/") && p.contains("/data/"))
                .findFirst()
                .orElseThrow();
        Path copy = ((FilesystemReplica) kho.replicas().get(0))
                .localPath(pkg, document)
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(copy, bytes);

        KhoRun started = kho("audit", "start", "--server", server, "--wait");

        assertThat(started.exit()).as(started.out() + started.err()).isZero();
        String last = started.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).contains("COMPLETED");
        String id = last.substring(0, last.indexOf(' '));

        KhoRun status = kho("audit", "status", "--server", server, id);
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("MISMATCH").contains(document);
        assertThat(kho("audit", "status", "--server", server).out()).contains(id);

        Path report = tmp.resolve("report.json");
        Path signature = tmp.resolve("report.p7s");
        KhoRun json = kho(
                "audit",
                "report",
                "--server",
                server,
                id,
                "--out",
                report.toString(),
                "--signature",
                signature.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(new JsonObject(Files.readString(report)).encode()).contains("MISMATCH");
        Path ca = Files.writeString(
                tmp.resolve("archive.pem"), pem(kho.archiveCertificate().getEncoded()));
        Openssl.Run verified = Openssl.verifyDetached(tmp, report, signature, ca);
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(kho("audit", "report", "--server", server, id, "--csv").out())
                .contains("MISMATCH");

        // repaired: the next audit finds every copy good
        KhoRun again = kho("audit", "start", "--server", server, "--wait", "--package", pkg.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).doesNotContain("MISMATCH");
    }

    @Test
    void refusesAnUnknownReplicaAndAnUnreachableServerWithExitCodeTwo() {
        KhoRun unknown = kho("audit", "start", "--server", server, "--replica", "zz");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("AUDIT_REPLICA_UNKNOWN");
        assertThat(kho("audit", "status", "--server", "http://127.0.0.1:9").exit())
                .isEqualTo(2);
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
