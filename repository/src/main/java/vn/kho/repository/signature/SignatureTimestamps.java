package vn.kho.repository.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Finds the earliest time an RFC 3161 signature timestamp (unsigned attribute id-aa-signatureTimeStampToken) proves
 * for a signer. A token counts only if its message imprint is the hash of this SignerInfo's signature value and it
 * passes every check of {@link TimestampTokenCheck} (its TSA trusted, for time stamping only, its chain valid and not
 * revoked at genTime, no weak algorithm, genTime not after the ingest time). Every token that does not count is named
 * in a note with the reason.
 */
final class SignatureTimestamps {
    private SignatureTimestamps() {}

    /** A token that counts: its time, its TSA's chain, the CRLs that cleared the chain, its DER bytes. */
    record Trusted(Instant time, List<X509Certificate> tsaChain, List<X509CRL> crls, byte[] token) {}

    /** The earliest token that counts, if any, and notes on all tokens. */
    record Result(Optional<Trusted> earliest, List<String> notes) {}

    static Result check(SignerInformation signer, TimestampTokenCheck tokens) {
        List<String> notes = new ArrayList<>();
        Trusted earliest = null;
        for (ASN1Encodable value : tokenValues(signer)) {
            Trusted t = checkOne(value, signer, tokens, notes);
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
            ASN1Encodable value, SignerInformation signer, TimestampTokenCheck tokens, List<String> notes) {
        TimestampTokenCheck.Token token;
        try {
            token = TimestampTokenCheck.read(value);
        } catch (CmsBytes.MalformedCmsException e) {
            notes.add("an unreadable timestamp token was ignored: " + e.getMessage());
            return null;
        }
        Instant genTime = token.genTime();
        String ignored = "the timestamp token of " + genTime + " was ignored: ";
        byte[] stampedDigest;
        try {
            DigestCalculator calculator = token.imprintCalculator();
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(signer.getSignature());
            }
            stampedDigest = calculator.getDigest();
        } catch (OperatorCreationException | IOException e) {
            notes.add(ignored + "its message imprint digest " + token.imprintDigest() + " is not supported");
            return null;
        }
        TimestampTokenCheck.Verdict verdict = tokens.check(token, stampedDigest, "this signature value");
        if (verdict.outcome() != SignatureOutcome.VALID) {
            notes.add(ignored + verdict.reason());
            return null;
        }
        return new Trusted(genTime, verdict.chain(), verdict.crlsUsed(), token.der());
    }
}
