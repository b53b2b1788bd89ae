package vn.kho.ingest.signature;

import java.nio.file.Path;
import java.util.List;

/** Finds the signatures of a PDF and says, for each, what it signs and what happened to the document after it. */
public interface PdfSignatureScanner {
    /**
     * The signatures of {@code pdf}: one for each signature field that has a signature dictionary as its value, in
     * the order they were applied (by the end of their signed range; those without a usable range first).
     *
     * <p>Never throws for a broken PDF: a file that cannot be read as a PDF has no signatures here (the format
     * validator reports it), and a malformed signature dictionary comes back with {@link PdfSignature#problems()}.
     *
     * @throws java.io.UncheckedIOException if {@code pdf} cannot be read at all (missing, unreadable)
     */
    List<PdfSignature> scan(Path pdf);

    /**
     * The certificates and CRLs in {@code pdf}'s Document Security Store; none when it has none or cannot be read.
     * Streams too large to be a certificate or CRL are skipped.
     */
    PdfValidationData validationData(Path pdf);
}
