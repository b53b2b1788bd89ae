package vn.kho.ingest.bagit;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.kho.repository.Finding;

/**
 * The metadata elements of {@code bag-info.txt} in order (RFC 8493 §2.2.2). Labels are matched without regard to case;
 * whitespace around labels and values is tolerated; continuation lines (starting with a space or tab) are folded into
 * the value with a single space.
 */
final class BagInfo {
    static final String FILE = "bag-info.txt";
    private static final int MAX_CHARS = 1 << 20;

    private final List<Map.Entry<String, String>> elements;

    private BagInfo(List<Map.Entry<String, String>> elements) {
        this.elements = List.copyOf(elements);
    }

    static BagInfo empty() {
        return new BagInfo(List.of());
    }

    /** The first value of {@code label} (any case). */
    Optional<String> first(String label) {
        return elements.stream()
                .filter(e -> e.getKey().equalsIgnoreCase(label))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    List<String> all(String label) {
        return elements.stream()
                .filter(e -> e.getKey().equalsIgnoreCase(label))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Every element by its label as written, values in order. */
    Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : elements) {
            fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return fields;
    }

    static BagInfo read(Path bagDir, BagDeclaration declaration, List<Finding> findings) {
        List<String[]> parsed = new ArrayList<>();
        boolean[] tooLarge = {false};
        int[] chars = {0};
        TagFiles.forEachLine(bagDir.resolve(FILE), FILE, declaration.encoding(), findings, (number, line) -> {
            chars[0] += line.length() + 1;
            if (chars[0] > MAX_CHARS) {
                if (!tooLarge[0]) {
                    findings.add(Finding.error(
                            "BAGIT_BAGINFO_TOO_LARGE", FILE + " is larger than " + MAX_CHARS + " characters", FILE));
                }
                tooLarge[0] = true;
                return;
            }
            if (line.isEmpty()) {
                return;
            }
            if (TagFiles.isLinearWhitespace(line.charAt(0))) {
                if (parsed.isEmpty()) {
                    findings.add(Finding.error(
                            "BAGIT_BAGINFO_MALFORMED",
                            FILE + " line " + number + " continues a value but no element precedes it",
                            FILE));
                    return;
                }
                String[] last = parsed.get(parsed.size() - 1);
                String more = line.strip();
                if (!more.isEmpty()) {
                    last[1] = last[1].isEmpty() ? more : last[1] + " " + more;
                }
                return;
            }
            int colon = line.indexOf(':');
            String label = colon < 0 ? "" : line.substring(0, colon).strip();
            if (label.isEmpty()) {
                findings.add(Finding.error(
                        "BAGIT_BAGINFO_MALFORMED", FILE + " line " + number + " is not 'Label: value'", FILE));
                return;
            }
            parsed.add(new String[] {label, line.substring(colon + 1).strip()});
        });
        List<Map.Entry<String, String>> elements = new ArrayList<>();
        for (String[] p : parsed) {
            elements.add(new AbstractMap.SimpleImmutableEntry<>(p[0], p[1]));
        }
        return new BagInfo(elements);
    }
}
