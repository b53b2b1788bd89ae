package vn.kho.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.Severity;

/**
 * Prints findings for a person (one line each: severity, code, requirement, path, message) or as JSON
 * ({@code {"file", "accepted", "findings": [{"severity", "code", "requirement", "path", "message"}]}}), the shape
 * the server's ingest report uses for each finding.
 */
final class FindingReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindingReport() {}

    /** One line per finding. */
    static void text(PrintWriter out, List<Finding> findings) {
        for (Finding f : findings) {
            StringBuilder line = new StringBuilder(String.format("%-7s %s", f.severity(), f.code()));
            if (f.requirement() != null) {
                line.append(" [").append(f.requirement()).append(']');
            }
            if (f.path() != null) {
                line.append(' ').append(f.path());
            }
            out.println(line.append(": ").append(f.message()));
        }
    }

    /** "2 errors, 1 warning, 0 infos" */
    static String counts(List<Finding> findings) {
        return count(findings, Severity.ERROR, "error") + ", " + count(findings, Severity.WARNING, "warning") + ", "
                + count(findings, Severity.INFO, "info");
    }

    /** The findings about {@code file} as one JSON object, with whatever else the command adds. */
    static void json(PrintWriter out, Map<String, Object> head, List<Finding> findings) {
        Map<String, Object> doc = new LinkedHashMap<>(head);
        doc.put("accepted", !Findings.hasErrors(findings));
        doc.put(
                "findings",
                findings.stream()
                        .map(f -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("severity", f.severity().name());
                            m.put("code", f.code());
                            m.put("requirement", f.requirement());
                            m.put("path", f.path());
                            m.put("message", f.message());
                            return m;
                        })
                        .toList());
        try {
            out.println(JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }

    private static String count(List<Finding> findings, Severity severity, String noun) {
        long n = findings.stream().filter(f -> f.severity() == severity).count();
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
