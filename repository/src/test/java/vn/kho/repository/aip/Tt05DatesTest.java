package vn.kho.repository.aip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Tt05DatesTest {
    @Test
    void turnsTt05DatesIntoIsoDatesWithoutInventingPrecision() {
        assertThat(Tt05Dates.toIso("05/03/2024")).contains("2024-03-05");
        assertThat(Tt05Dates.toIso("3/2024")).contains("2024-03");
        assertThat(Tt05Dates.toIso("2024")).contains("2024");
        assertThat(Tt05Dates.toIso("2024-03-05")).contains("2024-03-05");
        assertThat(Tt05Dates.toIso("32/01/2024")).isEmpty();
        assertThat(Tt05Dates.toIso("năm 2024")).isEmpty();
        assertThat(Tt05Dates.toIso(null)).isEmpty();
    }

    @Test
    void buildsAnIntervalFromWhatConverts() {
        assertThat(Tt05Dates.interval("01/01/2024", "31/12/2024")).contains("2024-01-01/2024-12-31");
        assertThat(Tt05Dates.interval("2024", "2024")).contains("2024");
        assertThat(Tt05Dates.interval("01/2024", "không rõ")).contains("2024-01");
        assertThat(Tt05Dates.interval(null, null)).isEmpty();
    }
}
