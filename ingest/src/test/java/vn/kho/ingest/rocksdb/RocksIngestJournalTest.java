package vn.kho.ingest.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.IngestStatus;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;

class RocksIngestJournalTest {
    @TempDir
    Path dir;

    private static final String SHA = "a".repeat(64);

    @Test
    void jobsAndTheirFindingsSurviveReopening() {
        UUID id = UUID.randomUUID();
        PackageId pkg = PackageId.random();
        try (RocksIngestJournal j = new RocksIngestJournal(dir)) {
            j.put(IngestJob.received(id, Instant.parse("2026-01-01T00:00:00Z"), SHA, 42)
                    .withPackage(pkg, Instant.now())
                    .withFindings(List.of(Finding.error("BAGIT_OXUM_MISMATCH", "oxum", "bag-info.txt")), Instant.now())
                    .withStatus(IngestStatus.REJECTED, Instant.now()));
        }
        try (RocksIngestJournal j = new RocksIngestJournal(dir)) {
            IngestJob job = j.get(id).orElseThrow();
            assertThat(job.status()).isEqualTo(IngestStatus.REJECTED);
            assertThat(job.packageId()).isEqualTo(pkg);
            assertThat(job.findings()).extracting(Finding::code).containsExactly("BAGIT_OXUM_MISMATCH");
            assertThat(j.findByUploadDigest(SHA)).contains(job);
            assertThat(j.unfinished()).isEmpty();
        }
    }

    @Test
    void aFinalJobAndItsReceiptAreWrittenTogetherOnceAndSurviveReopening() {
        UUID id = UUID.randomUUID();
        IngestJob job = IngestJob.received(id, Instant.parse("2026-01-01T00:00:00Z"), SHA, 42);
        byte[] json = "{\"ingest\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] p7s = {0x30, (byte) 0x80, 1, 2, 3};
        try (RocksIngestJournal j = new RocksIngestJournal(dir)) {
            j.put(job);
            assertThat(j.receipt(id)).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> j.putFinal(job, new vn.kho.ingest.job.Receipt(json, p7s)))
                    .isInstanceOf(IllegalArgumentException.class);
            j.putFinal(job.withStatus(IngestStatus.STORED, Instant.now()), new vn.kho.ingest.job.Receipt(json, p7s));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> j.putFinal(
                            job.withStatus(IngestStatus.FAILED, Instant.now()),
                            new vn.kho.ingest.job.Receipt(new byte[1], new byte[1])))
                    .isInstanceOf(IllegalStateException.class);
        }
        try (RocksIngestJournal j = new RocksIngestJournal(dir)) {
            assertThat(j.get(id).orElseThrow().status()).isEqualTo(IngestStatus.STORED);
            assertThat(j.receipt(id).orElseThrow().json()).isEqualTo(json);
            assertThat(j.receipt(id).orElseThrow().signature()).isEqualTo(p7s);
        }
    }

    @Test
    void aPackageIdCanBeClaimedByOneLiveJobAtATime() {
        try (RocksIngestJournal j = new RocksIngestJournal(dir)) {
            PackageId pkg = PackageId.random();
            IngestJob first = IngestJob.received(UUID.randomUUID(), Instant.now(), SHA, 1);
            IngestJob second = IngestJob.received(UUID.randomUUID(), Instant.now(), "b".repeat(64), 1);
            j.put(first);
            j.put(second);
            assertThat(j.claim(pkg, first.id())).isEmpty();
            assertThat(j.claim(pkg, second.id())).contains(first.id());
            j.put(first.withStatus(IngestStatus.FAILED, Instant.now()));
            assertThat(j.claim(pkg, second.id()))
                    .as("a failed job no longer holds its claim")
                    .isEmpty();
            assertThat(j.unfinished()).extracting(IngestJob::id).containsExactly(second.id());
        }
    }

    @Test
    void pendingGraphsAreKeptUntilCleared() {
        try (RocksIngestJournal j = new RocksIngestJournal(dir)) {
            PackageId a = PackageId.random();
            PackageId b = PackageId.random();
            j.markGraphPending(a, true);
            j.markGraphPending(b, false);
            assertThat(j.pendingGraphs(10)).containsEntry(a, true).containsEntry(b, false);
            j.clearGraphPending(a);
            assertThat(j.pendingGraphs(10)).containsOnlyKeys(b);
        }
    }
}
