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
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where an upload goes: a file on the staging disk, written and sha256-hashed chunk by chunk on a worker pool so the
 * event loop only hands buffers over. Chunks are applied in order (one chain per upload); back-pressure through
 * {@link #writeQueueFull()} keeps at most a few MiB of one upload in memory. A byte limit fails the write that
 * crosses it. {@link #end()} closes the file; making it durable is the ingest service's job (it overlaps that fsync
 * with the first checks and acknowledges only after it).
 */
final class UploadSink implements WriteStream<Buffer> {
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
        byte[] bytes = data.getBytes();
        queued += n;
        Promise<Void> done = Promise.promise();
        tail = tail.thenRunAsync(
                () -> {
                    try {
                        ByteBuffer bb = ByteBuffer.wrap(bytes);
                        while (bb.hasRemaining()) {
                            channel.write(bb);
                        }
                        sha256.update(bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                io);
        tail.whenComplete((v, e) -> context.runOnContext(x -> {
            boolean wasFull = writeQueueFull();
            queued -= n;
            if (e != null) {
                done.tryFail(e);
            } else {
                done.tryComplete();
            }
            if (wasFull && !writeQueueFull() && drainHandler != null) {
                drainHandler.handle(null);
            }
        }));
        return done.future();
    }

    @Override
    public Future<Void> end() {
        Promise<Void> done = Promise.promise();
        tail = tail.thenRunAsync(
                () -> {
                    try {
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
