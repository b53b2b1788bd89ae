package vn.kho.preservation.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaHealth;

/**
 * Watches the replicas' health and says when one comes back: a replica seen down (unmounted, unreachable, not
 * writable) and then up again is handed to {@code cameBack} once, so that every copy on it is checked soon (what it
 * holds may have changed while nobody could see it). The first look only learns each replica's state.
 */
public final class ReplicaWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaWatch.class);

    private final List<Replica> replicas;
    private final Consumer<String> cameBack;
    private final Duration interval;
    private final Map<String, Boolean> up = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object wake = new Object();
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param cameBack called with the id of a replica that was down and is up again
     * @param interval how often every replica's health is probed
     */
    public ReplicaWatch(List<Replica> replicas, Consumer<String> cameBack, Duration interval) {
        this.replicas = List.copyOf(replicas);
        this.cameBack = cameBack;
        this.interval = interval;
    }

    /** Whether the last probe found {@code replicaId} down (false before the first probe, and for an unknown id). */
    public boolean isDown(String replicaId) {
        return Boolean.FALSE.equals(up.get(replicaId));
    }

    /** Starts probing on a daemon thread. */
    public synchronized void start() {
        thread = new Thread(this::loop, "kho-replica-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Probes every replica once; calls {@code cameBack} for each one that was down and is up now. */
    public synchronized void pollOnce() {
        for (Replica r : replicas) {
            ReplicaHealth health;
            try {
                health = r.health();
            } catch (RuntimeException e) {
                health = new ReplicaHealth(r.id(), false, e.toString());
            }
            Boolean before = up.put(r.id(), health.up());
            if (Boolean.FALSE.equals(before) && health.up()) {
                log.info("replica {} is back: every copy on it will be checked soon", r.id());
                cameBack.accept(r.id());
            } else if (!Boolean.FALSE.equals(before) && !health.up()) {
                log.warn("replica {} is down: {}", r.id(), health.detail());
            }
        }
    }

    private void loop() {
        while (!closed) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.warn("probing the replicas failed", e);
            }
            synchronized (wake) {
                if (!closed) {
                    try {
                        wake.wait(interval.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
