package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Revocation and the validation time: CRLs from the trust store and the package, and RFC 3161 timestamps. */
class CmsRevocationTest {
    private static final byte[] TAGMANIFEST =
            "0123abcd  bag-info.txt\n4567ef01  manifest-sha256.txt\n".getBytes(StandardCharsets.US_ASCII);

    /** A second PKI with the same names and other keys: its TSA and CRLs only pretend to be ours. */
    private static final TestPki OTHER = TestPki.create(TestPki.shared().now());

    private final TestPki pki = TestPki.shared();

    private CmsVerification verify(CmsVerifier verifier, byte[] cms, List<X509CRL> extraCrls) {
        List<CmsVerification> result =
                verifier.verifyDetached(cms, ContentSource.of(TAGMANIFEST), pki.now(), extraCrls, List.of());
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    private CmsVerification verify(byte[] cms) {
        return verify(pki.verifier(), cms, List.of());
    }

    @Test
    void reportsRevokedWhenTheIntermediatesCrlListsTheSignerBeforeIngest() {
        CmsVerification v = verify(pki.signDetached(pki.revoked(), TAGMANIFEST));

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOKED);
        assertThat(v.message())
                .contains("Revoked Signer")
                .contains("was revoked on " + pki.revocationTime())
                .contains("KEY_COMPROMISE")
                .contains("the CRL of 'CN=Kho Test Agency CA");
        assertThat(v.evidence().crls()).contains(pki.intermediateCrl());
    }

