package vn.kho.repository.signature;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jcajce.util.MessageDigestUtils;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The checks of one RFC 3161 timestamp token, shared by signature timestamps ({@link SignatureTimestamps}) and PDF
 * document timestamps ({@link DocumentTimestampCheck}). In order, the first failure deciding:
 *
 * <ol>
 *   <li>the message imprint is the digest of the stamped data ({@link SignatureOutcome#BROKEN});
 *   <li>the token's certificates and CRLs are readable ({@link SignatureOutcome#MALFORMED});
 *   <li>the TSA's certificate is in the token, the package or the trust store ({@link SignatureOutcome#UNTRUSTED});
 *   <li>the token's signature verifies with its key ({@link SignatureOutcome#BROKEN}; {@link
 *       SignatureOutcome#MALFORMED} for an algorithm that cannot be checked);
 *   <li>neither the imprint's digest, the signature's algorithm nor the TSA's key is weak ({@link
 *       SignatureOutcome#WEAK_ALGORITHM});
 *   <li>genTime is not after the ingest time ({@link SignatureOutcome#UNTRUSTED}: a token from the future proves no
 *       time);
 *   <li>the TSA certificate's only extended key usage is timeStamping, marked critical, as RFC 3161 §2.3 requires
 *       ({@link SignatureOutcome#UNTRUSTED});
 *   <li>a path leads to a trust anchor ({@link SignatureOutcome#UNTRUSTED}), none of its certificates is weak, all were
 *       valid at genTime ({@link SignatureOutcome#EXPIRED}) and the path obeys RFC 5280;
 *   <li>the token's signing-certificate attribute names the TSA certificate ({@link SignatureOutcome#UNTRUSTED});
 *   <li>no certificate of the path was revoked at genTime, as a CRL shows ({@link SignatureOutcome#REVOKED}, {@link
 *       SignatureOutcome#REVOCATION_UNKNOWN}).
 * </ol>
 *
 * <p>The TSA is trusted to tell the time, so its chain is judged at genTime, the time its token states: a token whose
 * TSA certificate expired since still verifies. CRLs the token carries are used beside the caller's.
 */
final class TimestampTokenCheck {
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

    private final CheckContext context;

    /** {@code context}'s pool and CRLs are used besides the certificates and CRLs in the token. */
    TimestampTokenCheck(CheckContext context) {
        this.context = context;
    }

    /** A readable token: Bouncy Castle's object and its DER bytes. */
    record Token(TimeStampToken token, byte[] der) {
        Instant genTime() {
            return token.getTimeStampInfo().getGenTime().toInstant();
        }

        /** The JCA name of the message imprint's digest, such as {@code SHA-256}, or its OID when unknown. */
        String imprintDigest() {
            return MessageDigestUtils.getDigestName(token.getTimeStampInfo().getMessageImprintAlgOID());
        }

        /** A calculator of the message imprint's digest, to digest the data the token should stamp. */
        DigestCalculator imprintCalculator() throws OperatorCreationException {
            return new JcaDigestCalculatorProviderBuilder()
                    .build()
                    .get(token.getTimeStampInfo().getHashAlgorithm());
        }
    }

    /**
     * The verdict on a token. {@code tsa} is null when its certificate was not found; {@code chain} starts with
     * {@code tsa} (only it when no path was found); {@code crlsUsed} are the CRLs that decided revocation.
     */
    record Verdict(
            SignatureOutcome outcome,
            String reason,
            X509Certificate tsa,
            List<X509Certificate> chain,
            List<X509CRL> crlsUsed,
            String signatureAlgorithm) {
        Verdict {
            chain = List.copyOf(chain);
            crlsUsed = List.copyOf(crlsUsed);
        }
    }

    /** Reads a token from a ContentInfo value (a signature timestamp attribute's). */
    static Token read(ASN1Encodable value) throws CmsBytes.MalformedCmsException {
        try {
            ContentInfo info = ContentInfo.getInstance(value);
            return new Token(new TimeStampToken(info), info.getEncoded(ASN1Encoding.DER));
        } catch (TSPException | IOException | RuntimeException e) {
            throw new CmsBytes.MalformedCmsException("not a readable RFC 3161 timestamp token: " + e.getMessage(), e);
        }
    }

    /** Reads a token from DER bytes; bytes after the first DER element (a PDF's zero padding) are ignored. */
    static Token read(byte[] bytes) throws CmsBytes.MalformedCmsException {
        ASN1Primitive first;
        try (ASN1InputStream in = new ASN1InputStream(bytes)) {
            first = in.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CmsBytes.MalformedCmsException("not readable DER: " + e.getMessage(), e);
        }
        if (first == null) {
            throw new CmsBytes.MalformedCmsException("empty", null);
        }
        return read(first);
    }

    /**
     * Checks {@code token}, which should stamp data whose digest by the token's imprint algorithm is {@code
     * stampedDigest}; {@code stamped} names that data in messages ("this signature value").
     */
    Verdict check(Token token, byte[] stampedDigest, String stamped) {
        TimeStampToken t = token.token();
        Instant genTime = token.genTime();
        if (!MessageDigest.isEqual(stampedDigest, t.getTimeStampInfo().getMessageImprintDigest())) {
            return failed(
                    SignatureOutcome.BROKEN,
                    "it stamps other data than " + stamped + " (its " + token.imprintDigest()
                            + " message imprint differs)");
        }
        Set<X509Certificate> tsaPool = new LinkedHashSet<>();
        List<X509CRL> tsaCrls = new ArrayList<>(context.crls());
        try {
            JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
            for (X509CertificateHolder h : t.getCertificates().getMatches(null)) {
                tsaPool.add(certs.getCertificate(h));
            }
            JcaX509CRLConverter crlConverter = new JcaX509CRLConverter();
            for (X509CRLHolder h : t.getCRLs().getMatches(null)) {
                tsaCrls.add(crlConverter.getCRL(h));
            }
        } catch (CertificateException | CRLException e) {
            return failed(SignatureOutcome.MALFORMED, "it carries an unreadable certificate or CRL: " + e.getMessage());
        }
        tsaPool.addAll(context.pool());
        X509Certificate tsa = tsaCertificate(t, tsaPool);
        if (tsa == null) {
            return failed(
                    SignatureOutcome.UNTRUSTED,
                    "the TSA's certificate is neither in the token, the package nor the trust store");
        }
        SignerInformation signerInfo =
                t.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
        String signatureAlgorithm = signatureAlgorithm(signerInfo);
        Verdicts v = new Verdicts(tsa, signatureAlgorithm);
        String tsaName = Certificates.describe(tsa);

        SignerInformationVerifier verifier;
        try {
            verifier = new JcaSimpleSignerInfoVerifierBuilder().build(tsa);
            if (!t.isSignatureValid(verifier)) {
                return v.of(SignatureOutcome.BROKEN, "its signature does not verify with the key of " + tsaName);
            }
        } catch (TSPException e) {
            boolean unsupported = e.getCause() instanceof OperatorCreationException;
            return v.of(
                    unsupported ? SignatureOutcome.MALFORMED : SignatureOutcome.BROKEN,
                    (unsupported ? "its signature algorithm is not supported: " : "its signature does not verify: ")
                            + e.getMessage());
        } catch (OperatorCreationException | RuntimeException e) {
            return v.of(
                    SignatureOutcome.MALFORMED,
                    "its signature cannot be checked with the key of " + tsaName + ": " + e.getMessage());
        }
        Optional<String> weak = context.policy()
                .digestWeakness(token.imprintDigest())
                .map(w -> "its message imprint uses a weak digest (" + w + ")")
                .or(() -> context.policy().signatureAlgorithmWeakness(signatureAlgorithm))
                .or(() -> context.policy().keyWeakness(tsa.getPublicKey()));
        if (weak.isPresent()) {
            return v.of(SignatureOutcome.WEAK_ALGORITHM, weak.get());
        }
        if (genTime.isAfter(context.ingestTime())) {
            return v.of(SignatureOutcome.UNTRUSTED, "its time is after the ingest time " + context.ingestTime());
        }
        Optional<String> notForTimeStamping = timeStampingProblem(tsa);
        if (notForTimeStamping.isPresent()) {
            return v.of(SignatureOutcome.UNTRUSTED, notForTimeStamping.get());
        }
        Optional<List<X509Certificate>> path = CertificatePaths.build(tsa, context.trust(), tsaPool, genTime);
        if (path.isEmpty()) {
            return v.of(
                    SignatureOutcome.UNTRUSTED, "the TSA certificate " + tsaName + " has no path to a trust anchor");
        }
        v.chain = path.get();
        Optional<Verdict> pathProblem = pathProblem(v, genTime);
        if (pathProblem.isPresent()) {
            return pathProblem.get();
        }
        try {
            t.validate(verifier);
        } catch (TSPException | RuntimeException e) {
            return v.of(
                    SignatureOutcome.UNTRUSTED,
                    "its signing-certificate attribute does not name " + tsaName + ": " + e.getMessage());
        }
        CrlRevocation.Decision revocation = CrlRevocation.check(v.chain, genTime, tsaCrls);
        v.crls = revocation.crlsUsed();
        if (revocation.outcome() != SignatureOutcome.VALID) {
            return v.of(revocation.outcome(), "at " + genTime + ", " + revocation.problem());
        }
        return v.of(
                SignatureOutcome.VALID,
                "the token verifies, " + Certificates.pathText(v.chain)
                        + ", and every certificate was valid and not revoked at " + genTime + " (the time it states); "
                        + String.join("; ", revocation.notes()));
    }

    private Optional<Verdict> pathProblem(Verdicts v, Instant genTime) {
        Optional<String> weak = context.policy().chainWeakness(v.chain);
        if (weak.isPresent()) {
            return Optional.of(v.of(SignatureOutcome.WEAK_ALGORITHM, weak.get()));
        }
        Optional<String> expired = CertificatePaths.validityProblem(v.chain, genTime);
        if (expired.isPresent()) {
            return Optional.of(v.of(SignatureOutcome.EXPIRED, expired.get()));
        }
        return CertificatePaths.pkixProblem(v.chain, genTime).map(p -> v.of(SignatureOutcome.UNTRUSTED, p));
    }

    /** Why {@code tsa} may not issue timestamps: RFC 3161 wants timeStamping as its only, critical, extended key usage. */
    private static Optional<String> timeStampingProblem(X509Certificate tsa) {
        List<String> usages;
        try {
            usages = tsa.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            usages = null;
        }
        Set<String> critical = tsa.getCriticalExtensionOIDs();
        if (List.of(TIME_STAMPING).equals(usages) && critical != null && critical.contains(EXTENDED_KEY_USAGE)) {
            return Optional.empty();
        }
        return Optional.of("the TSA certificate " + Certificates.describe(tsa)
                + " is not for time stamping: its extended key usage must be timeStamping alone, marked critical");
    }

    private static X509Certificate tsaCertificate(TimeStampToken token, Collection<X509Certificate> candidates) {
        for (X509Certificate c : candidates) {
            try {
                if (token.getSID().match(new JcaX509CertificateHolder(c))) {
                    return c;
                }
            } catch (CertificateException e) {
                // a certificate the holder cannot take cannot be the TSA's either
            }
        }
        return null;
    }

    private static String signatureAlgorithm(SignerInformation signer) {
        try {
            return new DefaultCMSSignatureAlgorithmNameGenerator()
                    .getSignatureName(
                            signer.getDigestAlgorithmID(),
                            signer.toASN1Structure().getDigestEncryptionAlgorithm());
        } catch (RuntimeException unknownAlgorithm) {
            return signer.getEncryptionAlgOID();
        }
    }

    private static Verdict failed(SignatureOutcome outcome, String reason) {
        return new Verdict(outcome, reason, null, List.of(), List.of(), null);
    }

    /** What is known of the TSA so far; {@link #of} makes the verdict. */
    private static final class Verdicts {
        private final X509Certificate tsa;
        private final String signatureAlgorithm;
        private List<X509Certificate> chain;
        private List<X509CRL> crls = List.of();

        Verdicts(X509Certificate tsa, String signatureAlgorithm) {
            this.tsa = tsa;
            this.signatureAlgorithm = signatureAlgorithm;
            this.chain = List.of(tsa);
        }

        Verdict of(SignatureOutcome outcome, String reason) {
            return new Verdict(outcome, reason, tsa, chain, crls, signatureAlgorithm);
        }
    }
}
