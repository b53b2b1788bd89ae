package vn.kho.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDefaultsListenOnLoopback8080WithTwoReplicasUnderData() {
        KhoConfig c = new ConfigLoader().set("data", dir.toString()).load();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.replicas()).extracting(KhoConfig.ReplicaConfig::id).containsExactly("a", "b");
        assertThat(c.replicas().get(0).path()).isEqualTo(dir.resolve("replicas/a"));
        assertThat(c.indexDir()).isEqualTo(dir.resolve("index"));
        assertThat(c.journalDir()).isEqualTo(dir.resolve("journal"));
        assertThat(c.fusekiUrl()).isNull();
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
        Path file = dir.resolve("kho.yaml");
        Files.writeString(file, "server:\n  port: 9000\ndata: " + dir + "\ningest:\n  maxUploadBytes: 64MB\n");
        ConfigLoader loader = new ConfigLoader().file(file);
        assertThat(loader.load().port()).isEqualTo(9000);
        assertThat(loader.load().ingest().maxUploadBytes()).isEqualTo(64L << 20);
        loader.environment(Map.of("KHO_PORT", "9100"));
        assertThat(loader.load().port()).isEqualTo(9100);
        loader.set("server.port", "9200");
        assertThat(loader.load().port()).isEqualTo(9200);
    }

    @Test
    void aConfigFileCanNameMoreReplicasAndAnExternalFuseki() throws IOException {
        Path file = dir.resolve("kho.json");
        Files.writeString(
                file,
                """
                {"data": "%s",
                 "replicas": [{"id": "a", "path": "r1"}, {"id": "b", "path": "r2"}, {"id": "nas", "path": "/mnt/nas/kho"}],
                 "fuseki": {"url": "http://127.0.0.1:3030/kho"},
                 "ocfl": {"extraFixity": ["sha512"]}}
                """
                        .formatted(dir));
        KhoConfig c = new ConfigLoader().file(file).load();
        assertThat(c.replicas()).extracting(KhoConfig.ReplicaConfig::id).containsExactly("a", "b", "nas");
        assertThat(c.replicas().get(1).path()).isEqualTo(dir.resolve("r2"));
        assertThat(c.fusekiUrl()).isEqualTo("http://127.0.0.1:3030/kho");
        assertThat(c.extraFixity()).containsExactly("sha512");
    }

    @Test
    void aBadPortStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new ConfigLoader().set("server.port", "http").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port");
        assertThatThrownBy(() -> new ConfigLoader()
                        .environment(Map.of("KHO_PORT", "70000"))
                        .load())
                .hasMessageContaining("server.port")
                .hasMessageContaining("65535");
    }

    @Test
    void unknownSettingsAndDuplicateReplicasAreRefused() throws IOException {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"server\": {\"prot\": 1}}");
        assertThatThrownBy(() -> new ConfigLoader().file(typo).load()).hasMessageContaining("server.prot");
        Path dup = dir.resolve("dup.json");
        Files.writeString(dup, "{\"replicas\": [{\"id\": \"a\", \"path\": \"x\"}, {\"id\": \"a\", \"path\": \"y\"}]}");
        assertThatThrownBy(() -> new ConfigLoader().file(dup).load()).hasMessageContaining("replicas[1].id");
    }

    @Test
    void sizesNeedAUnitOrBytesAndAMissingFileIsNamed() {
        assertThatThrownBy(() ->
                        new ConfigLoader().set("ingest.maxUploadBytes", "lots").load())
                .hasMessageContaining("ingest.maxUploadBytes");
        assertThatThrownBy(() -> new ConfigLoader().file(dir.resolve("nope.json")))
                .hasMessageContaining("--config");
    }

    @Test
    void checksDefaultToAnAgencyArchiveWithTheBuiltInPolicyAndTwoValidators() {
        KhoConfig.Checks c =
                new ConfigLoader().set("data", dir.toString()).load().checks();
        assertThat(c.historicalArchive()).isFalse();
        assertThat(c.policyFile()).isNull();
        assertThat(c.validators()).isBetween(1, 2);
        assertThat(c.validatorHeapMb()).isEqualTo(384);
        assertThat(c.validatorTimeoutSeconds()).isEqualTo(60);
    }

    @Test
    void aHistoricalArchiveAndItsPolicyComeFromTheEnvironmentAndBadValuesAreNamed() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "version: 1\nrules: {}\n");
        KhoConfig.Checks c = new ConfigLoader()
                .set("data", dir.toString())
                .environment(Map.of("KHO_ARCHIVE", "historical", "KHO_POLICY", policy.toString()))
                .load()
                .checks();
        assertThat(c.historicalArchive()).isTrue();
        assertThat(c.policyFile()).isEqualTo(policy);

        assertThatThrownBy(() ->
                        new ConfigLoader().set("checks.archive", "provincial").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("checks.archive");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("checks.policy", dir.resolve("missing.yaml").toString())
                        .load())
                .hasMessageContaining("checks.policy")
                .hasMessageContaining("no such file");
        Path lax = Files.writeString(dir.resolve("lax.yaml"), "version: 1\nrules:\n  ZIP_*: accept\n");
        assertThatThrownBy(() ->
                        new ConfigLoader().set("checks.policy", lax.toString()).load())
                .hasMessageContaining("checks.policy")
                .hasMessageContaining("always reject");
        assertThatThrownBy(() ->
                        new ConfigLoader().set("checks.validatorHeap", "16MB").load())
                .hasMessageContaining("checks.validatorHeap");
    }

    @Test
    void signaturesTrustNothingRequireNothingAndKeepTheArchiveKeyUnderDataByDefault() {
        KhoConfig.Signatures s =
                new ConfigLoader().set("data", dir.toString()).load().signatures();

        assertThat(s.trustDir()).isEqualTo(dir.resolve("trust"));
        assertThat(s.requiredByDefault()).isFalse();
        assertThat(s.agencies()).isEmpty();
        assertThat(s.weakDigests()).containsExactly("MD5", "SHA-1");
        assertThat(s.minRsaBits()).isEqualTo(2048);
        assertThat(s.keyFile()).isEqualTo(dir.resolve("keys/archive.p12"));
        assertThat(s.keyPassword()).isNull();
    }

    @Test
    void aConfigFileNamesTheAgenciesThatMustSignAndTheWeakAlgorithms() throws IOException {
        Path trust = Files.createDirectories(dir.resolve("ca"));
        Path file = dir.resolve("kho.yaml");
        Files.writeString(
                file,
                "signatures:\n  trust: " + trust + "\n  requiredByDefault: true\n  agencies:\n"
                        + "    \"000.00.00.H30\": false\n  weakDigests: [md5]\n  minRsaBits: 3072\n"
                        + "archive:\n  name: Lưu trữ lịch sử tỉnh\n");

        KhoConfig c = new ConfigLoader().set("data", dir.toString()).file(file).load();

        assertThat(c.signatures().trustDir()).isEqualTo(trust);
        assertThat(c.signatures().requiredByDefault()).isTrue();
        assertThat(c.signatures().agencies()).containsEntry("000.00.00.H30", false);
        assertThat(c.signatures().weakDigests()).containsExactly("MD5");
        assertThat(c.signatures().minRsaBits()).isEqualTo(3072);
        assertThat(c.signatures().archiveName()).isEqualTo("Lưu trữ lịch sử tỉnh");
    }

    @Test
    void badSignatureSettingsAreNamedAndAConfiguredKeyNeedsItsPasswordFromTheEnvironment() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"signatures\": {\"agencies\": {\"X\": \"yes\"}}}");
        assertThatThrownBy(() -> new ConfigLoader().file(file).load()).hasMessageContaining("signatures.agencies.X");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("signatures.trust", dir.resolve("none").toString())
                        .load())
                .hasMessageContaining("signatures.trust");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("signatures.requiredByDefault", "maybe")
                        .load())
                .hasMessageContaining("signatures.requiredByDefault");
        Path key = Files.write(dir.resolve("archive.p12"), new byte[] {1});
        assertThatThrownBy(() ->
                        new ConfigLoader().set("archive.key", key.toString()).load())
                .hasMessageContaining("KHO_KEY_PASSWORD");
        KhoConfig c = new ConfigLoader()
                .set("archive.key", key.toString())
                .environment(Map.of("KHO_KEY_PASSWORD", "s3cret"))
                .load();
        assertThat(c.signatures().keyPassword()).isEqualTo("s3cret");
        assertThat(c.signatures().toString()).doesNotContain("s3cret");
    }

    @Test
    void auditsReadOneHundredMegabytesPerSecondTwoPackagesAtATimeAndCallNoWebhookByDefault() {
        KhoConfig.Audit a =
                new ConfigLoader().set("data", dir.toString()).load().audit();
        assertThat(a.bandwidthMBps()).isEqualTo(100);
        assertThat(a.concurrency()).isEqualTo(2);
        assertThat(a.webhook()).isNull();
        assertThat(a.scheduler()).isTrue();
        assertThat(a.cycleDays()).isEqualTo(30);
        assertThat(new ConfigLoader().set("data", dir.toString()).load().auditDir())
                .isEqualTo(dir.resolve("audits"));
    }

    @Test
    void aConfigFileSetsTheAuditBudgetAndWebhook() throws IOException {
        Path file = dir.resolve("kho.yaml");
        Files.writeString(
                file,
                "data: " + dir
                        + "\naudit:\n  bandwidthMBps: 5\n  concurrency: 4\n  webhook: http://127.0.0.1:9/hook\n"
                        + "  cycleDays: 90\n  scheduler: false\n");
        KhoConfig.Audit a = new ConfigLoader().file(file).load().audit();
        assertThat(a.bandwidthMBps()).isEqualTo(5);
        assertThat(a.concurrency()).isEqualTo(4);
        assertThat(a.webhook()).hasToString("http://127.0.0.1:9/hook");
        assertThat(a.cycleDays()).isEqualTo(90);
        assertThat(a.scheduler()).isFalse();
    }

    @Test
    void badAuditSettingsAreNamed() {
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("data", dir.toString())
                        .set("audit.bandwidthMBps", "0")
                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("audit.bandwidthMBps");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("data", dir.toString())
                        .set("audit.concurrency", "many")
                        .load())
                .hasMessageContaining("audit.concurrency");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("data", dir.toString())
                        .set("audit.webhook", "ftp://example.org/x")
                        .load())
                .hasMessageContaining("audit.webhook");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("data", dir.toString())
                        .set("audit.bandwith", "5")
                        .load())
                .hasMessageContaining("audit.bandwith");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("data", dir.toString())
                        .set("audit.cycleDays", "0")
                        .load())
                .hasMessageContaining("audit.cycleDays");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("data", dir.toString())
                        .set("audit.scheduler", "sometimes")
                        .load())
                .hasMessageContaining("audit.scheduler");
    }

    @Test
    void replicasMayBeS3BucketsAndFedoraContainersWithTheirSecretsFromTheEnvironment() throws IOException {
        Path file = dir.resolve("kho.json");
        Files.writeString(
                file,
                """
                {"data": "%s",
                 "replicas": [
                   {"id": "a", "path": "replicas/a"},
                   {"id": "minio", "s3": {"endpoint": "http://minio.lan:9000", "bucket": "kho", "prefix": "archive",
                                          "accessKey": "kho", "secretKey": "from-the-file", "partSize": "32MB"}},
                   {"id": "fedora-1", "fedora": {"url": "https://fedora.lan/fcrepo/rest", "container": "kho"}}],
                 "replication": {"quorum": 2, "waitSeconds": 5}}
                """
                        .formatted(dir));

        KhoConfig c = new ConfigLoader()
                .file(file)
                .environment(Map.of("KHO_REPLICA_FEDORA_1_SECRET", "fedora-secret"))
                .load();

        assertThat(c.replicas())
                .extracting(KhoConfig.ReplicaConfig::kind)
                .containsExactly("filesystem", "s3", "fedora");
        var s3 = c.replicas().get(1).s3();
        assertThat(s3.endpoint()).hasToString("http://minio.lan:9000");
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.prefix()).isEqualTo("archive/");
        assertThat(s3.secretKey()).isEqualTo("from-the-file");
        assertThat(s3.pathStyle()).isTrue();
        assertThat(s3.partSize()).isEqualTo(32L << 20);
        var fedora = c.replicas().get(2).fedora();
        assertThat(fedora.containerUrl()).hasToString("https://fedora.lan/fcrepo/rest/kho/");
        assertThat(fedora.user()).isEqualTo("fedoraAdmin");
        assertThat(fedora.password()).isEqualTo("fedora-secret");
        assertThat(c.replication()).isEqualTo(new KhoConfig.Replication(2, 5));
        assertThat(c.toString()).doesNotContain("fedora-secret", "from-the-file");
    }

    @Test
    void aReplicaNeedsExactlyOneKindItsSecretAndAQuorumItCanMeet() throws IOException {
        Path twoKinds = Files.writeString(
                dir.resolve("two.json"),
                "{\"replicas\": [{\"id\": \"a\", \"path\": \"x\", \"fedora\": {\"url\": \"http://f/rest\"}}]}");
        assertThatThrownBy(() -> new ConfigLoader().file(twoKinds).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("replicas[0]")
                .hasMessageContaining("exactly one");
        Path noSecret = Files.writeString(
                dir.resolve("nosecret.json"),
                "{\"replicas\": [{\"id\": \"s\", \"s3\": {\"bucket\": \"b\", \"accessKey\": \"k\"}}]}");
        assertThatThrownBy(() -> new ConfigLoader().file(noSecret).load())
                .hasMessageContaining("replicas[0].s3.secretKey")
                .hasMessageContaining("KHO_REPLICA_S_SECRET");
        Path badUrl = Files.writeString(
                dir.resolve("badurl.json"),
                "{\"replicas\": [{\"id\": \"f\", \"fedora\": {\"url\": \"ftp://f/rest\", \"password\": \"p\"}}]}");
        assertThatThrownBy(() -> new ConfigLoader().file(badUrl).load()).hasMessageContaining("replicas[0].fedora");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("data", dir.toString())
                        .set("replication.quorum", "3")
                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("replication.quorum");
    }
}
