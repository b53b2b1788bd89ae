package vn.kho.repository;

import java.util.Optional;

/**
 * TT05 "chế độ sử dụng" (mode). Until access control exists only {@link #PUBLIC} packages are served or published;
 * a package whose regime is unknown is treated as restricted (fail closed).
 */
public enum AccessRegime {
    PUBLIC("01"),
    CONDITIONAL("02"),
    CLASSIFIED("03"),
    UNKNOWN("");

    private final String code;

    AccessRegime(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }

    public static Optional<AccessRegime> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (AccessRegime r : values()) {
            if (r != UNKNOWN && r.code.equals(code.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
