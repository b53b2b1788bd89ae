package vn.kho.repository.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
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
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jcajce.util.MessageDigestUtils;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Finds the earliest time an RFC 3161 signature timestamp (unsigned attribute id-aa-signatureTimeStampToken) proves
 * for a signer. A token counts only if its message imprint is the hash of this SignerInfo's signature value, it
 * verifies with its TSA's certificate (which must be for time stamping only, critical, and valid at genTime), the
 * TSA's chain reaches a trust anchor and every certificate of it was valid and not revoked at genTime (known from a
 * CRL), no algorithm is weak, and genTime is not after the ingest time. Every token that does not count is named in
 * a note with the reason.
 */
final class SignatureTimestamps {
    private SignatureTimestamps() {}

    /** A token that counts: its time, its TSA's chain, the CRLs that cleared the chain, its DER bytes. */
    record Trusted(Instant time, List<X509Certificate> tsaChain, List<X509CRL> crls, byte[] token) {}

    /** The earliest token that counts, if any, and notes on all tokens. */
    record Result(Optional<Trusted> earliest, List<String> notes) {}

    static Result check(
            SignerInformation signer,
            Instant ingestTime,
            TrustStore trust,
            VerificationPolicy policy,
            Collection<X509Certificate> pool,
            Collection<X509CRL> crls) {
        List<String> notes = new ArrayList<>();
        Trusted earliest = null;
        for (ASN1Encodable value : tokenValues(signer)) {
            Trusted t = checkOne(value, signer, ingestTime, trust, policy, pool, crls, notes);
            if (t != null && (earliest == null || t.time().isBefore(earliest.time()))) {
                earliest = t;
            }
        }
        if (earliest != null) {
            notes.add(
                    0,
                    "a timestamp from "
                            + Certificates.describe(earliest.tsaChain().get(0)) + " proves the signature existed at "
                            + earliest.time());
        }
        return new Result(Optional.ofNullable(earliest), notes);
    }

    private static List<ASN1Encodable> tokenValues(SignerInformation signer) {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        List<ASN1Encodable> values = new ArrayList<>();
        if (unsigned == null) {
            return values;
        }
        ASN1EncodableVector attributes = unsigned.getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        for (int i = 0; i < attributes.size(); i++) {
            ASN1Encodable a = attributes.get(i);
            for (ASN1Encodable v : Attribute.getInstance(a).getAttrValues().toArray()) {
                values.add(v);
            }
        }
        return values;
    }

    private static Trusted checkOne(
            ASN1Encodable value,
            SignerInformation signer,
            Instant ingestTime,
            TrustStore trust,
            VerificationPolicy policy,
            Collection<X509Certificate> pool,
            Collection<X509CRL> crls,
            List<String> notes) {
        TimeStampToken token;
        byte[] der;
        try {
            ContentInfo info = ContentInfo.getInstance(value);
            der = info.getEncoded(ASN1Encoding.DER);
            token = new TimeStampToken(info);
        } catch (Exception e) {
            notes.add("an unreadable timestamp token was ignored: " + e.getMessage());
            return null;
        }
        TimeStampTokenInfo info = token.getTimeStampInfo();
        Instant genTime = info.getGenTime().toInstant();
        String ignored = "the timestamp token of " + genTime + " was ignored: ";

        String imprintDigest = MessageDigestUtils.getDigestName(info.getMessageImprintAlgOID());
        Optional<String> weak = policy.digestWeakness(imprintDigest);
        if (weak.isPresent()) {
            notes.add(ignored + "its message imprint uses a weak digest (" + weak.get() + ")");
            return null;
        }
        try {
            byte[] expected = MessageDigest.getInstance(imprintDigest).digest(signer.getSignature());
            if (!MessageDigest.isEqual(expected, info.getMessageImprintDigest())) {
                notes.add(ignored + "it stamps other data than this signature value");
                return null;
            }
        } catch (NoSuchAlgorithmException e) {
            notes.add(ignored + "its message imprint digest " + imprintDigest + " is not supported");
            return null;
        }

        Set<X509Certificate> tsaPool = new LinkedHashSet<>(pool);
        List<X509CRL> tsaCrls = new ArrayList<>(crls);
        try {
            JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
            for (X509CertificateHolder h : token.getCertificates().getMatches(null)) {
                tsaPool.add(certs.getCertificate(h));
            }
            JcaX509CRLConverter crlConverter = new JcaX509CRLConverter();
            for (X509CRLHolder h : token.getCRLs().getMatches(null)) {
                tsaCrls.add(crlConverter.getCRL(h));
            }
        } catch (CertificateException | CRLException e) {
            notes.add(ignored + "it carries an unreadable certificate or CRL");
            return null;
        }
        X509Certificate tsa = null;
        for (X509Certificate c : tsaPool) {
            try {
                if (token.getSID().match(new JcaX509CertificateHolder(c))) {
                    tsa = c;
                    break;
                }
            } catch (CertificateException e) {
                // a certificate the holder cannot take cannot be the TSA's either
            }
        }
        if (tsa == null) {
            notes.add(ignored + "the TSA's certificate is neither in the token, the package nor the trust store");
            return null;
        }
        String tsaName = Certificates.describe(tsa);
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        } catch (Exception e) {
            notes.add(ignored + "it does not verify with " + tsaName + ": " + e.getMessage());
            return null;
        }
        if (genTime.isAfter(ingestTime)) {
            notes.add(ignored + "its time is after the ingest time " + ingestTime);
            return null;
        }
        Optional<List<X509Certificate>> path = CertificatePaths.build(tsa, trust, tsaPool, genTime);
        if (path.isEmpty()) {
            notes.add(ignored + "the TSA certificate " + tsaName + " has no path to a trust anchor");
            return null;
        }
        List<X509Certificate> chain = path.get();
        Optional<String> problem = policy.chainWeakness(chain)
                .or(() -> CertificatePaths.validityProblem(chain, genTime))
                .or(() -> CertificatePaths.pkixProblem(chain, genTime));
        if (problem.isPresent()) {
            notes.add(ignored + problem.get());
            return null;
        }
        CrlRevocation.Decision revocation = CrlRevocation.check(chain, genTime, tsaCrls);
        if (revocation.outcome() != SignatureOutcome.VALID) {
            notes.add(ignored + String.join("; ", revocation.notes()));
            return null;
        }
        return new Trusted(genTime, chain, revocation.crlsUsed(), der);
    }
}
