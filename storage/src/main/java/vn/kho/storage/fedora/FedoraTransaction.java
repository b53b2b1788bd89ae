package vn.kho.storage.fedora;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Fedora 6 transaction ({@code POST fcr:tx}): every request made through {@link #with} carries its
 * {@code Atomic-ID}, none of them is visible outside it until {@link #commit}, and {@link #close} without a commit
 * rolls it back ({@code DELETE} on the transaction).
 *
 * <p>Fedora ends a transaction that has been idle for its session timeout (three minutes by default,
 * {@code fcrepo.session.timeout}), even while a long upload inside it is still running (a refresh pushes the expiry
 * further by that timeout). So a keep-alive thread refreshes it ({@code POST} on the transaction) at a third of the
 * time left, as Fedora states it, until it is committed or closed.
 *
 * <p>The rollback on close matters beyond tidiness: after a failed request (a digest mismatch, a conflict) Fedora 6.0
 * marks the transaction failed but keeps its locks on every resource it touched until it expires, so the package could
 * not be written again for minutes.
 */
final class FedoraTransaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FedoraTransaction.class);
    private static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);
    private static final Duration MIN_REFRESH = Duration.ofSeconds(1);

    private final FedoraHttp http;
    private final URI uri;
    private final ScheduledExecutorService keepAlive;
    private volatile boolean committing;
    private volatile boolean open = true;

    private FedoraTransaction(FedoraHttp http, URI uri, Duration refresh) {
        this.http = http;
        this.uri = uri;
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kho-fedora-tx-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        keepAlive.schedule(this::refresh, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a transaction on the Fedora whose REST root is {@code restRoot}.
     *
     * @throws IOException when Fedora cannot be reached or does not answer 201 with a Location
     */
    static FedoraTransaction begin(FedoraHttp http, URI restRoot) throws IOException {
        FedoraHttp.Answer answer = http.send(FedoraHttp.request("POST", URI.create(restRoot + "fcr:tx")));
        String location = answer.header("Location").orElse(null);
        if (answer.status() != 201 || location == null) {
            throw new IOException("Fedora did not open a transaction: " + answer.describe());
        }
        return new FedoraTransaction(http, URI.create(location), refreshDelay(answer));
    }

    /** {@code request} inside this transaction. */
    ClassicRequestBuilder with(ClassicRequestBuilder request) {
        return request.setHeader(FedoraHttp.ATOMIC_ID, uri.toString());
    }

    URI uri() {
        return uri;
    }

    /**
     * Commits: everything done in the transaction becomes visible at once.
     *
     * @throws IOException when Fedora does not answer 204 (the transaction failed or expired; nothing of it is
     *     visible, and {@link #close} still rolls it back to release its locks)
     */
    void commit() throws IOException {
        // no refresh once the commit is on its way: Fedora answers one that meets the commit with 410 "committed"
        committing = true;
        keepAlive.shutdown();
        FedoraHttp.Answer answer = http.send(FedoraHttp.request("PUT", uri));
        if (answer.status() != 204) {
            throw new IOException("Fedora did not commit transaction " + uri + ": " + answer.describe());
        }
        open = false;
        keepAlive.shutdownNow();
    }

    /** Rolls back unless committed; stops the keep-alive. Never throws: Fedora expires what it could not roll back. */
    @Override
    public void close() {
        keepAlive.shutdownNow();
        if (!open) {
            return;
        }
        open = false;
        try {
            FedoraHttp.Answer answer = http.send(FedoraHttp.request("DELETE", uri));
            if (answer.status() != 204 && answer.status() != 404 && answer.status() != 410) {
                log.warn("Fedora did not roll back transaction {}: {}", uri, answer.describe());
            }
        } catch (IOException e) {
            log.warn("cannot roll back Fedora transaction {} (it expires by itself): {}", uri, e.toString());
        }
    }

    private void refresh() {
        if (!open || committing) {
            return;
        }
        Duration next = DEFAULT_REFRESH;
        try {
            FedoraHttp.Answer answer = http.send(FedoraHttp.request("POST", uri));
            if (!answer.ok()) {
                if (!committing) {
                    log.warn("Fedora did not refresh transaction {}: {}", uri, answer.describe());
                }
                return; // gone or failed (or being committed): the commit will say so
            }
            next = refreshDelay(answer);
        } catch (IOException e) {
            log.warn("cannot refresh Fedora transaction {}: {}", uri, e.toString());
            next = MIN_REFRESH.multipliedBy(5);
        }
        if (open) {
            try {
                keepAlive.schedule(this::refresh, next.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    /**
     * A third of the time until the transaction expires, at least a second; 30 s when Fedora does not say. Fedora 6.0
     * states the expiry as {@code Expires} when it opens a transaction and as {@code Atomic-Expires} when it refreshes
     * one.
     */
    private static Duration refreshDelay(FedoraHttp.Answer answer) {
        return answer.header("Atomic-Expires")
                .or(() -> answer.header("Expires"))
                .map(expires -> {
                    try {
                        Instant at = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant();
                        Duration third = Duration.between(Instant.now(), at).dividedBy(3);
                        return third.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : third;
                    } catch (DateTimeParseException e) {
                        return DEFAULT_REFRESH;
                    }
                })
                .orElse(DEFAULT_REFRESH);
    }
}
