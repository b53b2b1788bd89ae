package vn.kho.ingest.format;

import java.util.Objects;
import vn.kho.repository.FileFormat;
import vn.kho.repository.FileValidation;

/**
 * What Kho found out about one file of a package.
 *
 * @param path the package-relative path
 * @param format the identified format
 * @param validation the validation outcome ({@code NOT_VALIDATED} when no validator applies)
 * @param summary one sentence on the validation, for the file's PREMIS validation event; null when not validated
 */
public record FileCheck(String path, FileFormat format, FileValidation validation, String summary) {
    public FileCheck {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(validation, "validation");
    }

    /** Whether a validator read the file (it had one for the format). */
    public boolean validated() {
        return validation.tool() != null;
    }
}
