package vn.kho.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.kho.api.Kho;
import vn.kho.api.config.ConfigLoader;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.rocksdb.RocksPackageIndex;

class IndexRebuildCommandTest {
    @TempDir
    Path tmp;

    @Test
    void khoIndexRebuildMakesTheIndexAgainFromTheReplicasAlone() throws Exception {
        Path data = tmp.resolve("data");
        UUID id = UUID.randomUUID();
        List<IndexedFile> before;
        try (Kho kho = Kho.start(new ConfigLoader()
                .set("data", data.toString())
                .set("server.port", "0")
                .load())) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kho.port() + "/api/v1/ingests"))
                                    .header("Content-Type", "application/zip")
                                    .POST(HttpRequest.BodyPublishers.ofFile(
                                            Tt05SipBuilder.create().id(id).writeZip(tmp.resolve("sip.zip"))))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String ingest = new JsonObject(r.body()).getString("ingestId");
            kho.ingests().whenFinal(UUID.fromString(ingest)).orElseThrow().get();
            before = kho.index().files(new PackageId(id));
            assertThat(before).isNotEmpty();
        }
        // a damaged index: wipe its files
        Files.writeString(data.resolve("index/CURRENT"), "garbage");

        StringWriter out = new StringWriter();
        CommandLine cl = KhoCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute("index", "rebuild", "--data", data.toString());
        assertThat(exit).isZero();

        try (RocksPackageIndex index = new RocksPackageIndex(data.resolve("index"))) {
            assertThat(index.count()).isEqualTo(1);
            List<IndexedFile> after = index.files(new PackageId(id));
            assertThat(after)
                    .extracting(f -> f.file())
                    .containsExactlyInAnyOrderElementsOf(
                            before.stream().map(IndexedFile::file).toList());
            assertThat(after).allSatisfy(f -> assertThat(f.copies()).hasSize(2));
        }
    }
}
