package vn.kho.repository;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One result of a check: findings are data, not exceptions. {@code code} is UPPER_SNAKE with an area prefix
 * ({@code ZIP_}, {@code BAGIT_}, {@code METS_}, {@code TT05_}, {@code OCFL_}, ...); {@code path} is the package-relative
 * path the finding is about, or {@code null} for the package as a whole. {@code requirement} is the id of the
 * published requirement the finding is about, as its specification numbers it (E-ARK {@code CSIP7}, {@code SIP15},
 * {@code CSIPSTR1}), or {@code null}.
 */
public record Finding(Severity severity, String code, String message, String path, String requirement) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");
    private static final Pattern REQUIREMENT = Pattern.compile("[A-Z]+[0-9]+");

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("finding code must be UPPER_SNAKE with an area prefix: " + code);
        }
        if (requirement != null && !REQUIREMENT.matcher(requirement).matches()) {
            throw new IllegalArgumentException("requirement id must look like CSIP7 or SIP15: " + requirement);
        }
    }

    public Finding(Severity severity, String code, String message, String path) {
        this(severity, code, message, path, null);
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

    /** This finding about the requirement {@code id} (for example {@code CSIP7}). */
    public Finding withRequirement(String id) {
        return new Finding(severity, code, message, path, id);
    }

    /** This finding with another severity, as a policy decides. */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(newSeverity, code, message, path, requirement);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
