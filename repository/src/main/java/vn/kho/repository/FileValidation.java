package vn.kho.repository;

import java.util.Objects;

/**
 * The outcome of validating one file against its format's specification.
 *
 * @param tool the validator and module, e.g. {@code JHOVE 1.28.0 PDF-hul}; null when no validator applies
 * @param status {@code VALID}, {@code WELL_FORMED} (well-formed, not valid), {@code NOT_WELL_FORMED},
 *     {@code NOT_VALIDATED} (no validator for the format), {@code TIMED_OUT} or {@code CRASHED}
 * @param pdfaClaimed the PDF/A part and level the file claims, e.g. {@code 2b}; null when none
 * @param pdfaVerified the PDF/A part and level veraPDF verified, e.g. {@code 2b}; null when not verified
 */
public record FileValidation(String tool, String status, String pdfaClaimed, String pdfaVerified) {
    public FileValidation {
        Objects.requireNonNull(status, "status");
    }
}
