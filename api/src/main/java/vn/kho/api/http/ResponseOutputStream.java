package vn.kho.api.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets blocking code on a worker thread stream into an HTTP response: bytes are gathered into 64 KiB chunks and
 * written with at most {@value #WINDOW} chunks in flight (back-pressure by waiting on the oldest write). The last
 * chunk is held until {@link #close()}, so a writer that finds a problem at the very end can still {@link #abort()}
 * the response and the client sees an incomplete body rather than a complete wrong one.
 */
final class ResponseOutputStream extends OutputStream {
    private static final int CHUNK = 1 << 16;
    private static final int WINDOW = 16;

    private final HttpServerResponse response;
    private final ArrayDeque<Future<Void>> inFlight = new ArrayDeque<>();
    private byte[] buf = new byte[CHUNK];
    private int len;
    private boolean closed;

    ResponseOutputStream(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
        while (n > 0) {
            if (len == CHUNK) {
                send();
            }
            int take = Math.min(n, CHUNK - len);
            System.arraycopy(b, off, buf, len, take);
            len += take;
            off += take;
            n -= take;
        }
    }

    private void send() throws IOException {
        Buffer chunk = Buffer.buffer(buf).slice(0, len);
        buf = new byte[CHUNK];
        len = 0;
        inFlight.add(response.write(chunk));
        while (inFlight.size() > WINDOW) {
            await(inFlight.poll());
        }
    }

    private static void await(Future<Void> f) throws IOException {
        try {
            f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming");
        } catch (ExecutionException e) {
            throw new IOException("client went away: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("client stopped reading for 5 minutes");
        }
    }

    /** Sends what is left and ends the response. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Buffer last = Buffer.buffer(buf).slice(0, len);
        await(response.end(last));
    }

    /** Drops the held-back chunk and resets the connection: the client gets a truncated body. */
    void abort() {
        closed = true;
        response.reset();
    }
}
