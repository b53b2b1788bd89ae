package vn.kho.ingest.validate;

import java.util.List;

/**
 * veraPDF's verdict on a PDF. {@code claimed} is the PDF/A part and conformance level the file's XMP metadata claims
 * ({@code "1b"}, {@code "2b"}, {@code "3a"}, ...), or {@code null} when it makes no PDF/A claim; {@code compliant} is
 * whether veraPDF verified the file against the claimed level (always {@code false} without a claim);
 * {@code failedRules} counts the distinct rules that failed and {@code failedRuleSummaries} describes the first ones
 * ({@link #MAX_SUMMARIES} at most) as {@code "clause-test: description (n checks)"}. {@code error} says why veraPDF
 * could not check the file (not a PDF it can parse, encrypted, ...), else {@code null}.
 */
public record PdfaResult(
        String claimed, boolean compliant, int failedRules, List<String> failedRuleSummaries, String error) {
    public static final int MAX_SUMMARIES = 20;

    public PdfaResult {
        failedRuleSummaries = List.copyOf(failedRuleSummaries);
        if (failedRules < 0) {
            throw new IllegalArgumentException("failedRules < 0");
        }
    }

    /** veraPDF could not check the file, for the reason given. */
    public static PdfaResult failed(String claimed, String error) {
        return new PdfaResult(claimed, false, 0, List.of(), error);
    }

    /** A PDF that makes no PDF/A claim. */
    public static PdfaResult notClaimed() {
        return new PdfaResult(null, false, 0, List.of(), null);
    }
}
