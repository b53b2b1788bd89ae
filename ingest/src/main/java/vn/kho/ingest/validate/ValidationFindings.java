package vn.kho.ingest.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/**
 * Turns a {@link ValidationResult} into findings. Codes and default severities (a policy may re-grade them):
 *
 * <ul>
 *   <li>{@code JHOVE_NOT_WELL_FORMED} error: JHOVE found the file not well-formed for its format
 *   <li>{@code JHOVE_NOT_VALID} warning: well-formed but not valid
 *   <li>{@code JHOVE_MESSAGE}: JHOVE's own messages, warning for its errors and warnings, info for its info; identical
 *       messages are reported once with a count; at most {@link #MAX_MESSAGE_FINDINGS} per file, then one
 *       {@code JHOVE_MESSAGES_OMITTED} info
 *   <li>{@code JHOVE_TIMEOUT} error, {@code JHOVE_CRASHED} error: the file could not be validated
 *   <li>{@code JHOVE_NOT_VALIDATED} info: no JHOVE module for the file's type
 *   <li>{@code PDFA_NOT_CLAIMED} warning: a PDF that does not identify itself as PDF/A
 *   <li>{@code PDFA_NOT_COMPLIANT} warning: claims PDF/A but veraPDF found failed rules
 *   <li>{@code PDFA_VALIDATION_FAILED} warning: veraPDF could not check the PDF
 * </ul>
 */
public final class ValidationFindings {
    public static final int MAX_MESSAGE_FINDINGS = 20;
    private static final int RULES_IN_MESSAGE = 3;

    private ValidationFindings() {}

    public static List<Finding> of(String path, ValidationResult r) {
        Objects.requireNonNull(r, "result");
        List<Finding> findings = new ArrayList<>();
        String module = r.module();
        String format = formatName(r);
        String firstError = r.messages().stream()
                .filter(JhoveMessage::isError)
                .map(JhoveMessage::text)
                .findFirst()
                .orElse(null);
        switch (r.status()) {
            case VALID -> {}
            case WELL_FORMED ->
                findings.add(Finding.warning(
                        "JHOVE_NOT_VALID",
                        "JHOVE (" + module + ") found the file well-formed but not valid " + format
                                + (firstError == null ? "." : ": " + sentence(firstError)),
                        path));
            case NOT_WELL_FORMED ->
                findings.add(Finding.error(
                        "JHOVE_NOT_WELL_FORMED",
                        "JHOVE (" + module + ") found the file is not well-formed " + format
                                + (firstError == null ? "." : ": " + sentence(firstError)),
                        path));
            case NOT_VALIDATED ->
                findings.add(Finding.info(
                        "JHOVE_NOT_VALIDATED",
                        "No JHOVE module validates files of this type; the file was not validated.",
                        path));
            case TIMED_OUT ->
                findings.add(Finding.error(
                        "JHOVE_TIMEOUT",
                        "The file could not be validated: "
                                + sentence(
                                        firstError == null ? "validation took too long and was stopped" : firstError),
                        path));
            case CRASHED ->
                findings.add(Finding.error(
                        "JHOVE_CRASHED",
                        "The file could not be validated: "
                                + sentence(firstError == null ? "the validator crashed on it" : firstError),
                        path));
        }
        boolean jhoveRan = r.status() == ValidationStatus.VALID
                || r.status() == ValidationStatus.WELL_FORMED
                || r.status() == ValidationStatus.NOT_WELL_FORMED;
        if (jhoveRan) {
            addMessages(path, r, firstError, findings);
        }
        if (r.pdfa() != null) {
            addPdfa(path, r.pdfa(), findings);
        }
        return List.copyOf(findings);
    }

    private static void addMessages(String path, ValidationResult r, String alreadyReported, List<Finding> findings) {
        record Key(String severity, String id, String text) {}
        Map<Key, int[]> counts = new LinkedHashMap<>();
        Map<Key, String> offsets = new LinkedHashMap<>();
        boolean skippedFirst = false;
        for (JhoveMessage m : r.messages()) {
            if (!skippedFirst && m.isError() && m.text().equals(alreadyReported)) {
                skippedFirst = true; // it is in the not-well-formed/not-valid finding already
                continue;
            }
            Key k = new Key(m.severity(), m.id(), m.text());
            counts.computeIfAbsent(k, x -> new int[1])[0]++;
            if (m.offset() != null) {
                offsets.putIfAbsent(k, m.offset());
            }
        }
        int emitted = 0;
        int omitted = 0;
        for (Map.Entry<Key, int[]> e : counts.entrySet()) {
            if (emitted == MAX_MESSAGE_FINDINGS) {
                omitted += e.getValue()[0];
                continue;
            }
            Key k = e.getKey();
            int n = e.getValue()[0];
            String offset = offsets.get(k);
            String text = "JHOVE " + (k.id() == null ? "" : k.id() + " ") + "(" + k.severity() + "): "
                    + sentence(k.text())
                    + (offset == null ? "" : " At byte offset " + offset + (n > 1 ? " (first of " + n + ")." : "."))
                    + (n > 1 && offset == null ? " Reported " + n + " times." : "");
            Severity severity = k.severity().equals("info") ? Severity.INFO : Severity.WARNING;
            findings.add(new Finding(severity, "JHOVE_MESSAGE", text, path));
            emitted++;
        }
        if (omitted > 0) {
            findings.add(Finding.info(
                    "JHOVE_MESSAGES_OMITTED",
                    "JHOVE reported " + omitted + " more messages about this file; they are in its JHOVE report.",
                    path));
        }
    }

    private static void addPdfa(String path, PdfaResult p, List<Finding> findings) {
        if (p.error() != null) {
            findings.add(Finding.warning(
                    "PDFA_VALIDATION_FAILED",
                    "veraPDF could not check the PDF for PDF/A conformance"
                            + (p.claimed() == null ? "" : " (it claims PDF/A-" + p.claimed() + ")") + ": "
                            + sentence(p.error()),
                    path));
        } else if (p.claimed() == null) {
            findings.add(Finding.warning(
                    "PDFA_NOT_CLAIMED",
                    "The PDF does not identify itself as PDF/A (its XMP metadata has no PDF/A part and conformance"
                            + " level), so it was not checked as an archival PDF.",
                    path));
        } else if (!p.compliant()) {
            List<String> some = p.failedRuleSummaries()
                    .subList(
                            0,
                            Math.min(RULES_IN_MESSAGE, p.failedRuleSummaries().size()));
            String more = p.failedRules() > some.size() ? "; and " + (p.failedRules() - some.size()) + " more" : "";
            findings.add(Finding.warning(
                    "PDFA_NOT_COMPLIANT",
                    "The PDF claims PDF/A-" + p.claimed() + " but veraPDF found it does not conform: "
                            + p.failedRules() + (p.failedRules() == 1 ? " rule" : " rules") + " failed ("
                            + String.join("; ", some) + more + ").",
                    path));
        }
    }

    private static String formatName(ValidationResult r) {
        if (r.format() != null && !r.format().isBlank()) {
            return r.format() + (r.version() == null || r.version().isBlank() ? "" : " " + r.version());
        }
        if (r.module() == null) {
            return "file";
        }
        String base = r.module()
                .substring(
                        0,
                        r.module().indexOf('-') < 0
                                ? r.module().length()
                                : r.module().indexOf('-'));
        return switch (base) {
            case "UTF8" -> "UTF-8 text";
            case "ASCII" -> "ASCII text";
            case "JPEG2000" -> "JPEG 2000";
            default -> base;
        };
    }

    private static String sentence(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return t;
        }
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }
}
