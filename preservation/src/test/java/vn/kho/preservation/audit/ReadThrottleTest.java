package vn.kho.preservation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadThrottleTest {
    private static final long MB = 1 << 20;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ReadThrottle throttle = new ReadThrottle(100 * MB, now::get, now::addAndGet);

    @Test
    void readingOneGigabyteAtOneHundredMegabytesPerSecondTakesAtLeastTenSeconds() throws InterruptedException {
        long start = now.get();
        for (int i = 0; i < 1024; i++) {
            throttle.charge(MB);
        }
        assertThat(now.get() - start).isGreaterThanOrEqualTo(10_240_000_000L - 1_000);
    }

    @Test
    void bytesReadWhileIdleForLessThanASecondAreAlreadyPaidFor() throws InterruptedException {
        now.addAndGet(500_000_000L);
        long start = now.get();
        throttle.charge(50 * MB);
        assertThat(now.get()).isEqualTo(start);
    }

    @Test
    void idlingNeverSavesMoreThanOneSecondOfBudget() throws InterruptedException {
        now.addAndGet(60_000_000_000L);
        long start = now.get();
        throttle.charge(300 * MB);
        assertThat(now.get() - start).isGreaterThanOrEqualTo(2_000_000_000L - 1_000);
    }

    @Test
    void refusesANonPositiveBudget() {
        assertThatThrownBy(() -> new ReadThrottle(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
