package vn.kho.storage.fedora;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a Fedora 6 replica is and how to log in.
 *
 * @param baseUrl the REST root, e.g. {@code https://fedora.example.vn/fcrepo/rest/} (http or https, no query or
 *     fragment); a missing final slash is added
 * @param user HTTP basic user, e.g. {@code fedoraAdmin}
 * @param password its password (never shown by {@link #toString()})
 * @param container the path under the REST root of the container that holds Kho's packages, e.g. {@code kho/a}, or
 *     empty for the REST root itself: segments of letters, digits and {@code - . _ ~}, no {@code .} or {@code ..};
 *     leading and trailing slashes are dropped
 */
public record FedoraReplicaConfig(URI baseUrl, String user, String password, String container) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    public FedoraReplicaConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.isAbsolute()
                || !("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))
                || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null
                || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "Fedora baseUrl must be an http(s) URL with a host and no query or fragment: " + baseUrl);
        }
        if (!baseUrl.getRawPath().endsWith("/")) {
            baseUrl = URI.create(baseUrl + "/");
        }
        if (user == null || user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("Fedora user must be set and hold no ':'");
        }
        Objects.requireNonNull(password, "password");
        container = container == null ? "" : stripSlashes(container.strip());
        if (!container.isEmpty()) {
            for (String segment : container.split("/", -1)) {
                if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("Fedora container must be segments of letters, digits and"
                            + " - . _ ~ separated by '/': " + container);
                }
            }
        }
    }

    /** The URL of the container that holds the packages, ending in a slash. */
    public URI containerUrl() {
        return container.isEmpty() ? baseUrl : URI.create(baseUrl + container + "/");
    }

    @Override
    public String toString() {
        return "FedoraReplicaConfig[" + baseUrl + ", user " + user + ", container '" + container + "']";
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
