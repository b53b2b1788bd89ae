package vn.kho.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import vn.kho.repository.PackageId;

class EventLogIdsTest {
    @Test
    void namesEachMonthByAVersion8UuidThatReadsBackAsThatMonth() {
        PackageId id = EventLogIds.of(YearMonth.of(2026, 11));

        assertThat(id.urn()).isEqualTo("urn:uuid:6b686f65-766c-8000-8000-000000202611");
        assertThat(id.uuid().version()).isEqualTo(8);
        assertThat(EventLogIds.month(id)).contains(YearMonth.of(2026, 11));
        assertThat(EventLogIds.month(PackageId.parse(id.urn()))).contains(YearMonth.of(2026, 11));
    }

    @Test
    void takesNoPackageIdForAnEventLog() {
        for (int i = 0; i < 1000; i++) {
            assertThat(EventLogIds.isEventLog(PackageId.random())).isFalse();
        }
        assertThat(EventLogIds.isEventLog(PackageId.parse("6b686f65-766c-8000-8000-000000202613")))
                .isFalse();
    }
}
