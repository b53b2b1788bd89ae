package vn.kho.repository;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One result of a check: findings are data, not exceptions. {@code code} is UPPER_SNAKE with an area prefix
 * ({@code ZIP_}, {@code BAGIT_}, {@code METS_}, {@code TT05_}, {@code OCFL_}, ...); {@code path} is the package-relative
 * path the finding is about, or {@code null} for the package as a whole.
 */
public record Finding(Severity severity, String code, String message, String path) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("finding code must be UPPER_SNAKE with an area prefix: " + code);
        }
    }

    public static Finding error(String code, String message, String path) {
        return new Finding(Severity.ERROR, code, message, path);
    }

    public static Finding error(String code, String message) {
        return error(code, message, null);
    }

    public static Finding warning(String code, String message, String path) {
        return new Finding(Severity.WARNING, code, message, path);
    }

    public static Finding info(String code, String message, String path) {
        return new Finding(Severity.INFO, code, message, path);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
