package vn.kho.repository.signature;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jcajce.util.MessageDigestUtils;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The checks of one SignerInfo, in order: the signer's certificate is found; the signature value verifies over the
 * content digest ({@link SignatureOutcome#BROKEN}); no weak digest or key ({@link SignatureOutcome#WEAK_ALGORITHM});
 * the validation time is chosen (ingest time, or an earlier trusted timestamp); a path reaches a trust anchor ({@link
 * SignatureOutcome#UNTRUSTED}); every certificate of it was valid then ({@link SignatureOutcome#EXPIRED}); the path
 * obeys RFC 5280 and the signer's key may sign; no certificate was revoked then, as a CRL shows ({@link
 * SignatureOutcome#REVOKED}, {@link SignatureOutcome#REVOCATION_UNKNOWN}). The first failure decides.
 */
final class SignerCheck {
    private final CheckContext context;

    SignerCheck(CheckContext context) {
        this.context = context;
    }

    /** A verdict for a CMS that has no signer to check (unreadable, or no SignerInfo). */
    static CmsVerification unreadable(SignatureOutcome outcome, String message, Instant ingestTime) {
        return new CmsVerification(
                outcome, message, null, List.of(), null, null, ingestTime, null, null, 0, Evidence.none());
    }

    CmsVerification check(SignerInformation signer) {
        Verdict v = new Verdict();
        v.signingTime = claimedSigningTime(signer);
        v.digest =
                MessageDigestUtils.getDigestName(signer.getDigestAlgorithmID().getAlgorithm());
        try {
            v.signatureAlgorithm = new DefaultCMSSignatureAlgorithmNameGenerator()
                    .getSignatureName(
                            signer.getDigestAlgorithmID(),
                            signer.toASN1Structure().getDigestEncryptionAlgorithm());
        } catch (RuntimeException unknownAlgorithm) {
            v.signatureAlgorithm = signer.getEncryptionAlgOID();
        }
        List<X509Certificate> candidates = candidates(signer.getSID());
        if (candidates.isEmpty()) {
            return v.result(
                    SignatureOutcome.UNTRUSTED,
                    "the signer's certificate (" + describe(signer.getSID())
                            + ") is neither in the signature, the package nor the trust store");
        }
        Optional<CmsVerification> notVerified = verifyValue(signer, candidates, v);
        if (notVerified.isPresent()) {
            return notVerified.get();
        }
        Optional<String> weak = context.policy()
                .digestWeakness(v.digest)
                .or(() -> context.policy().signatureAlgorithmWeakness(v.signatureAlgorithm))
                .or(() -> context.policy().keyWeakness(v.signer.getPublicKey()));
        if (weak.isPresent()) {
            return v.result(SignatureOutcome.WEAK_ALGORITHM, weak.get());
        }

        SignatureTimestamps.Result stamps = SignatureTimestamps.check(signer, new TimestampTokenCheck(context));
        v.notes.addAll(stamps.notes());
        String when = "the validation time " + context.ingestTime() + " (the time of ingest)";
        if (stamps.earliest().isPresent()) {
            SignatureTimestamps.Trusted t = stamps.earliest().get();
            v.timestampTime = t.time();
            v.validationTime = t.time();
            v.evidence = v.evidence.plus(new Evidence(t.tsaChain(), t.crls(), List.of(t.token())));
            when = "the validation time " + t.time() + " (proven by a timestamp)";
        }

        Optional<List<X509Certificate>> path =
                CertificatePaths.build(v.signer, context.trust(), context.pool(), v.validationTime);
        if (path.isEmpty()) {
            return v.result(
                    SignatureOutcome.UNTRUSTED,
                    "no certificate path leads from " + Certificates.describe(v.signer) + ", issued by '"
                            + SignerIdentity.dn(v.signer.getIssuerX500Principal()) + "', to any of the "
                            + context.trust().anchors().size() + " trust anchors");
        }
        v.setChain(path.get());
        Optional<String> chainWeak = context.policy().chainWeakness(v.chain);
        if (chainWeak.isPresent()) {
            return v.result(SignatureOutcome.WEAK_ALGORITHM, chainWeak.get());
        }
        Optional<String> expired = CertificatePaths.validityProblem(v.chain, v.validationTime);
        if (expired.isPresent()) {
            return v.result(SignatureOutcome.EXPIRED, expired.get());
        }
        boolean[] keyUsage = v.signer.getKeyUsage();
        if (keyUsage != null && !keyUsage[0] && !(keyUsage.length > 1 && keyUsage[1])) {
            return v.result(
                    SignatureOutcome.UNTRUSTED,
                    "the key usage of certificate " + Certificates.describe(v.signer)
                            + " allows neither digitalSignature nor nonRepudiation");
        }
        Optional<String> pkix = CertificatePaths.pkixProblem(v.chain, v.validationTime);
        if (pkix.isPresent()) {
            return v.result(SignatureOutcome.UNTRUSTED, pkix.get());
        }
        CrlRevocation.Decision revocation = CrlRevocation.check(v.chain, v.validationTime, context.crls());
        v.evidence = v.evidence.plus(new Evidence(List.of(), revocation.crlsUsed(), List.of()));
        v.notes.addAll(revocation.notes());
        if (revocation.outcome() != SignatureOutcome.VALID) {
            return v.result(revocation.outcome(), "at " + when + ", " + revocation.problem());
        }
        return v.result(
                SignatureOutcome.VALID,
                "the signature verifies, " + Certificates.pathText(v.chain)
                        + ", and every certificate was valid and not revoked at " + when);
    }

    /**
     * Verifies the signature value with each certificate the signer identifier matches (usually one) and keeps the
     * first that verifies as the signer; empty when one did, else the verdict ({@link SignatureOutcome#BROKEN}, or
     * {@link SignatureOutcome#MALFORMED} for an algorithm that cannot be checked) for the last tried.
     */
    private static Optional<CmsVerification> verifyValue(
            SignerInformation signer, List<X509Certificate> candidates, Verdict v) {
        SignatureOutcome outcome = null;
        String problem = null;
        for (X509Certificate candidate : candidates) {
            v.setSigner(candidate);
            try {
                if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(candidate.getPublicKey()))) {
                    return Optional.empty();
                }
                outcome = SignatureOutcome.BROKEN;
                problem = "the signature value does not verify with the key of certificate "
                        + Certificates.describe(candidate);
            } catch (CMSSignerDigestMismatchException e) {
                outcome = SignatureOutcome.BROKEN;
                problem = "the " + v.digest + " digest of the content differs from the message digest the signer"
                        + " signed: the content is not what was signed";
            } catch (CMSException e) {
                boolean unsupported = e.getCause() instanceof OperatorCreationException;
                outcome = unsupported ? SignatureOutcome.MALFORMED : SignatureOutcome.BROKEN;
                problem =
                        (unsupported ? "the signature algorithm is not supported: " : "the signature does not verify: ")
                                + e.getMessage();
            } catch (OperatorCreationException | RuntimeException e) {
                outcome = SignatureOutcome.MALFORMED;
                problem = "the signature cannot be checked with the key of certificate "
                        + Certificates.describe(candidate) + ": " + e.getMessage();
            }
        }
        return Optional.of(v.result(outcome, problem));
    }

    private static String describe(SignerId sid) {
        if (sid.getIssuer() != null && sid.getSerialNumber() != null) {
            return "issuer '" + sid.getIssuer() + "', serial " + SignerIdentity.serialHex(sid.getSerialNumber());
        }
        byte[] keyId = sid.getSubjectKeyIdentifier();
        return keyId == null
                ? "not identified"
                : "subject key identifier " + java.util.HexFormat.of().formatHex(keyId);
    }

    private List<X509Certificate> candidates(SignerId sid) {
        List<X509Certificate> found = new ArrayList<>();
        for (X509Certificate c : context.pool()) {
            try {
                if (sid.match(new JcaX509CertificateHolder(c))) {
                    found.add(c);
                }
            } catch (CertificateException e) {
                // not a certificate the signer could name
            }
        }
        return found;
    }

    private static Instant claimedSigningTime(SignerInformation signer) {
        AttributeTable signed = signer.getSignedAttributes();
        if (signed == null) {
            return null;
        }
        Attribute a = signed.get(CMSAttributes.signingTime);
        if (a == null || a.getAttrValues().size() != 1) {
            return null;
        }
        try {
            return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** What is known so far about one signer; {@link #result} turns it into the verdict. */
    private final class Verdict {
        private X509Certificate signer;
        private List<X509Certificate> chain = List.of();
        private Instant signingTime;
        private Instant timestampTime;
        private Instant validationTime = context.ingestTime();
        private String digest;
        private String signatureAlgorithm;
        private Evidence evidence = Evidence.none();
        private final List<String> notes = new ArrayList<>();

        void setSigner(X509Certificate certificate) {
            signer = certificate;
            chain = List.of(certificate);
        }

        void setChain(List<X509Certificate> path) {
            chain = path;
        }

        CmsVerification result(SignatureOutcome outcome, String reason) {
            StringBuilder message = new StringBuilder();
            if (signer != null) {
                message.append("signer ").append(Certificates.describe(signer)).append(": ");
            }
            message.append(reason);
            for (String note : notes) {
                if (!reason.contains(note)) {
                    message.append("; ").append(note);
                }
            }
            Evidence all = new Evidence(chain, List.of(), List.of()).plus(evidence);
            return new CmsVerification(
                    outcome,
                    message.toString(),
                    signer,
                    chain,
                    signingTime,
                    timestampTime,
                    validationTime,
                    digest,
                    signatureAlgorithm,
                    signer == null ? 0 : VerificationPolicy.keyBits(signer.getPublicKey()),
                    all);
        }
    }
}
