package vn.kho.repository.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Verifies detached CMS (PKCS#7) signatures against a {@link TrustStore} and a {@link VerificationPolicy}, offline.
 * Thread-safe; holds no state but its trust store and policy.
 *
 * <p>Validity and revocation are decided at the ingest time, unless a trusted RFC 3161 signature timestamp proves
 * that the signature existed earlier; the signing time a signer claims is reported but never used, since whoever holds
 * a key can write any time. Revocation is decided from the trust store's CRLs, the CRLs carried in the signature and
 * the caller's extra CRLs (from the package); no usable CRL gives {@link SignatureOutcome#REVOCATION_UNKNOWN}.
 */
public final class CmsVerifier {
    private static final int BUFFER = 64 * 1024;

    private final TrustStore trust;
    private final VerificationPolicy policy;

    public CmsVerifier(TrustStore trust, VerificationPolicy policy) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.policy = Objects.requireNonNull(policy, "policy");
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
        Map<ASN1ObjectIdentifier, byte[]> digests = digests(content, signers);

        Set<X509Certificate> pool = new LinkedHashSet<>(parsed.certificates());
        pool.addAll(extraCerts);
        pool.addAll(trust.intermediates());
        pool.addAll(trust.anchors());
        Set<X509CRL> crls = new LinkedHashSet<>(trust.crls());
        crls.addAll(parsed.crls());
        crls.addAll(extraCrls);
        SignerCheck check = new SignerCheck(trust, policy, ingestTime, List.copyOf(pool), List.copyOf(crls));

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

    /** The content's digest by every supported algorithm the signers use, from one pass over the content. */
    private static Map<ASN1ObjectIdentifier, byte[]> digests(
            ContentSource content, Collection<SignerInformation> signers) {
        DigestCalculatorProvider provider;
        try {
            provider = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK has no digests", e);
        }
        Map<ASN1ObjectIdentifier, DigestCalculator> calculators = new LinkedHashMap<>();
        for (SignerInformation signer : signers) {
            AlgorithmIdentifier alg = signer.getDigestAlgorithmID();
            if (!calculators.containsKey(alg.getAlgorithm())) {
                try {
                    calculators.put(alg.getAlgorithm(), provider.get(alg));
                } catch (OperatorCreationException unsupported) {
                    // that signer is reported MALFORMED
                }
            }
        }
        if (calculators.isEmpty()) {
            return Map.of();
        }
        List<OutputStream> outs = calculators.values().stream()
                .map(DigestCalculator::getOutputStream)
                .toList();
        try (InputStream in = content.open()) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (OutputStream out : outs) {
                    out.write(buffer, 0, n);
                }
            }
            for (OutputStream out : outs) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signed content", e);
        }
        Map<ASN1ObjectIdentifier, byte[]> digests = new LinkedHashMap<>();
        calculators.forEach((oid, calc) -> digests.put(oid, calc.getDigest()));
        return digests;
    }
}
