package vn.kho.repository.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one signer of a CMS signature, or on a document timestamp (whose signer is its timestamp
 * authority; see {@link CmsVerifier#verifyDocumentTimestamp}).
 *
 * @param outcome what was concluded
 * @param message an English sentence or two naming what decided: the certificate, the date, the CRL
 * @param signerCertificate the signer's certificate, or {@code null} when the CMS could not be read or the certificate
 *     was not found
 * @param chain the certificate path used, from the signer to the trust anchor; only the signer's certificate when no
 *     path was found; empty when there is no signer certificate
 * @param signingTime the signing time the signer claims (signed attribute), or {@code null}; never used to decide
 * @param timestampTime the genTime of the trusted RFC 3161 timestamp token that set the validation time, or {@code
 *     null} when there was none (tokens that could not be trusted are named in the message)
 * @param validationTime the time at which validity and revocation were decided: the ingest time, or the earlier time
 *     a trusted timestamp proves
 * @param digestAlgorithm the signer's digest (JCA name such as {@code SHA-256}), or {@code null} when unknown
 * @param signatureAlgorithm the signer's signature algorithm (JCA name such as {@code SHA256withRSA}), or {@code null}
 * @param keyBits the size of the signer's public key in bits, 0 when unknown
 * @param evidence the certificates, CRLs and timestamp tokens the decision used
 */
public record CmsVerification(
        SignatureOutcome outcome,
        String message,
        X509Certificate signerCertificate,
        List<X509Certificate> chain,
        Instant signingTime,
        Instant timestampTime,
        Instant validationTime,
        String digestAlgorithm,
        String signatureAlgorithm,
        int keyBits,
        Evidence evidence) {
    public CmsVerification {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(validationTime, "validationTime");
        Objects.requireNonNull(evidence, "evidence");
        chain = List.copyOf(chain);
        if (keyBits < 0) {
            throw new IllegalArgumentException("keyBits must not be negative: " + keyBits);
        }
        if (signerCertificate == null && !chain.isEmpty()) {
            throw new IllegalArgumentException("a chain needs a signer certificate");
        }
        if (signerCertificate != null && !chain.isEmpty() && !chain.get(0).equals(signerCertificate)) {
            throw new IllegalArgumentException("a chain starts with the signer certificate");
        }
    }

    public boolean isValid() {
        return outcome == SignatureOutcome.VALID;
    }

    /** Who signed, when the signer's certificate is known. */
    public Optional<SignerIdentity> signer() {
        return Optional.ofNullable(signerCertificate).map(SignerIdentity::of);
    }

    /** The verification with the worst outcome (the first of equals); {@code verifications} must not be empty. */
    public static CmsVerification worst(Collection<CmsVerification> verifications) {
        CmsVerification worst = null;
        for (CmsVerification v : verifications) {
            if (worst == null || v.outcome.isWorseThan(worst.outcome)) {
                worst = v;
            }
        }
        if (worst == null) {
            throw new IllegalArgumentException("no verifications");
        }
        return worst;
    }
}
