package vn.kho.api.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link KhoConfig} from, in rising priority: the embedded defaults, a config file (JSON, or YAML when it
 * ends in .yaml/.yml), environment variables {@code KHO_...}, and command-line overrides. Every setting is checked
 * and a bad one stops the start with a {@link ConfigException} naming it; unknown settings are errors too (a typo must
 * not silently fall back to a default).
 *
 * <p>File shape (all optional):
 *
 * <pre>
 * { "server": {"host": "127.0.0.1", "port": 8080},
 *   "data": "./data",
 *   "replicas": [{"id": "a", "path": "/mnt/disk1/kho"}, {"id": "b", "path": "/mnt/disk2/kho"}],
 *   "fuseki": {"url": null, "embeddedPort": 0},
 *   "ingest": {"maxUploadBytes": "20GB", "maxEntries": 200000, "maxExpandedBytes": "100GB",
 *              "maxCompressionRatio": 200, "workers": 2},
 *   "download": {"verifyBeforeSendBytes": "64MB"},
 *   "ocfl": {"extraFixity": ["sha512"]},
 *   "checks": {"archive": "agency", "policy": "/etc/kho/policy.yaml", "validators": 2,
 *              "validatorHeap": "384MB", "validatorTimeoutSeconds": 60},
 *   "signatures": {"trust": "/etc/kho/trust", "requiredByDefault": false,
 *                  "agencies": {"000.00.00.H30": true}, "weakDigests": ["MD5", "SHA-1"], "minRsaBits": 2048},
 *   "archive": {"name": "Kho", "key": "/etc/kho/archive.p12"},
 *   "audit": {"bandwidthMBps": 100, "concurrency": 2, "webhook": "https://ops.example/kho-incidents",
 *             "cycleDays": 30, "scheduler": true} }
 * </pre>
 *
 * The archive key's password comes from the environment only ({@code KHO_KEY_PASSWORD}), never from a file Kho
 * reads as configuration. Without it, the default key under {@code data/keys} is created with a random password kept
 * beside it (owner-only); a key configured elsewhere then cannot be opened and the start stops.
 *
 * Environment: {@code KHO_HOST}, {@code KHO_PORT}, {@code KHO_DATA}, {@code KHO_FUSEKI_URL},
 * {@code KHO_MAX_UPLOAD_BYTES}, {@code KHO_ARCHIVE} ({@code historical} or {@code agency}), {@code KHO_POLICY}. Relative replica paths are resolved against the data directory.
 */
