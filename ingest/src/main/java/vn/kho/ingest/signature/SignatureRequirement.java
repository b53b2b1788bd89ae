package vn.kho.ingest.signature;

import java.util.Map;

/**
 * Which agencies must sign their packages: a valid package signature ({@code METS.xml.p7s}, or
 * {@code tagmanifest-sha256.txt.p7s} for a bag) is required from an agency whose identifier maps to true, and from
 * every agency not named when {@code byDefault} is true.
 *
 * @param byDefault whether an agency not in {@code agencies} must sign
 * @param agencies agency identifier (mã định danh cơ quan) → whether it must sign
 */
public record SignatureRequirement(boolean byDefault, Map<String, Boolean> agencies) {
    public SignatureRequirement {
        agencies = Map.copyOf(agencies);
    }

    /** Nobody must sign. */
    public static SignatureRequirement none() {
        return new SignatureRequirement(false, Map.of());
    }

    /** Whether the agency {@code code} must sign; {@code null} (no identifier known) follows the default. */
    public boolean requiredFor(String code) {
        return code == null ? byDefault : agencies.getOrDefault(code, byDefault);
    }
}