    @Test
    void acceptsARevokedSignerWhenATrustedTimestampProvesSigningBeforeTheRevocation() {
        Instant stamped = pki.revocationTime().minusSeconds(86_400 * 30);

        CmsVerification v =
                verify(pki.signing(pki.revoked()).timestampedAt(stamped).der(TAGMANIFEST));

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.timestampTime()).isEqualTo(stamped);
        assertThat(v.validationTime()).isEqualTo(stamped);
        assertThat(v.message()).contains("proven by a timestamp").contains("revoked only after the validation time");
        assertThat(v.evidence().timestampTokens()).hasSize(1);
        assertThat(v.evidence().certificates())
                .contains(pki.tsa().certificate(), pki.root().certificate());
        assertThat(v.evidence().crls()).contains(pki.intermediateCrl(), pki.rootCrl());
    }

    @Test
    void reportsRevokedWhenOnlyTheClaimedSigningTimeIsBeforeTheRevocation() {
        Instant backdated = pki.revocationTime().minusSeconds(86_400 * 30);

        CmsVerification v =
                verify(pki.signing(pki.revoked()).claimedSigningTime(backdated).der(TAGMANIFEST));

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOKED);
        assertThat(v.signingTime()).isEqualTo(backdated);
        assertThat(v.validationTime()).isEqualTo(pki.now());
    }

    @Test
    void ignoresATimestampFromAnUntrustedAuthority() {
        Instant stamped = pki.revocationTime().minusSeconds(86_400);
        TestPki.Party rogueTsa = rogueTsa();

        CmsVerification v = verify(
                pki.signing(pki.revoked()).timestampedBy(rogueTsa, stamped).der(TAGMANIFEST));

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOKED);
        assertThat(v.timestampTime()).isNull();
        assertThat(v.validationTime()).isEqualTo(pki.now());
        assertThat(v.message()).contains("was ignored").contains("no path to a trust anchor");
        assertThat(v.evidence().timestampTokens()).isEmpty();
    }

    @Test
    void ignoresATimestampWhenNoCrlSaysWhetherTheTsaWasRevoked() {
        Instant stamped = pki.revocationTime().minusSeconds(86_400);
        CmsVerifier withoutRootCrl = new CmsVerifier(
                TrustStore.of(List.of(pki.root().certificate()), List.of(), List.of(pki.intermediateCrl())),
                VerificationPolicy.defaults());

        CmsVerification v = verify(
                withoutRootCrl,
                pki.signing(pki.revoked()).timestampedAt(stamped).der(TAGMANIFEST),
                List.of());

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOKED);
        assertThat(v.message()).contains("was ignored").contains("Kho Test TSA").contains("cannot be decided");
    }

    @Test
    void ignoresATimestampThatStampsAnotherSignature() throws Exception {
        Instant stamped = pki.revocationTime().minusSeconds(86_400);
        var data = pki.signing(pki.revoked()).cms(TAGMANIFEST);
        var info = data.getSignerInfos().getSigners().iterator().next();
        byte[] otherToken =
                pki.timestampToken(pki.tsa(), "another signature".getBytes(StandardCharsets.US_ASCII), stamped);
        var unsigned = new org.bouncycastle.asn1.cms.AttributeTable(new org.bouncycastle.asn1.cms.Attribute(
                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new org.bouncycastle.asn1.DERSet(org.bouncycastle.asn1.cms.ContentInfo.getInstance(otherToken))));
        var replaced = org.bouncycastle.cms.CMSSignedData.replaceSigners(
                data,
                new org.bouncycastle.cms.SignerInformationStore(
                        org.bouncycastle.cms.SignerInformation.replaceUnsignedAttributes(info, unsigned)));

        CmsVerification v = verify(replaced.getEncoded());

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOKED);
        assertThat(v.message()).contains("stamps other data than this signature value");
    }

    @Test
    void keepsTheIngestTimeWhenTheTimestampIsLater() {
        CmsVerification v =
                verify(pki.signing(pki.agency()).timestampedAt(pki.days(1)).der(TAGMANIFEST));

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.validationTime()).isEqualTo(pki.now());
        assertThat(v.message()).contains("after the ingest time");
    }

    @Test
    void acceptsAnExpiredSignerWhenATrustedTimestampFallsInsideItsValidity() {
        Instant stamped = pki.expired().certificate().getNotAfter().toInstant().minusSeconds(86_400);

        CmsVerification v =
                verify(pki.signing(pki.expired()).timestampedAt(stamped).der(TAGMANIFEST));

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.validationTime()).isEqualTo(stamped);
    }

    @Test
    void reportsRevocationUnknownWithoutAnyCrl() {
        CmsVerifier noCrls = new CmsVerifier(pki.trustStoreWithoutCrls(), VerificationPolicy.defaults());

        CmsVerification v = verify(noCrls, pki.signDetached(pki.agency(), TAGMANIFEST), List.of());

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOCATION_UNKNOWN);
        assertThat(v.message()).contains("no CRL signed by 'CN=Kho Test Agency CA");
        assertThat(v.evidence().crls()).isEmpty();
    }

    @Test
    void takesCrlsThatCameWithThePackage() {
        CmsVerifier noCrls = new CmsVerifier(pki.trustStoreWithoutCrls(), VerificationPolicy.defaults());

        CmsVerification valid = verify(
                noCrls, pki.signDetached(pki.agency(), TAGMANIFEST), List.of(pki.intermediateCrl(), pki.rootCrl()));
        CmsVerification revoked = verify(
                noCrls, pki.signDetached(pki.revoked(), TAGMANIFEST), List.of(pki.intermediateCrl(), pki.rootCrl()));

        assertThat(valid.outcome()).isEqualTo(SignatureOutcome.VALID);
        assertThat(revoked.outcome()).isEqualTo(SignatureOutcome.REVOKED);
    }

    @Test
    void reportsRevocationUnknownWhenTheOnlyCrlIsStale() {
        X509CRL stale = pki.crl(pki.intermediate(), pki.days(-60), pki.days(-30), Map.of());
        CmsVerifier verifier = new CmsVerifier(
                TrustStore.of(List.of(pki.root().certificate()), List.of(), List.of(stale, pki.rootCrl())),
                VerificationPolicy.defaults());

        CmsVerification v = verify(verifier, pki.signDetached(pki.agency(), TAGMANIFEST), List.of());

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOCATION_UNKNOWN);
        assertThat(v.message())
                .contains("covers the validation time")
                .contains(pki.days(-60).toString());
    }

    @Test
    void ignoresACrlThatTheIssuerDidNotSign() {
        // a CRL in the intermediate's name, signed by another key, listing nobody
        X509CRL forged = OTHER.crl(OTHER.intermediate(), pki.days(-1), pki.days(30), Map.of());
        CmsVerifier verifier = new CmsVerifier(pki.trustStoreWithoutCrls(), VerificationPolicy.defaults());

        CmsVerification v =
                verify(verifier, pki.signDetached(pki.revoked(), TAGMANIFEST), List.of(forged, pki.rootCrl()));

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.REVOCATION_UNKNOWN);
    }

    @Test
    void acceptsACrlWithoutNextUpdateAndOneIssuedAfterTheValidationTime() {
        X509CRL openEnded = pki.crl(pki.intermediate(), pki.days(-400), null, Map.of());
        X509CRL later = pki.crl(pki.root(), pki.days(10), pki.days(40), Map.of());
        CmsVerifier verifier = new CmsVerifier(pki.trustStoreWithoutCrls(), VerificationPolicy.defaults());

        CmsVerification v = verify(verifier, pki.signDetached(pki.agency(), TAGMANIFEST), List.of(openEnded, later));

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.evidence().crls()).containsExactly(openEnded, later);
    }

    private TestPki.Party rogueTsa() {
        return OTHER.tsa();
    }
}