public final class ConfigLoader {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?i?B)?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> FIXITY = Set.of("md5", "sha1", "sha256", "sha512", "blake2b-512");
    private static final Map<String, String> ENV = Map.of(
            "KHO_HOST", "server.host",
            "KHO_PORT", "server.port",
            "KHO_DATA", "data",
            "KHO_FUSEKI_URL", "fuseki.url",
            "KHO_MAX_UPLOAD_BYTES", "ingest.maxUploadBytes",
            "KHO_ARCHIVE", "checks.archive",
            "KHO_POLICY", "checks.policy");

    private static final List<String> WEAK_DIGESTS = List.of("MD5", "SHA-1");

    private final ObjectMapper json = new ObjectMapper();
    private String keyPassword;
    /** The environment given to {@link #environment}, for the replicas' secrets. */
    private Map<String, String> env = Map.of();

    private final ObjectNode tree = json.createObjectNode();

    /** Reads a config file; its settings replace the defaults. */
    public ConfigLoader file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "no such file: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper =
                name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : json;
        try {
            JsonNode node = mapper.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ConfigException("--config", file + " must hold an object");
            }
            merge(tree, (ObjectNode) node);
        } catch (JsonProcessingException e) {
            throw new ConfigException("--config", file + " is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        return this;
    }

    /** Applies the {@code KHO_...} variables present in {@code env}. */
    public ConfigLoader environment(Map<String, String> env) {
        this.env = Map.copyOf(env);
        String password = env.get("KHO_KEY_PASSWORD");
        if (password != null && !password.isEmpty()) {
            keyPassword = password;
        }
        ENV.forEach((var, setting) -> {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                set(setting, v);
            }
        });
        return this;
    }

    /** Sets one setting by its dotted name, e.g. {@code server.port}. */
    public ConfigLoader set(String setting, String value) {
        String[] parts = setting.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
        return this;
    }

    public KhoConfig load() {
        Set<String> known = Set.of(
                "server",
                "data",
                "replicas",
                "fuseki",
                "ingest",
                "download",
                "ocfl",
                "checks",
                "signatures",
                "archive",
                "audit",
                "replication");
        checkKnown(tree, "", known);
        checkKnown(tree.path("server"), "server.", Set.of("host", "port"));
        checkKnown(tree.path("fuseki"), "fuseki.", Set.of("url", "embeddedPort"));
        checkKnown(
                tree.path("ingest"),
                "ingest.",
                Set.of("maxUploadBytes", "maxEntries", "maxExpandedBytes", "maxCompressionRatio", "workers"));
        checkKnown(tree.path("download"), "download.", Set.of("verifyBeforeSendBytes"));
        checkKnown(tree.path("ocfl"), "ocfl.", Set.of("extraFixity"));
        checkKnown(
                tree.path("checks"),
                "checks.",
                Set.of("archive", "policy", "validators", "validatorHeap", "validatorTimeoutSeconds"));

        checkKnown(
                tree.path("signatures"),
                "signatures.",
                Set.of("trust", "requiredByDefault", "agencies", "weakDigests", "minRsaBits"));
        checkKnown(tree.path("archive"), "archive.", Set.of("name", "key"));
        checkKnown(
                tree.path("audit"),
                "audit.",
                Set.of("bandwidthMBps", "concurrency", "webhook", "cycleDays", "scheduler"));

        checkKnown(tree.path("replication"), "replication.", Set.of("quorum", "waitSeconds"));

        String host = text("server.host", "127.0.0.1");
        if (host.isBlank()) {
            throw new ConfigException("server.host", "must not be empty");
        }
        int port = (int) integer("server.port", 8080, 0, 65535);
        Path data = Path.of(text("data", "data")).toAbsolutePath().normalize();
        List<KhoConfig.ReplicaConfig> replicas = replicas(data);
        String fuseki = tree.path("fuseki").hasNonNull("url") ? text("fuseki.url", null) : null;
        if (fuseki != null && !fuseki.matches("https?://.+")) {
            throw new ConfigException("fuseki.url", "must be an http(s) dataset URL, got '" + fuseki + "'");
        }
        int fusekiPort = (int) integer("fuseki.embeddedPort", 0, 0, 65535);
        KhoConfig.IngestLimits limits = new KhoConfig.IngestLimits(
                size("ingest.maxUploadBytes", 20L << 30),
                (int) integer("ingest.maxEntries", 200_000, 1, Integer.MAX_VALUE),
                size("ingest.maxExpandedBytes", 100L << 30),
                (int) integer("ingest.maxCompressionRatio", 200, 1, 1_000_000));
        int workers = (int) integer("ingest.workers", 2, 1, 64);
        long verifyBeforeSend = size("download.verifyBeforeSendBytes", 64L << 20);
        List<String> fixity = new ArrayList<>();
        JsonNode fx = tree.path("ocfl").path("extraFixity");
        if (!fx.isMissingNode() && !fx.isNull()) {
            if (!fx.isArray()) {
                throw new ConfigException("ocfl.extraFixity", "must be a list such as [\"sha512\"]");
            }
            for (JsonNode a : fx) {
                String alg = a.asText().toLowerCase(Locale.ROOT);
                if (!FIXITY.contains(alg)) {
                    throw new ConfigException(
                            "ocfl.extraFixity", "unknown algorithm '" + a.asText() + "' (one of " + FIXITY + ")");
                }
                fixity.add(alg);
            }
        }
        return new KhoConfig(
                host,
                port,
                data,
                replicas,
                fuseki,
                fusekiPort,
                limits,
                verifyBeforeSend,
                fixity,
                workers,
                checks(),
                signatures(data),
                audit(),
                new KhoConfig.Replication(
                        (int) integer("replication.quorum", replicas.size(), 1, replicas.size()),
                        (int) integer("replication.waitSeconds", 30, 0, 3600)));
    }

    private KhoConfig.Audit audit() {
        String webhook = text("audit.webhook", null);
        java.net.URI uri = null;
        if (webhook != null) {
            try {
                uri = new java.net.URI(webhook.trim());
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (uri == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new ConfigException("audit.webhook", "must be an http(s) URL, got '" + webhook + "'");
            }
        }
        return new KhoConfig.Audit(
                (int) integer("audit.bandwidthMBps", 100, 1, 100_000),
                (int) integer("audit.concurrency", 2, 1, 64),
                uri,
                (int) integer("audit.cycleDays", 30, 1, 3650),
                bool("audit.scheduler", true));
    }

    private KhoConfig.Signatures signatures(Path data) {
        Path trust =
                data.resolve(text("signatures.trust", "trust")).toAbsolutePath().normalize();
        if (tree.path("signatures").hasNonNull("trust") && !Files.isDirectory(trust)) {
            throw new ConfigException("signatures.trust", "no such folder: " + trust);
        }
        Map<String, Boolean> agencies = new java.util.LinkedHashMap<>();
        JsonNode a = tree.path("signatures").path("agencies");
        if (!a.isMissingNode() && !a.isNull()) {
            if (!a.isObject()) {
                throw new ConfigException(
                        "signatures.agencies",
                        "must map agency identifiers to true or false, e.g. {\"000.00.00.H30\": true}");
            }
            a.fields().forEachRemaining(e -> {
                if (!e.getValue().isBoolean()) {
                    throw new ConfigException("signatures.agencies." + e.getKey(), "must be true or false");
                }
                agencies.put(e.getKey(), e.getValue().asBoolean());
            });
        }
        List<String> weak = new ArrayList<>(WEAK_DIGESTS);
        JsonNode w = tree.path("signatures").path("weakDigests");
        if (!w.isMissingNode() && !w.isNull()) {
            if (!w.isArray()) {
                throw new ConfigException("signatures.weakDigests", "must be a list such as [\"MD5\", \"SHA-1\"]");
            }
            weak.clear();
            w.forEach(d -> weak.add(d.asText().toUpperCase(Locale.ROOT)));
        }
        Path key = data.resolve(text("archive.key", "keys/archive.p12"))
                .toAbsolutePath()
                .normalize();
        if (tree.path("archive").hasNonNull("key")) {
            if (!Files.isRegularFile(key)) {
                throw new ConfigException("archive.key", "no such file: " + key);
            }
            if (keyPassword == null) {
                throw new ConfigException(
                        "archive.key", "the key's password must be in the environment: KHO_KEY_PASSWORD");
            }
        }
        if (keyPassword != null
                && !java.nio.charset.StandardCharsets.US_ASCII.newEncoder().canEncode(keyPassword)) {
            // Java's PKCS#12 key protection (PBES2) takes ASCII passwords only
            throw new ConfigException("KHO_KEY_PASSWORD", "must be ASCII characters only");
        }
        String name = text("archive.name", "Kho");
        if (name.isBlank()) {
            throw new ConfigException("archive.name", "must not be empty");
        }
        return new KhoConfig.Signatures(
                trust,
                bool("signatures.requiredByDefault", false),
                agencies,
                weak,
                (int) integer("signatures.minRsaBits", 2048, 1024, 16384),
                name,
                key,
                keyPassword);
    }

    private boolean bool(String setting, boolean fallback) {
        JsonNode n = at(setting);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String t = n.asText().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new ConfigException(setting, "must be true or false, got '" + n.asText() + "'");
    }

    private KhoConfig.Checks checks() {
        String archive = text("checks.archive", "agency").trim().toLowerCase(Locale.ROOT);
        if (!archive.equals("agency") && !archive.equals("historical")) {
            throw new ConfigException(
                    "checks.archive",
                    "must be 'historical' (Lưu trữ lịch sử: permanent records only) or 'agency' (Lưu trữ hiện hành),"
                            + " got '" + archive + "'");
        }
        Path policy = null;
        if (tree.path("checks").hasNonNull("policy")) {
            policy = Path.of(text("checks.policy", "")).toAbsolutePath().normalize();
            if (!Files.isRegularFile(policy)) {
                throw new ConfigException("checks.policy", "no such file: " + policy);
            }
            try {
                vn.kho.ingest.policy.FindingPolicy.load(policy);
            } catch (vn.kho.ingest.policy.PolicyException e) {
                throw new ConfigException("checks.policy", e.getMessage());
            }
        }
        long heap = size("checks.validatorHeap", 384L << 20);
        if (heap < (64L << 20)) {
            throw new ConfigException("checks.validatorHeap", "must be at least 64MB");
        }
        return new KhoConfig.Checks(
                archive.equals("historical"),
                policy,
                (int) integer(
                        "checks.validators", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64),
                (int) (heap >> 20),
                (int) integer("checks.validatorTimeoutSeconds", 60, 1, 3600));
    }

    private List<KhoConfig.ReplicaConfig> replicas(Path data) {
        JsonNode node = tree.get("replicas");
        List<KhoConfig.ReplicaConfig> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            out.add(new KhoConfig.ReplicaConfig("a", data.resolve("replicas/a")));
            out.add(new KhoConfig.ReplicaConfig("b", data.resolve("replicas/b")));
            return out;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException(
                    "replicas", "must be a non-empty list of {\"id\", and one of \"path\", \"s3\", \"fedora\"}");
        }
        Set<String> ids = new HashSet<>();
        Set<String> places = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String where = "replicas[" + i + "]";
            checkKnown(r, where + ".", Set.of("id", "path", "s3", "fedora"));
            String id = r.path("id").asText("");
            if (!id.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
                throw new ConfigException(where + ".id", "must be 1-32 of a-z 0-9 _ - , got '" + id + "'");
            }
            if (!ids.add(id)) {
                throw new ConfigException(where + ".id", "'" + id + "' is used twice");
            }
            int kinds =
                    (r.hasNonNull("path") ? 1 : 0) + (r.hasNonNull("s3") ? 1 : 0) + (r.hasNonNull("fedora") ? 1 : 0);
            if (kinds != 1) {
                throw new ConfigException(where, "needs exactly one of \"path\", \"s3\" and \"fedora\"");
            }
            KhoConfig.ReplicaConfig replica;
            String place;
            if (r.hasNonNull("s3")) {
                replica = new KhoConfig.ReplicaConfig(id, null, s3(r.get("s3"), where + ".s3", id, data), null);
                place = "s3:" + replica.s3().endpoint() + "/" + replica.s3().bucket() + "/"
                        + replica.s3().prefix();
            } else if (r.hasNonNull("fedora")) {
                replica = new KhoConfig.ReplicaConfig(id, null, null, fedora(r.get("fedora"), where + ".fedora", id));
                place = "fedora:" + replica.fedora().containerUrl();
            } else {
                String p = r.path("path").asText("");
                if (p.isBlank()) {
                    throw new ConfigException(where + ".path", "is required");
                }
                Path path = data.resolve(p).toAbsolutePath().normalize();
                replica = new KhoConfig.ReplicaConfig(id, path);
                place = "path:" + path;
            }
            if (!places.add(place)) {
                throw new ConfigException(
                        where, place.substring(place.indexOf(':') + 1) + " is used by another replica");
            }
            out.add(replica);
        }
        return out;
    }

    /**
     * The secret of replica {@code id}: {@code KHO_REPLICA_<ID>_SECRET} from the environment (the id upper-cased, '-'
     * as '_'), else the config file's {@code setting}.
     */
    private String secret(JsonNode node, String field, String where, String id) {
        String var = "KHO_REPLICA_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET";
        String fromEnv = env.get(var);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        String v = node.path(field).asText("");
        if (v.isEmpty()) {
            throw new ConfigException(where + "." + field, "is required (or set " + var + ")");
        }
        return v;
    }

    private vn.kho.storage.s3.S3ReplicaConfig s3(JsonNode s3, String where, String id, Path data) {
        checkKnown(
                s3,
                where + ".",
                Set.of("endpoint", "region", "bucket", "prefix", "accessKey", "secretKey", "pathStyle", "partSize"));
        java.net.URI endpoint = null;
        if (s3.hasNonNull("endpoint")) {
            try {
                endpoint = new java.net.URI(s3.get("endpoint").asText().trim());
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(where + ".endpoint", "is not a URL: " + e.getMessage());
            }
        }
        long partSize = vn.kho.storage.s3.S3ReplicaConfig.DEFAULT_PART_SIZE;
        if (s3.hasNonNull("partSize")) {
            partSize = parseSize(where + ".partSize", s3.get("partSize").asText());
        }
        try {
            return new vn.kho.storage.s3.S3ReplicaConfig(
                    endpoint,
                    s3.path("region").asText("us-east-1"),
                    s3.path("bucket").asText(""),
                    s3.path("prefix").asText(""),
                    s3.path("accessKey").asText(""),
                    secret(s3, "secretKey", where, id),
                    s3.path("pathStyle").asBoolean(true),
                    partSize,
                    data.resolve("replica-scratch").resolve(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(where, e.getMessage());
        }
    }

    private vn.kho.storage.fedora.FedoraReplicaConfig fedora(JsonNode fedora, String where, String id) {
        checkKnown(fedora, where + ".", Set.of("url", "user", "password", "container"));
        try {
            return new vn.kho.storage.fedora.FedoraReplicaConfig(
                    new java.net.URI(fedora.path("url").asText("").trim()),
                    fedora.path("user").asText("fedoraAdmin"),
                    secret(fedora, "password", where, id),
                    fedora.path("container").asText(""));
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(where + ".url", "is not a URL: " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(where, e.getMessage());
        }
    }

    private static void checkKnown(JsonNode node, String prefix, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                throw new ConfigException(prefix + n, "unknown setting (known: " + known + ")");
            }
        }
    }

    private JsonNode at(String setting) {
        JsonNode node = tree;
        for (String part : setting.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private String text(String setting, String fallback) {
        JsonNode n = at(setting);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isValueNode()) {
            throw new ConfigException(setting, "must be a single value");
        }
        return n.asText();
    }

    private long integer(String setting, long fallback, long min, long max) {
        String s = text(setting, null);
        if (s == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "must be a whole number, got '" + s + "'");
        }
        if (v < min || v > max) {
            throw new ConfigException(setting, "must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    /** Sizes accept plain bytes or a unit: 512KB, 64MB, 20GB, 1TB (powers of 1024; KiB etc. too). */
    private long size(String setting, long fallback) {
        String s = text(setting, null);
        return s == null ? fallback : parseSize(setting, s);
    }

    private static long parseSize(String setting, String s) {
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches()) {
            throw new ConfigException(setting, "must be a size such as 1048576, 64MB or 20GB, got '" + s + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        int shift = unit.isEmpty() || unit.equals("B")
                ? 0
                : switch (unit.charAt(0)) {
                    case 'K' -> 10;
                    case 'M' -> 20;
                    case 'G' -> 30;
                    default -> 40;
                };
        if (n <= 0 || (shift > 0 && n > (Long.MAX_VALUE >> shift))) {
            throw new ConfigException(setting, "must be a positive size, got '" + s + "'");
        }
        return n << shift;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
                merge(eo, vo);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }
}
