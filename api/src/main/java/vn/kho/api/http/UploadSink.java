package vn.kho.api.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where an upload goes: a file on the staging disk, written and sha256-hashed on a worker pool so the event loop only
 * hands buffers over. Chunks are gathered into batches of about {@value #BATCH} bytes, each written in one gathering
 * write (a hand-over per network chunk cost more than the write), and batches are applied in order (one chain per
 * upload); back-pressure through {@link #writeQueueFull()} keeps at most a few MiB of one upload in memory. A byte
 * limit fails the write that crosses it.
 *
 * <p>Every {@value #FORCE_EVERY} bytes written, what has been written so far is forced to disk in the background
 * (one force at a time), so the disk writes the upload back while it is still arriving instead of all at once after
 * it; a failed force fails the upload. {@link #end()} closes the file; making it durable is the ingest service's job
 * (it overlaps that last fsync, now short, with the first checks and acknowledges only after it).
 */
final class UploadSink implements WriteStream<Buffer> {
    static final int BATCH = 1 << 20;
    static final long FORCE_EVERY = 32L << 20;

    /** The upload went past the configured limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("upload exceeds the limit of " + limit + " bytes", null, false, false);
        }
    }

    private final Context context;
    private final Executor io;
    private final Path file;
    private final FileChannel channel;
    private final MessageDigest sha256;
    private final long limit;
    private int maxQueued = 4 << 20;
    private long received;
    private long queued;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private Handler<Void> drainHandler;

    // The batch being gathered (event loop only).
    private List<byte[]> batch = new ArrayList<>();
    private List<Promise<Void>> batchDone = new ArrayList<>();
    private int batchBytes;

    // Background forcing (worker threads only, in chain order).
    private long writtenSinceForce;
    private CompletableFuture<Void> forcing = CompletableFuture.completedFuture(null);

    private UploadSink(Context context, Executor io, Path file, FileChannel channel, long limit) {
        this.context = context;
        this.io = io;
        this.file = file;
        this.channel = channel;
        this.limit = limit;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the file (blocking: call it on a worker). */
    static UploadSink create(Context context, Executor io, Path file, long limit) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(
                    file,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new UploadSink(context, io, file, ch, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Future<Void> write(Buffer data) {
        int n = data.length();
        received += n;
        if (received > limit) {
            return Future.failedFuture(new TooLarge(limit));
        }
        queued += n;
        Promise<Void> done = Promise.promise();
        batch.add(data.getBytes());
        batchDone.add(done);
        batchBytes += n;
        if (batchBytes >= BATCH || writeQueueFull()) {
            // a full queue pauses the request until batches complete: what is gathered must be on its way by then
            flush();
        }
        return done.future();
    }

    /** Hands the gathered batch to the worker chain. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> chunks = batch;
        List<Promise<Void>> promises = batchDone;
        int n = batchBytes;
        batch = new ArrayList<>();
        batchDone = new ArrayList<>();
        batchBytes = 0;
        tail = tail.thenRunAsync(
                () -> {
                    try {
                        ByteBuffer[] buffers = new ByteBuffer[chunks.size()];
                        for (int i = 0; i < buffers.length; i++) {
                            buffers[i] = ByteBuffer.wrap(chunks.get(i));
                        }
                        long left = n;
                        while (left > 0) {
                            left -= channel.write(buffers);
                        }
                        for (byte[] chunk : chunks) {
                            sha256.update(chunk);
                        }
                        writtenSinceForce += n;
                        if (writtenSinceForce >= FORCE_EVERY && forcing.isDone()) {
                            failIfForceFailed();
                            writtenSinceForce = 0;
                            forcing = CompletableFuture.runAsync(this::forceData, io);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                io);
        tail.whenComplete((v, e) -> context.runOnContext(x -> {
            boolean wasFull = writeQueueFull();
            queued -= n;
            for (Promise<Void> done : promises) {
                if (e != null) {
                    done.tryFail(e);
                } else {
                    done.tryComplete();
                }
            }
            if (wasFull && !writeQueueFull() && drainHandler != null) {
                drainHandler.handle(null);
            }
        }));
    }

    private void forceData() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rethrows the failure of a background force that has completed (worker threads only). */
    private void failIfForceFailed() {
        if (forcing.isCompletedExceptionally()) {
            forcing.join();
        }
    }

    @Override
    public Future<Void> end() {
        flush();
        Promise<Void> done = Promise.promise();
        tail = tail.thenRunAsync(
                () -> {
                    try {
                        // a background force may still run on the channel; its failure fails the upload
                        forcing.join();
                        channel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                io);
        tail.whenComplete((v, e) -> context.runOnContext(x -> {
            if (e != null) {
                done.fail(e);
            } else {
                done.complete();
            }
        }));
        return done.future();
    }

    /** Closes and deletes the partial file (blocking: call it on a worker). */
    void discard() {
        try {
            tail.handle((v, e) -> null).join();
            forcing.handle((v, e) -> null).join();
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sha256 of everything written; valid after {@link #end()} completed. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    long received() {
        return received;
    }

    Path file() {
        return file;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        this.maxQueued = maxSize;
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return queued >= maxQueued;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }
}
