package vn.kho.api.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.preservation.fixity.Incident;

/**
 * Tells a configured URL of every incident opened: one POST of the incident's JSON, asynchronously (never on the
 * event loop, never holding up the audit). A failure is logged and not retried; the incident stays listed.
 */
public final class IncidentWebhook implements Consumer<Incident>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IncidentWebhook.class);
    private final URI url;
    private final HttpClient http;

    public IncidentWebhook(URI url) {
        this.url = Objects.requireNonNull(url, "url");
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void accept(Incident incident) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        AuditViews.incident(incident).encode()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null) {
                log.warn("incident {}: webhook {} failed: {}", incident.id(), url, e.toString());
            } else if (r.statusCode() >= 300) {
                log.warn("incident {}: webhook {} answered {}", incident.id(), url, r.statusCode());
            }
        });
    }

    @Override
    public void close() {
        // the JDK 17 client has no close; pending calls end with their timeouts
    }
}
