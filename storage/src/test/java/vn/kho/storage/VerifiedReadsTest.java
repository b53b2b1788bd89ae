package vn.kho.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflObjectBuilder;
import vn.kho.storage.rocksdb.RocksPackageIndex;

class VerifiedReadsTest {
    @TempDir
    Path tmp;

    @Test
    void readsFromTheFirstReplicaUpInOrderOfPreferenceAndFallsBackWhenItsCopyIsBad() throws Exception {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        PackageId id = PackageId.random();
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
                ReplicatedWriter writer = new ReplicatedWriter(List.of(a, b))) {
            writer.store(builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", null), false);
        }
        try (RocksPackageIndex index = new RocksPackageIndex(tmp.resolve("index"))) {
            new IndexRebuilder().rebuild(List.of(a, b), index, Staging::describeFromInventory);
            String path = index.files(id).get(0).file().path();
            Map<String, Replica> bFirst = new LinkedHashMap<>();
            bFirst.put("b", b);
            bFirst.put("a", a);
            VerifiedReads reads = new VerifiedReads(bFirst, index, 1 << 20, Clock.systemUTC());

            assertThat(reads.choose(id, path).replica().id()).isEqualTo("b");
            VerifiedReads bDown = new VerifiedReads(
                    bFirst, index, 1 << 20, Clock.systemUTC(), (pkg, replica, outcome) -> {}, "b"::equals);
            assertThat(bDown.choose(id, path).replica().id())
                    .as("a replica whose health probe failed is read from last")
                    .isEqualTo("a");

            Path copyOnB = b.root()
                    .resolve(index.files(id).get(0).copies().stream()
                            .filter(c -> c.replicaId().equals("b"))
                            .findFirst()
                            .orElseThrow()
                            .storagePath());
            Files.write(copyOnB, "not what was stored".getBytes());

            VerifiedReads.Choice fallback = reads.choose(id, path);
            assertThat(fallback.replica().id()).isEqualTo("a");
            assertThat(fallback.verified()).isTrue();
            assertThat(index.file(id, path).orElseThrow().copies())
                    .filteredOn(c -> c.replicaId().equals("b"))
                    .extracting(CopyStatus::outcome)
                    .containsExactly("MISMATCH");
        }
    }
}
