package vn.kho.preservation.eventlog.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml.LogEntry;

class RocksEventBufferTest {
    private static final LocalDate MON = LocalDate.parse("2026-11-23");
    private static final LocalDate TUE = LocalDate.parse("2026-11-24");

    @TempDir
    Path tmp;

    private static PremisEvent event(String detail) {
        return new PremisEvent(
                UUID.randomUUID().toString(),
                "fixity check",
                Instant.parse("2026-11-23T10:00:00.123456789Z"),
                "success",
                detail,
                "Kho 0.1.0",
                "urn:uuid:0b6f8a3e-2c1d-4e5f-9a7b-1c2d3e4f5a6b");
    }

    @Test
    void keepsEachDaysEventsInOrderThroughARestartAndForgetsOneDayAtATime() {
        PackageId one = PackageId.random();
        PackageId two = PackageId.random();
        List<PremisEvent> a = List.of(event("tệp 1"), event(null));
        List<PremisEvent> b = List.of(event("b"));
        List<PremisEvent> c = List.of(event("c"));
        try (RocksEventBuffer buffer = new RocksEventBuffer(tmp)) {
            buffer.add(TUE, one, a);
            buffer.add(MON, two, b);
        }
        try (RocksEventBuffer buffer = new RocksEventBuffer(tmp)) {
            buffer.add(TUE, two, c); // after a restart, still after what came before

            assertThat(buffer.days()).containsExactly(MON, TUE);
            assertThat(buffer.entries(TUE)).containsExactly(new LogEntry(one, a), new LogEntry(two, c));
            assertThat(buffer.size()).isEqualTo(3);

            buffer.remove(MON);

            assertThat(buffer.days()).containsExactly(TUE);
            assertThat(buffer.entries(MON)).isEmpty();
            assertThat(buffer.entries(TUE)).hasSize(2);
        }
    }
}
