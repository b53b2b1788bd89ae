package vn.kho.repository.signature;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Verifies a document timestamp, an RFC 3161 token that stands alone as the signature of some content (a PDF's
 * {@code /SubFilter /ETSI.RFC3161}): the token is read, the content digested by the token's imprint algorithm in one
 * streamed pass, and the token checked by {@link TimestampTokenCheck}. The TSA is reported as the signer.
 */
final class DocumentTimestampCheck {
    private DocumentTimestampCheck() {}

    /** See {@link CmsVerifier#verifyDocumentTimestamp}. */
    static CmsVerification check(
            byte[] tokenBytes,
            ContentSource content,
            Instant ingestTime,
            TrustStore trust,
            VerificationPolicy policy,
            Collection<X509CRL> extraCrls) {
        TimestampTokenCheck.Token token;
        try {
            token = TimestampTokenCheck.read(tokenBytes);
        } catch (CmsBytes.MalformedCmsException e) {
            return SignerCheck.unreadable(
                    SignatureOutcome.MALFORMED, "the document timestamp is " + e.getMessage(), ingestTime);
        }
        Instant genTime = token.genTime();
        AlgorithmIdentifier imprint = token.token().getTimeStampInfo().getHashAlgorithm();
        byte[] digest = ContentDigests.of(content, List.of(imprint)).get(imprint.getAlgorithm());
        if (digest == null) {
            return SignerCheck.unreadable(
                    SignatureOutcome.MALFORMED,
                    "the document timestamp of " + genTime + " uses the message imprint digest " + token.imprintDigest()
                            + ", which is not supported",
                    ingestTime);
        }
        Set<X509Certificate> pool = new LinkedHashSet<>(trust.intermediates());
        pool.addAll(trust.anchors());
        Set<X509CRL> crls = new LinkedHashSet<>(trust.crls());
        crls.addAll(extraCrls);
        TimestampTokenCheck.Verdict verdict = new TimestampTokenCheck(
                        new CheckContext(trust, policy, ingestTime, List.copyOf(pool), List.copyOf(crls)))
                .check(token, digest, "the signed content");

        X509Certificate tsa = verdict.tsa();
        String by = tsa == null ? "" : " by " + Certificates.describe(tsa);
        boolean valid = verdict.outcome() == SignatureOutcome.VALID;
        return new CmsVerification(
                verdict.outcome(),
                "document timestamp of " + genTime + by + ": " + verdict.reason(),
                tsa,
                verdict.chain(),
                genTime,
                valid ? genTime : null,
                genTime.isAfter(ingestTime) ? ingestTime : genTime,
                token.imprintDigest(),
                verdict.signatureAlgorithm(),
                tsa == null ? 0 : VerificationPolicy.keyBits(tsa.getPublicKey()),
                new Evidence(verdict.chain(), verdict.crlsUsed(), List.of(token.der())));
    }
}
