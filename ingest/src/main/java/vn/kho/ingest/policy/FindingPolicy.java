package vn.kho.ingest.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/**
 * Decides, per finding code, whether a finding rejects a package, warns, or is only recorded. Read from a YAML (or
 * JSON) policy file; {@code default-policy.yaml} beside this class is the default and documents the format. Immutable
 * and thread-safe.
 */
public final class FindingPolicy {
    /** What a finding does to its package. */
    public enum Action {
        REJECT(Severity.ERROR),
        WARN(Severity.WARNING),
        ACCEPT(Severity.INFO);

        final Severity severity;

        Action(Severity severity) {
            this.severity = severity;
        }
    }

    /** Findings that stop Kho from reading a package: no policy may let such a package through. */
    private static final List<String> LOCKED = List.of("ZIP_", "UPLOAD_", "PACKAGE_", "INGEST_");

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9_]*\\*");
    private static final Pattern REQUIREMENT = Pattern.compile("[A-Z]+[0-9]+");
    private static final String DEFAULT = "default-policy.yaml";

    private final String source;
    private final Map<String, Action> exact;
    private final Map<String, Action> prefixes;

    private FindingPolicy(String source, Map<String, Action> exact, Map<String, Action> prefixes) {
        this.source = source;
        this.exact = Map.copyOf(exact);
        this.prefixes = Map.copyOf(prefixes);
    }

    /** The policy Kho ships ({@code default-policy.yaml}). */
    public static FindingPolicy defaults() {
        try (InputStream in = FindingPolicy.class.getResourceAsStream(DEFAULT)) {
            return parse(DEFAULT, in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in policy", e);
        }
    }

    /**
     * Reads a policy file. Throws {@link PolicyException} naming the file and the offending key for anything that is
     * not a valid policy.
     */
    public static FindingPolicy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static FindingPolicy parse(String source, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new PolicyException(source + ": not valid YAML or JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException(source + ": must hold an object with 'version' and 'rules'");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("version") && !name.equals("rules")) {
                throw new PolicyException(source + ": unknown setting '" + name + "' (expected version, rules)");
            }
        }
        if (root.path("version").asInt(0) != 1) {
            throw new PolicyException(source + ": 'version' must be 1");
        }
        JsonNode rules = root.path("rules");
        if (!rules.isObject()) {
            throw new PolicyException(source + ": 'rules' must map finding codes to reject, warn or accept");
        }
        Map<String, Action> exact = new LinkedHashMap<>();
        Map<String, Action> prefixes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> rule = it.next();
            String key = rule.getKey();
            Action action = action(source, key, rule.getValue());
            if (action != Action.REJECT
                    && LOCKED.stream().anyMatch(l -> key.startsWith(l) || l.startsWith(key.replace("*", "")))) {
                throw new PolicyException(source + ": rules." + key + ": findings that stop Kho from reading a package"
                        + " (" + String.join("*, ", LOCKED) + "*) always reject");
            }
            if (PREFIX.matcher(key).matches()) {
                prefixes.put(key.substring(0, key.length() - 1), action);
            } else if (CODE.matcher(key).matches() || REQUIREMENT.matcher(key).matches()) {
                exact.put(key, action);
            } else {
                throw new PolicyException(source + ": rules." + key
                        + ": a key is a finding code (JHOVE_NOT_VALID), a requirement id (CSIP66) or a code prefix"
                        + " ending in * (PDFA_*)");
            }
        }
        return new FindingPolicy(source, exact, prefixes);
    }

    private static Action action(String source, String key, JsonNode value) {
        String text = value.isTextual() ? value.asText().trim().toUpperCase(Locale.ROOT) : "";
        try {
            return Action.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(
                    source + ": rules." + key + ": '" + value.asText() + "' is not reject, warn or accept");
        }
    }

    /** Where this policy was read from. */
    public String source() {
        return source;
    }

    /** The findings with the severity this policy gives them, in the same order. */
    public List<Finding> apply(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Action action = actionFor(f);
            out.add(action == null || action.severity == f.severity() ? f : f.withSeverity(action.severity));
        }
        return out;
    }

    /** The action this policy names for {@code finding}, or null when it leaves the check's severity. */
    public Action actionFor(Finding finding) {
        Objects.requireNonNull(finding, "finding");
        Action a = exact.get(finding.code());
        if (a == null && finding.requirement() != null) {
            a = exact.get(finding.requirement());
        }
        if (a != null) {
            return a;
        }
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if (finding.code().startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : prefixes.get(best);
    }
}
