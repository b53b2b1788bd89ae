package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmsVerifierTest {
    private static final byte[] METS = "<mets:mets OBJID=\"urn:kho:test\"/>".getBytes(StandardCharsets.UTF_8);

    private final TestPki pki = TestPki.shared();
    private final CmsVerifier verifier = pki.verifier();

    private CmsVerification verify(byte[] cms, byte[] content) {
        List<CmsVerification> result = verifier.verifyDetached(cms, ContentSource.of(content), pki.now());
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    @Test
    void acceptsAnAgencySignatureWhosePathRunsThroughTheIntermediateWithCurrentCrls() {
        CmsVerification v = verify(pki.signDetached(pki.agency(), METS), METS);

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.isValid()).isTrue();
        assertThat(v.signerCertificate()).isEqualTo(pki.agency().certificate());
        assertThat(v.chain())
                .containsExactly(
                        pki.agency().certificate(),
                        pki.intermediate().certificate(),
                        pki.root().certificate());
        assertThat(v.validationTime()).isEqualTo(pki.now());
        assertThat(v.timestampTime()).isNull();
        assertThat(v.signingTime()).isEqualTo(pki.now());
        assertThat(v.digestAlgorithm()).isEqualTo("SHA-256");
        assertThat(v.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(v.keyBits()).isEqualTo(2048);
        assertThat(v.signer().orElseThrow().organisationCode()).isEqualTo("000.00.01.H26");
        assertThat(v.message()).contains("Kho Test Root CA").contains("time of ingest");
    }

    @Test
    void keepsAsEvidenceTheChainAndTheCrlsThatDecided() {
        CmsVerification v = verify(pki.signDetached(pki.agency(), METS), METS);

        assertThat(v.evidence().certificates())
                .containsExactly(
                        pki.agency().certificate(),
                        pki.intermediate().certificate(),
                        pki.root().certificate());
        assertThat(v.evidence().crls()).containsExactlyInAnyOrder(pki.intermediateCrl(), pki.rootCrl());
        assertThat(v.evidence().timestampTokens()).isEmpty();
    }

    @Test
    void acceptsASignatureThatClaimsNoSigningTime() {
        CmsVerification v =
                verify(pki.signing(pki.agency()).withoutSigningTime().der(METS), METS);

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.signingTime()).isNull();
    }

    @Test
    void readsPemSignatures() {
        CmsVerification v = verify(pki.signing(pki.agency()).pem(METS), METS);

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void readsSignaturesLabelledCmsAndFollowedByZeroPadding() {
        byte[] der = pki.signDetached(pki.agency(), METS);
        byte[] cmsPem = TestPki.pem("CMS", der).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = Arrays.copyOf(der, der.length + 512);

        assertThat(verify(cmsPem, METS).outcome()).isEqualTo(SignatureOutcome.VALID);
        assertThat(verify(padded, METS).outcome()).isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void streamsContentFromAFile(@TempDir Path dir) throws IOException {
        Path mets = Files.write(dir.resolve("METS.xml"), METS);

        List<CmsVerification> result =
                verifier.verifyDetached(pki.signDetached(pki.agency(), METS), ContentSource.of(mets), pki.now());

        assertThat(result.get(0).outcome()).isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void reportsBrokenWhenTheContentIsNotWhatWasSigned() {
        byte[] other = "<mets:mets OBJID=\"urn:kho:other\"/>".getBytes(StandardCharsets.UTF_8);

        CmsVerification v = verify(pki.signDetached(pki.agency(), METS), other);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.BROKEN);
        assertThat(v.message()).contains("SHA-256 digest of the content differs");
        assertThat(v.signerCertificate()).isEqualTo(pki.agency().certificate());
    }

    @Test
    void reportsBrokenWhenTheSignatureValueWasChanged() {
        byte[] cms = pki.signDetached(pki.agency(), METS);
        cms[cms.length - 1] ^= 0x01; // without unsigned attributes, the signature value ends the DER

        CmsVerification v = verify(cms, METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.BROKEN);
        assertThat(v.message()).contains("does not verify");
    }

    @Test
    void reportsUntrustedWhenTheSignerChainsToAnUnknownRoot() {
        CmsVerification v = verify(pki.signDetached(pki.untrustedSigner(), METS), METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.UNTRUSTED);
        assertThat(v.message()).contains("Untrusted Signer").contains("Untrusted Root CA");
        assertThat(v.chain()).containsExactly(pki.untrustedSigner().certificate());
    }

    @Test
    void reportsUntrustedWhenTheIntermediateIsMissingEverywhere() {
        CmsVerification v = verify(pki.signing(pki.agency()).withoutChain().der(METS), METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.UNTRUSTED);
    }

    @Test
    void buildsThePathWithAnIntermediateFromThePackage() {
        List<CmsVerification> result = verifier.verifyDetached(
                pki.signing(pki.agency()).withoutChain().der(METS),
                ContentSource.of(METS),
                pki.now(),
                List.of(),
                List.of(pki.intermediate().certificate()));

        assertThat(result.get(0).outcome()).isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void reportsUntrustedWhenNoCertificateOfTheSignerIsAnywhere() {
        CmsVerification v =
                verify(pki.signing(pki.agency()).withoutCertificates().der(METS), METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.UNTRUSTED);
        assertThat(v.signerCertificate()).isNull();
        assertThat(v.message()).contains("Kho Test Agency CA").contains("neither in the signature");
    }

    @Test
    void treatsEverySignatureAsUntrustedWithAnEmptyTrustStore() {
        CmsVerifier none = new CmsVerifier(TrustStore.empty(), VerificationPolicy.defaults());

        CmsVerification v = none.verifyDetached(pki.signDetached(pki.agency(), METS), ContentSource.of(METS), pki.now())
                .get(0);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.UNTRUSTED);
        assertThat(v.message()).contains("any of the 0 trust anchors");
    }

    @Test
    void reportsExpiredForACertificateThatExpiredBeforeIngest() {
        CmsVerification v = verify(pki.signDetached(pki.expired(), METS), METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.EXPIRED);
        assertThat(v.message())
                .contains("Expired Signer")
                .contains("expired on "
                        + pki.expired().certificate().getNotAfter().toInstant());
    }

    @Test
    void reportsExpiredForACertificateNotYetValidAtIngest() {
        CmsVerification v = verify(pki.signDetached(pki.notYetValid(), METS), METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.EXPIRED);
        assertThat(v.message())
                .contains("Future Signer")
                .contains("not valid before "
                        + pki.notYetValid().certificate().getNotBefore().toInstant());
    }

    @Test
    void reportsMalformedForBytesThatAreNoCms() {
        byte[] garbage = "this is not a signature at all".getBytes(StandardCharsets.US_ASCII);

        CmsVerification v = verify(garbage, METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.MALFORMED);
        assertThat(v.signerCertificate()).isNull();
        assertThat(v.chain()).isEmpty();
        assertThat(v.evidence()).isEqualTo(Evidence.none());
        assertThat(v.validationTime()).isEqualTo(pki.now());
    }

    @Test
    void reportsMalformedForATruncatedSignature() {
        byte[] cms = pki.signDetached(pki.agency(), METS);

        assertThat(verify(Arrays.copyOf(cms, cms.length / 2), METS).outcome()).isEqualTo(SignatureOutcome.MALFORMED);
        assertThat(verify(Arrays.copyOf(cms, cms.length - 1), METS).outcome()).isEqualTo(SignatureOutcome.MALFORMED);
        assertThat(verify(new byte[0], METS).outcome()).isEqualTo(SignatureOutcome.MALFORMED);
    }

    @Test
    void reportsMalformedForAPemBlockOfAnotherKind() {
        byte[] certificate = pki.agency().certificatePem().getBytes(StandardCharsets.US_ASCII);

        CmsVerification v = verify(certificate, METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.MALFORMED);
        assertThat(v.message()).contains("CERTIFICATE");
    }

    @Test
    void reportsNoSignerForACertificatesOnlyCms() {
        CmsVerification v = verify(pki.certificatesOnlyCms(), METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.NO_SIGNER);
        assertThat(v.outcome().findingCode()).isEqualTo("SIGNATURE_NO_SIGNER");
    }

    @Test
    void reportsWeakAlgorithmForMd5AndSha1Digests() {
        CmsVerification md5 = verify(pki.signing(pki.agency()).digest("MD5").der(METS), METS);
        CmsVerification sha1 = verify(pki.signing(pki.agency()).digest("SHA-1").der(METS), METS);

        assertThat(md5.outcome()).isEqualTo(SignatureOutcome.WEAK_ALGORITHM);
        assertThat(md5.digestAlgorithm()).isEqualTo("MD5");
        assertThat(md5.message()).contains("MD5");
        assertThat(sha1.outcome()).isEqualTo(SignatureOutcome.WEAK_ALGORITHM);
        assertThat(sha1.digestAlgorithm()).isEqualTo("SHA-1");
    }

    @Test
    void reportsWeakAlgorithmForAnRsaKeyOf1024Bits() {
        CmsVerification v = verify(pki.signDetached(pki.weakRsa1024(), METS), METS);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.WEAK_ALGORITHM);
        assertThat(v.keyBits()).isEqualTo(1024);
        assertThat(v.message()).contains("1024 bits");
    }

    @Test
    void acceptsWhatAConfiguredPolicyNoLongerCallsWeak() {
        VerificationPolicy lenient = new VerificationPolicy(Set.of("MD5"), 1024, 224);
        CmsVerifier v = new CmsVerifier(pki.trustStore(), lenient);

        assertThat(v.verifyDetached(pki.signDetached(pki.weakRsa1024(), METS), ContentSource.of(METS), pki.now())
                        .get(0)
                        .outcome())
                .isEqualTo(SignatureOutcome.VALID);
        assertThat(v.verifyDetached(
                                pki.signing(pki.agency()).digest("SHA1").der(METS), ContentSource.of(METS), pki.now())
                        .get(0)
                        .outcome())
                .isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void checksEverySignerOfACmsWithSeveral() throws Exception {
        var first = pki.signing(pki.agency()).cms(METS);
        var second = pki.signing(pki.expired()).cms(METS);
        var both = org.bouncycastle.cms.CMSSignedData.replaceSigners(
                first,
                new org.bouncycastle.cms.SignerInformationStore(List.of(
                        first.getSignerInfos().getSigners().iterator().next(),
                        second.getSignerInfos().getSigners().iterator().next())));
        both = org.bouncycastle.cms.CMSSignedData.replaceCertificatesAndCRLs(
                both,
                new org.bouncycastle.cert.jcajce.JcaCertStore(List.of(
                        pki.agency().certificate(),
                        pki.intermediate().certificate(),
                        pki.expired().certificate())),
                null,
                null);

        List<CmsVerification> result = verifier.verifyDetached(both.getEncoded(), ContentSource.of(METS), pki.now());

        assertThat(result)
                .extracting(CmsVerification::outcome)
                .containsExactly(SignatureOutcome.VALID, SignatureOutcome.EXPIRED);
        assertThat(CmsVerification.worst(result).outcome()).isEqualTo(SignatureOutcome.EXPIRED);
    }

    @Test
    void failsWithAnIoErrorWhenTheContentCannotBeRead() {
        ContentSource unreadable = () -> {
            throw new IOException("disk gone");
        };

        assertThatThrownBy(() -> verifier.verifyDetached(pki.signDetached(pki.agency(), METS), unreadable, pki.now()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("signed content");
    }
}
