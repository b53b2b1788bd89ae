package vn.kho.ingest.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates files with JHOVE and, for PDFs, veraPDF, in a pool of warm child JVMs ({@link ValidatorWorker}); see
 * {@link ValidatorSettings} for their heap and the per-file time limit.
 *
 * <p>The constructor starts all workers at once and returns without waiting: they warm up (load JHOVE's modules and
 * veraPDF) in the background while the caller goes on, and the first {@link #validate} waits for one to be ready. A
 * worker that times out on a file or dies (out of memory, crash) is killed and replaced by a fresh one straight away;
 * the file's result says {@link ValidationStatus#TIMED_OUT} or {@link ValidationStatus#CRASHED}. {@link #close()} stops
 * every child; a JVM shutdown hook kills any the caller did not close, and each child also exits by itself when its
 * parent process is gone.
 */
public final class ValidatorPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ValidatorPool.class);

    private final ValidatorSettings settings;
    private final BlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
    private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();
    private final Thread shutdownHook;
    private volatile boolean closed;

    /** Starts {@code settings.workers()} child JVMs; does not wait for them to warm up. */
    public ValidatorPool(ValidatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        shutdownHook = new Thread(() -> all.forEach(WorkerProcess::destroyNow), "kho-validator-pool-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            for (int i = 0; i < settings.workers(); i++) {
                idle.add(start());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Validates {@code file}, identified as {@code mediaType}, with the JHOVE module for that type ({@link
     * JhoveModules}) and, for {@code application/pdf}, veraPDF's PDF/A check; writes JHOVE's {@code <repInfo>} element
     * for the file to {@code reportFile} (replacing it; pass {@code null} for no report; see {@link JhoveReport}).
     * Blocks until a worker is free and has finished; safe to call from many threads at once. Never throws for a bad,
     * missing or hostile file: that is a result. Throws {@link IllegalStateException} once the pool is closed.
     */
    public ValidationResult validate(Path file, String mediaType, Path reportFile) {
        Objects.requireNonNull(file, "file");
        long start = System.nanoTime();
        Optional<String> module = JhoveModules.forMediaType(mediaType);
        if (module.isEmpty()) {
            return ValidationResult.without(null, ValidationStatus.NOT_VALIDATED, null, elapsedSince(start));
        }
        WorkerProtocol.Request request = new WorkerProtocol.Request(
                requests.incrementAndGet(),
                file.toAbsolutePath().toString(),
                module.get(),
                reportFile == null ? null : reportFile.toAbsolutePath().toString(),
                module.get().equals("PDF-hul"));
        WorkerProcess worker = take();
        ValidationResult result;
        try {
            result = worker.run(request);
        } finally {
            giveBack(worker);
        }
        return result.withElapsed(elapsedSince(start));
    }

    /** Child JVMs started so far, replacements included. */
    public int workersStarted() {
        return started.get();
    }

    /** Child JVMs replaced after a timeout or crash. */
    public int workersReplaced() {
        return replaced.get();
    }

    public ValidatorSettings settings() {
        return settings;
    }

    private WorkerProcess take() {
        while (true) {
            if (closed) {
                throw new IllegalStateException("validator pool is closed");
            }
            WorkerProcess w;
            try {
                w = idle.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a validator", e);
            }
            if (w == null) {
                continue;
            }
            if (!w.isDead()) {
                return w;
            }
            // died while idle (killed from outside): not this file's fault
            giveBack(w);
        }
    }

    private void giveBack(WorkerProcess w) {
        if (!w.isDead()) {
            idle.add(w);
            if (closed && all.contains(w)) {
                stop(w);
            }
            return;
        }
        w.kill();
        all.remove(w);
        if (closed) {
            return;
        }
        replaced.incrementAndGet();
        try {
            idle.add(start());
        } catch (RuntimeException e) {
            LOG.error("could not start a validator worker to replace one", e);
        }
    }

    private WorkerProcess start() {
        try {
            WorkerProcess w = new WorkerProcess(started.incrementAndGet(), settings);
            all.add(w);
            return w;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not start a validator JVM", e);
        }
    }

    private void stop(WorkerProcess w) {
        if (all.remove(w)) {
            w.stop(Duration.ofSeconds(2));
        }
    }

    /** Stops every child JVM (those busy on a file are killed; their callers get a CRASHED result). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (WorkerProcess w : Set.copyOf(all)) {
            stop(w);
        }
        idle.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the children anyway
        }
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
