package vn.kho.api.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The named worker pools blocking work runs on, never the event loop: {@code kho-meta} for index and metadata
 * look-ups, {@code kho-io} for reading, hashing and streaming content. Work is unordered so requests run in parallel.
 */
final class Blocking implements AutoCloseable {
    private final WorkerExecutor meta;
    private final WorkerExecutor io;

    Blocking(Vertx vertx) {
        this.meta = vertx.createSharedWorkerExecutor("kho-meta", 8, 1, TimeUnit.MINUTES);
        this.io = vertx.createSharedWorkerExecutor("kho-io", 16, 6, TimeUnit.HOURS);
    }

    <T> Future<T> meta(Callable<T> work) {
        return meta.executeBlocking(work, false);
    }

    <T> Future<T> io(Callable<T> work) {
        return io.executeBlocking(work, false);
    }

    @Override
    public void close() {
        meta.close();
        io.close();
    }
}
