package vn.kho.storage.fedora;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP side of a Fedora replica: one pooled Apache HttpClient 5 that sends basic credentials with every request
 * (preemptively: a challenge would make a large upload travel twice), follows no redirects and retries nothing (a
 * retried PUT inside a transaction is not ours to decide).
 */
final class FedoraHttp implements AutoCloseable {
    static final String ATOMIC_ID = "Atomic-ID";
    /** How much of an error body goes into an exception message. */
    private static final int ERROR_TEXT = 300;

    private final CloseableHttpClient client;
    private final String authorization;

    FedoraHttp(FedoraReplicaConfig config) {
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(16)
                        .setMaxConnPerRoute(8)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                // a GB-sized upload is answered only after Fedora has hashed and stored it
                                .setSocketTimeout(Timeout.ofMinutes(10))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.ofMinutes(10))
                        .build())
                .disableAutomaticRetries()
                // the cookie store keeps Tomcat's session: without it every request would open a new one in Fedora
                .build();
    }

    /** A response whose body was read as text (error bodies, RDF); small answers only. */
    record Answer(int status, String body, List<Header> headers) {
        Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h.getName().equalsIgnoreCase(name))
                    .map(Header::getValue)
                    .findFirst();
        }

        /** Whether a {@code Link: <type>; rel="type"} header names {@code type}. */
        boolean hasType(String type) {
            return headers.stream()
                    .filter(h -> h.getName().equalsIgnoreCase("Link"))
                    .anyMatch(h -> h.getValue().contains("<" + type + ">")
                            && h.getValue().contains("rel=\"type\""));
        }

        boolean ok() {
            return status / 100 == 2;
        }

        /** Status and the start of the body, for messages. */
        String describe() {
            String text = body == null ? "" : body.strip();
            if (text.startsWith("<!doctype") || text.startsWith("<html")) {
                text = ""; // Tomcat's error page says nothing the status does not
            }
            return "HTTP " + status
                    + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(ERROR_TEXT, text.length())));
        }
    }

    static ClassicRequestBuilder request(String method, URI uri) {
        return ClassicRequestBuilder.create(method).setUri(uri);
    }

    /** Sends {@code request} and reads its whole (small) answer. */
    Answer send(ClassicRequestBuilder request) throws IOException {
        ClassicHttpRequest built =
                request.setHeader("Authorization", authorization).build();
        return client.execute(built, response -> {
            HttpEntity entity = response.getEntity();
            String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
            return new Answer(response.getCode(), body, List.of(response.getHeaders()));
        });
    }

    /**
     * Sends {@code request} and, when it answers 200, returns its body as a stream that closes the response; any other
     * status comes back as an {@link Answer} with its body read.
     */
    Opened open(ClassicRequestBuilder request) throws IOException {
        CloseableHttpResponse response =
                client.execute(request.setHeader("Authorization", authorization).build());
        try {
            if (response.getCode() != 200 || response.getEntity() == null) {
                HttpEntity entity = response.getEntity();
                String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
                Answer answer = new Answer(response.getCode(), body, List.of(response.getHeaders()));
                response.close();
                return new Opened(answer, null);
            }
            Answer answer = new Answer(200, null, new ArrayList<>(List.of(response.getHeaders())));
            InputStream body = new FilterInputStream(response.getEntity().getContent()) {
                @Override
                public void close() throws IOException {
                    // closing the response without reading to the end drops the connection instead of draining a GB
                    response.close();
                }
            };
            return new Opened(answer, body);
        } catch (IOException | RuntimeException e) {
            response.close();
            throw e;
        } catch (org.apache.hc.core5.http.ParseException e) {
            response.close();
            throw new IOException("unreadable answer from Fedora: " + e.getMessage(), e);
        }
    }

    /** An answer, and its body when the status was 200. */
    record Opened(Answer answer, InputStream body) {}

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing is left to release
        }
    }
}
