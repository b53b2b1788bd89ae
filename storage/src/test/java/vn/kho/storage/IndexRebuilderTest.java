package vn.kho.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflObjectBuilder;
import vn.kho.storage.rocksdb.RocksPackageIndex;

class IndexRebuilderTest {
    @TempDir
    Path tmp;

    @Test
    void rebuildsTheIndexFromTheReplicasAfterItsDirectoryIsDeleted() throws Exception {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        PackageId onBoth = PackageId.random();
        PackageId onlyOnA = PackageId.random();
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
                ReplicatedWriter writer = new ReplicatedWriter(List.of(a, b))) {
            writer.store(builder.build(onBoth, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", null), false);
            a.put(builder.build(onlyOnA, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", null), false);
        }
        Path indexDir = tmp.resolve("index");
        try (RocksPackageIndex index = new RocksPackageIndex(indexDir)) {
            new IndexRebuilder().rebuild(List.of(a, b), index, Staging::describeFromInventory);
        }
        vn.kho.storage.ocfl.DurableFilesForTests.deleteTree(indexDir);

        try (RocksPackageIndex index = new RocksPackageIndex(indexDir)) {
            IndexRebuilder.Report report =
                    new IndexRebuilder().rebuild(List.of(a, b), index, Staging::describeFromInventory);

            assertThat(report).isEqualTo(new IndexRebuilder.Report(2, 8, 12, List.of()));
            assertThat(index.count()).isEqualTo(2);
            assertThat(index.get(onBoth).orElseThrow().state()).isEqualTo(PackageState.ACTIVE);
            assertThat(index.get(onBoth).orElseThrow().description())
                    .isEqualTo(Staging.describeFromInventory(a, onBoth));
            List<IndexedFile> files = index.files(onBoth);
            assertThat(files).hasSize(4);
            for (IndexedFile file : files) {
                String contentPath =
                        a.inventory(onBoth).files().get(file.file().path()).contentPath();
                assertThat(file.copies())
                        .containsExactly(
                                new CopyStatus("a", a.storagePath(onBoth, contentPath), null, null),
                                new CopyStatus("b", b.storagePath(onBoth, contentPath), null, null));
                assertThat(a.root().resolve(file.copies().get(0).storagePath())).isRegularFile();
            }
            assertThat(index.get(onlyOnA).orElseThrow().state())
                    .as("a package some replica lacks")
                    .isEqualTo(PackageState.UNDER_REPLICATED);
            assertThat(index.files(onlyOnA)).allSatisfy(f -> assertThat(f.copies())
                    .extracting(CopyStatus::replicaId)
                    .containsExactly("a"));
        }
    }

    @Test
    void readsEachPackageFromTheNextReplicaWhenTheFirstCopyCannotBeRead() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        PackageId id = PackageId.random();
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
                ReplicatedWriter writer = new ReplicatedWriter(List.of(a, b))) {
            writer.store(builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", null), false);
        }
        StoredPackageReader unreadableOnA = (replica, pid) -> {
            if (replica.id().equals("a")) {
                throw new StorageFailureException("METS_UNREADABLE", "METS.xml on a is damaged");
            }
            return Staging.describeFromInventory(replica, pid);
        };

        try (RocksPackageIndex index = new RocksPackageIndex(tmp.resolve("index"))) {
            IndexRebuilder.Report report = new IndexRebuilder().rebuild(List.of(a, b), index, unreadableOnA);

            assertThat(report.packages()).isEqualTo(1);
            assertThat(index.files(id)).allSatisfy(f -> assertThat(f.copies())
                    .extracting(CopyStatus::replicaId)
                    .containsExactly("a", "b"));
        }
    }

    @Test
    void reportsAPackageThatNoReplicaCanDescribe() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        PackageId id = PackageId.random();
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false)) {
            a.put(builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", null), false);
        }
        try (RocksPackageIndex index = new RocksPackageIndex(tmp.resolve("index"))) {
            IndexRebuilder.Report report = new IndexRebuilder().rebuild(List.of(a), index, (replica, pid) -> {
                throw new StorageFailureException("METS_UNREADABLE", "damaged");
            });

            assertThat(report.unreadable()).containsExactly(id);
            assertThat(index.count()).isZero();
        }
    }
}
