package vn.kho.repository.signature;

import java.io.UncheckedIOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * Verifies detached CMS (PKCS#7) signatures against a {@link TrustStore} and a {@link VerificationPolicy}, offline.
 * Thread-safe; holds no state but its trust store and policy.
 *
 * <p>Validity and revocation are decided at the ingest time, unless a trusted RFC 3161 signature timestamp proves
 * that the signature existed earlier; the signing time a signer claims is reported but never used, since whoever holds
 * a key can write any time. Revocation is decided from the trust store's CRLs, the CRLs carried in the signature and
 * the caller's extra CRLs (from the package); no usable CRL gives {@link SignatureOutcome#REVOCATION_UNKNOWN}.
 *
 * <p>It also verifies PDF document timestamps ({@link #verifyDocumentTimestamp}), RFC 3161 tokens that stand alone
 * as the signature of a document.
 */
public final class CmsVerifier {
    private final TrustStore trust;
    private final VerificationPolicy policy;

    public CmsVerifier(TrustStore trust, VerificationPolicy policy) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Verifies the RFC 3161 timestamp token {@code token} (DER; bytes after its end, such as a PDF's zero padding, are
     * ignored) as a document timestamp of {@code content}, which is read once, streamed: a PDF signature with {@code
     * /SubFilter /ETSI.RFC3161}, whose message imprint is the digest of the two signed byte ranges.
     *
     * <p>The outcome is {@link SignatureOutcome#MALFORMED} when the token is not a readable TimeStampToken or its
     * imprint digest is unknown; {@link SignatureOutcome#BROKEN} when its imprint is not the content's digest (by the
     * imprint's algorithm) or its signature does not verify; {@link SignatureOutcome#WEAK_ALGORITHM} for a weak
     * imprint digest, signature algorithm or key; {@link SignatureOutcome#UNTRUSTED} when the TSA certificate is not
     * found, is not for time stamping alone (critical extended key usage timeStamping), has no path to a trust anchor,
     * or the time the token states is after {@code ingestTime}; {@link SignatureOutcome#EXPIRED} when a certificate of
     * the path was not valid at that time; {@link SignatureOutcome#REVOKED} or {@link
     * SignatureOutcome#REVOCATION_UNKNOWN} from the CRLs, as for signatures; else {@link SignatureOutcome#VALID}.
     *
     * <p>The validation time is the token's genTime. A timestamp authority is trusted to tell the time, so, as for
     * the RFC 3161 signature timestamps that move a signature's validation time back, its chain is judged when the
     * token says it was made: a document timestamp whose TSA certificate has expired since still verifies, which is
     * what lets a PAdES B-LTA document outlive its certificates. A genTime after the ingest time proves nothing; the
     * validation time is then the ingest time.
     *
     * <p>The verification names the TSA's certificate as the signer and its path as the chain; {@code signingTime} is
     * the genTime, and {@code timestampTime} the genTime when the token is {@link SignatureOutcome#VALID} (else null);
     * {@code digestAlgorithm} is the imprint's digest. The evidence is the TSA's path, the CRLs that decided, and the
     * token's DER bytes. An unreadable token gives no signer and the ingest time.
     *
     * @param extraCrls CRLs that came with the package (only those that verify with their issuer's key count); the
     *     trust store's and the token's own are used too
     * @throws UncheckedIOException when the content cannot be read (a fault of the archive, not of the timestamp)
     */
    public CmsVerification verifyDocumentTimestamp(
            byte[] token, ContentSource content, Instant ingestTime, Collection<X509CRL> extraCrls) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(ingestTime, "ingestTime");
        Objects.requireNonNull(extraCrls, "extraCrls");
        return DocumentTimestampCheck.check(token, content, ingestTime, trust, policy, extraCrls);
    }

    /** {@link #verifyDetached(byte[], ContentSource, Instant, Collection, Collection)} with no extra CRLs or certificates. */
    public List<CmsVerification> verifyDetached(byte[] cms, ContentSource content, Instant ingestTime) {
        return verifyDetached(cms, content, ingestTime, List.of(), List.of());
    }

    /**
     * Verifies the detached signature {@code cms} (DER, or PEM {@code PKCS7}/{@code CMS}) over {@code content}, which
     * is read once, streamed.
     *
     * @param ingestTime when the archive received the signature; the validation time unless a timestamp proves an
     *     earlier one
     * @param extraCrls CRLs that came with the package (only those that verify with their issuer's key count)
     * @param extraCerts certificates that came with the package, to help build paths (never trusted by themselves)
     * @return one verification per SignerInfo, in the signature's order; a single {@link SignatureOutcome#MALFORMED}
     *     or {@link SignatureOutcome#NO_SIGNER} verification when there is no signer to check. Never empty.
     * @throws UncheckedIOException when the content cannot be read (a fault of the archive, not of the signature)
     */
    public List<CmsVerification> verifyDetached(
            byte[] cms,
            ContentSource content,
            Instant ingestTime,
            Collection<X509CRL> extraCrls,
            Collection<X509Certificate> extraCerts) {
        Objects.requireNonNull(cms, "cms");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(ingestTime, "ingestTime");
        CmsBytes.Parsed parsed;
        try {
            parsed = CmsBytes.parse(cms);
        } catch (CmsBytes.MalformedCmsException e) {
            return List.of(SignerCheck.unreadable(SignatureOutcome.MALFORMED, e.getMessage(), ingestTime));
        }
        Collection<SignerInformation> signers =
                parsed.signedData().getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            return List.of(SignerCheck.unreadable(
                    SignatureOutcome.NO_SIGNER, "the CMS structure has no SignerInfo: it signs nothing", ingestTime));
        }
        Map<ASN1ObjectIdentifier, byte[]> digests = ContentDigests.of(
                content,
                signers.stream().map(SignerInformation::getDigestAlgorithmID).toList());

        Set<X509Certificate> pool = new LinkedHashSet<>(parsed.certificates());
        pool.addAll(extraCerts);
        pool.addAll(trust.intermediates());
        pool.addAll(trust.anchors());
        Set<X509CRL> crls = new LinkedHashSet<>(trust.crls());
        crls.addAll(parsed.crls());
        crls.addAll(extraCrls);
        SignerCheck check =
                new SignerCheck(new CheckContext(trust, policy, ingestTime, List.copyOf(pool), List.copyOf(crls)));

        Collection<SignerInformation> withDigests = signers;
        if (!digests.isEmpty()) {
            try {
                withDigests = new CMSSignedData(digests, parsed.contentInfo())
                        .getSignerInfos()
                        .getSigners();
            } catch (CMSException e) {
                throw new IllegalStateException("a parsed signature did not parse again", e);
            }
        }
        List<CmsVerification> result = new ArrayList<>();
        for (SignerInformation signer : withDigests) {
            ASN1ObjectIdentifier alg = signer.getDigestAlgorithmID().getAlgorithm();
            if (!digests.containsKey(alg)) {
                result.add(SignerCheck.unreadable(
                        SignatureOutcome.MALFORMED,
                        "the signer's digest algorithm " + alg + " is not supported",
                        ingestTime));
                continue;
            }
            try {
                result.add(check.check(signer));
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
                // BC reports damaged ASN.1 in a SignerInfo's attributes this way
                result.add(SignerCheck.unreadable(
                        SignatureOutcome.MALFORMED, "a SignerInfo is not readable: " + e.getMessage(), ingestTime));
            }
        }
        return List.copyOf(result);
    }
}
