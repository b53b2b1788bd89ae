package vn.kho.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.storage.CopySchedule.DueCopy;

class RocksCopyScheduleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void givesTheDueCopiesEarliestFirstAndStopsAtNow() {
        PackageId a = PackageId.random();
        PackageId b = PackageId.random();
        try (RocksPackageIndex index = new RocksPackageIndex(dir)) {
            index.schedule(a, "a", T0.plusSeconds(30));
            index.schedule(a, "b", T0.plusSeconds(10));
            index.schedule(b, "a", T0.plusSeconds(20));
            index.schedule(b, "b", T0.plusSeconds(3600));

            assertThat(index.due(T0.plusSeconds(30), 10))
                    .containsExactly(
                            new DueCopy(a, "b", T0.plusSeconds(10)),
                            new DueCopy(b, "a", T0.plusSeconds(20)),
                            new DueCopy(a, "a", T0.plusSeconds(30)));
            assertThat(index.due(T0.plusSeconds(30), 2)).hasSize(2);
            assertThat(index.due(T0, 10)).isEmpty();
            assertThat(index.first()).contains(new DueCopy(a, "b", T0.plusSeconds(10)));
            assertThat(index.scheduled()).isEqualTo(4);
        }
    }

    @Test
    void reschedulingACopyMovesItAndSurvivesReopening() {
        PackageId a = PackageId.random();
        try (RocksPackageIndex index = new RocksPackageIndex(dir)) {
            index.schedule(a, "a", T0);
            index.schedule(a, "a", T0.plusSeconds(86_400));
        }
        try (RocksPackageIndex index = new RocksPackageIndex(dir)) {
            assertThat(index.due(T0.plusSeconds(3600), 10)).isEmpty();
            assertThat(index.nextDue(a, "a")).contains(T0.plusSeconds(86_400));
            assertThat(index.due(T0.plusSeconds(86_400), 10))
                    .containsExactly(new DueCopy(a, "a", T0.plusSeconds(86_400)));
            assertThat(index.scheduled()).isEqualTo(1);
        }
    }

    @Test
    void removingOrUnschedulingAPackageForgetsEveryCopyOfItOnly() {
        PackageId a = PackageId.random();
        PackageId b = PackageId.random();
        try (RocksPackageIndex index = new RocksPackageIndex(dir)) {
            index.schedule(a, "a", T0);
            index.schedule(a, "b", T0);
            index.schedule(b, "a", T0);

            index.remove(a);

            assertThat(index.due(T0, 10)).containsExactly(new DueCopy(b, "a", T0));
            assertThat(index.nextDue(a, "a")).isEmpty();
            index.unschedule(b);
            assertThat(index.scheduled()).isZero();
            index.schedule(a, "a", T0);
            index.clear();
            assertThat(index.first()).isEmpty();
            assertThat(index.scheduled()).isZero();
        }
    }
}
