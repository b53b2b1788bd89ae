package vn.kho.preservation.audit;

import java.util.function.LongSupplier;

/**
 * A read-bandwidth budget: a token bucket of bytes, refilled at {@code bytesPerSecond} and holding at most one
 * second's worth. It starts empty, so reading N bytes takes at least N / bytesPerSecond seconds. Bytes are charged
 * after they were read ({@link #charge}): the bucket may go into debt, and the caller then waits until it is paid off.
 * Shared by the workers of one audit; thread-safe.
 */
public final class ReadThrottle {
    /** How a throttle waits; tests pass one that only advances their clock. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long refilled;

    public ReadThrottle(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public ReadThrottle(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.refilled = nanoTime.getAsLong();
    }

    /**
     * Takes {@code bytes} from the budget, waiting until the budget has paid for them.
     *
     * @throws InterruptedException when interrupted while waiting (the bytes stay charged)
     */
    public void charge(long bytes) throws InterruptedException {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes < 0");
        }
        long wait = debit(bytes);
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    /**
     * Takes {@code bytes} from the budget without waiting, for callers that wait in their own way (so that their own
     * close can cut the wait short).
     *
     * @return how many nanoseconds the caller must wait before reading again; 0 when the budget covered the bytes
     */
    public long debit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes < 0");
        }
        synchronized (this) {
            refill();
            tokens -= bytes;
            return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1e9 / bytesPerSecond);
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(bytesPerSecond, tokens + (now - refilled) * (double) bytesPerSecond / 1e9);
        refilled = now;
    }
}
