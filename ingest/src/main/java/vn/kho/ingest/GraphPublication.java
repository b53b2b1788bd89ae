package vn.kho.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.ingest.job.IngestJournal;
import vn.kho.repository.PackageId;
import vn.kho.repository.rdf.GraphPublisher;
import vn.kho.repository.rdf.PackageGraph;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;

/**
 * Publishes package graphs to Fuseki from the journal's outbox, on its own thread, so derived data never blocks
 * storage: when Fuseki is unreachable the outbox keeps the work and the thread retries with backoff (1 s doubling
 * to 1 min) until it is back. Only public packages are published; anything else is removed from the graph store.
 */
public final class GraphPublication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GraphPublication.class);

    private final IngestJournal journal;
    private final PackageIndex index;
    private final GraphPublisher publisher;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running = true;
    private boolean signalled;

    public GraphPublication(IngestJournal journal, PackageIndex index, GraphPublisher publisher) {
        this.journal = journal;
        this.index = index;
        this.publisher = publisher;
        this.thread = new Thread(this::loop, "kho-rdf-publication");
        this.thread.setDaemon(true);
    }

    public GraphPublication start() {
        thread.start();
        return this;
    }

    /** Tells the thread there is new work. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues every indexed package (after the graph store or the index was rebuilt). */
    public int republishAll() {
        int n = 0;
        PackageId after = null;
        while (true) {
            var page = index.list(after, 500);
            for (IndexedPackage p : page) {
                journal.markGraphPending(
                        p.description().id(),
                        p.description().descriptive().access().isPublic());
                n++;
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).description().id();
        }
        wake();
        return n;
    }

    /** Publishes what is pending now; returns how many graphs are still waiting. Used by the loop and by tests. */
    public int drain() {
        Map<PackageId, Boolean> pending = journal.pendingGraphs(100);
        for (Map.Entry<PackageId, Boolean> e : pending.entrySet()) {
            PackageId id = e.getKey();
            var pkg = index.get(id);
            if (e.getValue()
                    && pkg.isPresent()
                    && pkg.get().description().descriptive().access().isPublic()) {
                publisher.publish(id, PackageGraph.toModel(pkg.get().description()));
            } else {
                publisher.remove(id);
            }
            journal.clearGraphPending(id);
        }
        return journal.pendingGraphs(1).size();
    }

    private void loop() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            Duration wait = Duration.ofMinutes(1);
            try {
                if (drain() > 0) {
                    wait = Duration.ZERO;
                }
                backoff = Duration.ofSeconds(1);
            } catch (RuntimeException e) {
                log.warn("graph publication failed, retrying in {}s: {}", backoff.toSeconds(), e.toString());
                wait = backoff;
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0
                        ? Duration.ofMinutes(1)
                        : backoff.multipliedBy(2);
            }
            await(wait);
        }
    }

    private void await(Duration d) {
        lock.lock();
        try {
            if (!signalled && running && !d.isZero()) {
                wake.await(d.toMillis(), TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
