package vn.kho.ingest.validate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One file's validation. {@code module} is the JHOVE module used ({@code PDF-hul}), or {@code null} when none
 * applies; {@code format}, {@code version} and {@code profiles} are as JHOVE reported them ({@code null} and empty
 * when it did not run); {@code pdfa} is veraPDF's verdict, present only for PDFs that reached veraPDF;
 * {@code reportWritten} says whether JHOVE's XML for this file (see {@link JhoveReport}) was written to the report file;
 * {@code elapsed} is the wall time as the caller saw it, waiting for a worker included.
 */
public record ValidationResult(
        String module,
        ValidationStatus status,
        String format,
        String version,
        List<String> profiles,
        List<JhoveMessage> messages,
        PdfaResult pdfa,
        boolean reportWritten,
        Duration elapsed) {
    public ValidationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        profiles = List.copyOf(profiles);
        messages = List.copyOf(messages);
    }

    /** A result that JHOVE did not produce (no module, timeout, crash), with one explaining message. */
    static ValidationResult without(String module, ValidationStatus status, String message, Duration elapsed) {
        List<JhoveMessage> messages =
                message == null ? List.of() : List.of(new JhoveMessage("error", null, message, null));
        return new ValidationResult(module, status, null, null, List.of(), messages, null, false, elapsed);
    }

    /** This result with the wall time the caller saw. */
    ValidationResult withElapsed(Duration newElapsed) {
        return new ValidationResult(
                module, status, format, version, profiles, messages, pdfa, reportWritten, newElapsed);
    }
}
