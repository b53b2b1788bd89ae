package vn.kho.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflObjectBuilder;

class ReplicatedWriterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path tmp;

    private OcflObjectBuilder builder;
    private ExecutorService executor;

    @BeforeEach
    void open() {
        builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        executor.shutdownNow();
        builder.close();
    }

    private StagedObject stage(PackageId id) {
        return builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", "mailto:a@example.vn");
    }

    private ReplicatedWriter writer(List<Replica> replicas) {
        return new ReplicatedWriter(replicas, executor, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void returnsAVerifiedCopyPerReplicaOnceEveryReplicaHoldsTheObject() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        PackageId id = PackageId.random();

        List<VerifiedCopy> copies =
                writer(List.of(a, b)).store(stage(id), false).verified();

        assertThat(copies).containsExactly(new VerifiedCopy("a", NOW), new VerifiedCopy("b", NOW));
        assertThat(a.contains(id)).isTrue();
        assertThat(b.contains(id)).isTrue();
    }

    @Test
    void letsOnlyTheFirstReplicaOnTheStagingFilesystemShareTheStagedFiles() throws Exception {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);

        writer(List.of(a, b)).store(staged, false);

        for (String path : Staging.tree(staged.objectDir()).keySet()) {
            Path inA = a.objectDir(id).resolve(path);
            Path inB = b.objectDir(id).resolve(path);
            assertThat(Files.isSameFile(inA, staged.objectDir().resolve(path)))
                    .as(path)
                    .isTrue();
            assertThat(Files.isSameFile(inB, staged.objectDir().resolve(path)))
                    .as(path)
                    .isFalse();
            assertThat(Files.isSameFile(inA, inB)).as(path).isFalse();
            assertThat(Files.readAllBytes(inB)).as(path).isEqualTo(Files.readAllBytes(inA));
        }
    }

    @Test
    void leavesNoReplicaHoldingTheObjectWhenTheSecondReplicaFailsToWrite() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FailingAfterWrite("b", tmp.resolve("b"));
        PackageId id = PackageId.random();

        assertThatThrownBy(() -> writer(List.of(a, b)).store(stage(id), false))
                .isInstanceOfSatisfying(ReplicationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo("STORAGE_REPLICA_FAILED");
                    assertThat(e.getMessage()).contains("replica b: ", "disk gone");
                    assertThat(e.findings()).containsOnlyKeys("b");
                });
        assertThat(a.contains(id)).isFalse();
        assertThat(b.contains(id)).isFalse();
        assertThat(a.list()).isEmpty();
    }

    @Test
    void leavesNoReplicaHoldingTheObjectWhenACopyFailsVerification() {
        FilesystemReplica a = new CorruptingReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        PackageId id = PackageId.random();

        assertThatThrownBy(() -> writer(List.of(a, b)).store(stage(id), false))
                .isInstanceOfSatisfying(ReplicationFailedException.class, e -> {
                    assertThat(e.getMessage()).contains("replica a: verification found OCFL_DIGEST_MISMATCH METS.xml");
                    assertThat(e.findings().get("a")).extracting(f -> f.code()).containsExactly("OCFL_DIGEST_MISMATCH");
                });
        assertThat(a.contains(id)).isFalse();
        assertThat(b.contains(id)).isFalse();
    }

    @Test
    void leavesNoPartialStateWhenAReplacingWriteFails() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        PackageId id = PackageId.random();
        // an earlier, interrupted ingest left the object on b only
        new FilesystemReplica("b", tmp.resolve("b")).put(stage(id), false);
        builder.discard(id);
        FilesystemReplica b = new FailingAfterWrite("b", tmp.resolve("b"));

        assertThatThrownBy(() -> writer(List.of(a, b)).store(stage(id), true))
                .isInstanceOf(ReplicationFailedException.class);

        assertThat(a.contains(id)).isFalse();
        assertThat(b.contains(id)).isFalse();
    }

    @Test
    void doesNotDeleteAnObjectItDidNotWrite() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        b.put(staged, false);

        assertThatThrownBy(() -> writer(List.of(a, b)).store(staged, false))
                .isInstanceOfSatisfying(ReplicationFailedException.class, e -> assertThat(e.getMessage())
                        .contains("replica b: ", "already exists"));

        assertThat(a.contains(id)).isFalse();
        assertThat(b.contains(id)).isTrue();
    }

    @Test
    void storesOnTheQuorumWhenAReplicaFailsAndLeavesNoPartialCopyOnIt() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FailingAfterWrite("b", tmp.resolve("b"));
        FilesystemReplica c = new FilesystemReplica("c", tmp.resolve("c"));
        PackageId id = PackageId.random();

        Replication stored = new ReplicatedWriter(
                        List.of(a, b, c), 2, Duration.ZERO, executor, Clock.fixed(NOW, ZoneOffset.UTC))
                .store(stage(id), false);

        assertThat(stored.verified()).containsExactly(new VerifiedCopy("a", NOW), new VerifiedCopy("c", NOW));
        assertThat(stored.underReplicated()).isTrue();
        assertThat(stored.missing()).containsOnlyKeys("b");
        assertThat(stored.missing().get("b")).contains("disk gone");
        assertThat(b.contains(id)).isFalse();
        assertThat(b.list()).isEmpty();
    }

    @Test
    void writesNothingWhenFewerReplicasThanTheQuorumAreUpAfterWaiting() throws Exception {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FilesystemReplica("b", tmp.resolve("b"));
        FilesystemReplica c = new FilesystemReplica("c", tmp.resolve("c"));
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        // two roots unmounted: no OCFL storage root there any more
        Files.delete(tmp.resolve("b/0=ocfl_1.1"));
        Files.delete(tmp.resolve("c/0=ocfl_1.1"));

        assertThatThrownBy(() -> new ReplicatedWriter(
                                List.of(a, b, c), 2, Duration.ofMillis(300), executor, Clock.systemUTC())
                        .store(staged, false))
                .isInstanceOfSatisfying(ReplicationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo("STORAGE_QUORUM_NOT_MET");
                    assertThat(e.getMessage()).contains("1 of 3 replicas are up", "replica b", "replica c");
                });
        assertThat(a.contains(id)).isFalse();
        assertThat(a.list()).isEmpty();
    }

    @Test
    void rollsBackTheCopiesItWroteWhenTheQuorumIsMissedAfterWriting() {
        FilesystemReplica a = new FilesystemReplica("a", tmp.resolve("a"));
        FilesystemReplica b = new FailingAfterWrite("b", tmp.resolve("b"));
        FilesystemReplica c = new FailingAfterWrite("c", tmp.resolve("c"));
        PackageId id = PackageId.random();

        assertThatThrownBy(() -> new ReplicatedWriter(
                                List.of(a, b, c), 2, Duration.ZERO, executor, Clock.fixed(NOW, ZoneOffset.UTC))
                        .store(stage(id), false))
                .isInstanceOfSatisfying(ReplicationFailedException.class, e -> assertThat(e.code())
                        .isEqualTo("STORAGE_REPLICA_FAILED"));
        for (FilesystemReplica replica : List.of(a, b, c)) {
            assertThat(replica.contains(id)).as(replica.id()).isFalse();
        }
    }

    /**
     * A real filesystem replica with one injected fault: its write completes, then fails as if the final fsync of the
     * parent directory had reported an I/O error.
     */
    private static final class FailingAfterWrite extends FilesystemReplica {
        FailingAfterWrite(String id, Path root) {
            super(id, root);
        }

        @Override
        public void put(StagedObject object, boolean replace) {
            super.put(object, replace);
            throw new StorageFailureException("STORAGE_WRITE_FAILED", "disk gone while syncing");
        }
    }

    /** A real filesystem replica whose disk flips a bit of METS.xml right after writing it. */
    private static final class CorruptingReplica extends FilesystemReplica {
        CorruptingReplica(String id, Path root) {
            super(id, root);
        }

        @Override
        public void put(StagedObject object, boolean replace) {
            super.put(object, replace);
            try {
                Path mets = localPath(object.inventory().id(), "METS.xml").orElseThrow();
                byte[] bytes = Files.readAllBytes(mets);
                bytes[0] ^= 0x20;
                Files.write(mets, bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
