package vn.kho.repository.signature;

import java.util.Collection;

/**
 * What a signature check concluded, declared from the mildest to the worst, so that {@link #worst} (or comparing
 * ordinals) picks the outcome to report for a file with several signers. Every outcome except {@link #VALID} means the
 * signature does not prove who signed the content, or when.
 */
public enum SignatureOutcome {
    /** The signature value verifies, the chain reaches a trust anchor, every certificate was valid and not revoked. */
    VALID,
    /** Everything else holds, but no usable CRL says whether a certificate of the chain was revoked. */
    REVOCATION_UNKNOWN,
    /** A digest or key is weaker than the {@link VerificationPolicy} allows. */
    WEAK_ALGORITHM,
    /** A certificate of the chain was not valid at the validation time: expired, or not yet valid. */
    EXPIRED,
    /** No path from the signer's certificate to a trust anchor, or the path breaks a PKIX rule. */
    UNTRUSTED,
    /** A CRL from the issuer lists a certificate of the chain as revoked at or before the validation time. */
    REVOKED,
    /** A CMS structure with no SignerInfo: it signs nothing. */
    NO_SIGNER,
    /** The bytes are not a readable CMS SignedData (garbage, truncated, unsupported algorithm). */
    MALFORMED,
    /** The signed bytes are intact but the file was changed after signing (used for PDFs' incremental updates). */
    MODIFIED_AFTER,
    /** The signature value does not verify, or the content does not match the signed digest: proof of change. */
    BROKEN;

    /** The finding code for this outcome: {@code SIGNATURE_} and the name, for example {@code SIGNATURE_REVOKED}. */
    public String findingCode() {
        return "SIGNATURE_" + name();
    }

    /** Whether this outcome is worse than {@code other}. */
    public boolean isWorseThan(SignatureOutcome other) {
        return compareTo(other) > 0;
    }

    /** The worst of {@code outcomes}; {@link #VALID} for none. */
    public static SignatureOutcome worst(Collection<SignatureOutcome> outcomes) {
        SignatureOutcome worst = VALID;
        for (SignatureOutcome o : outcomes) {
            if (o.isWorseThan(worst)) {
                worst = o;
            }
        }
        return worst;
    }
}
