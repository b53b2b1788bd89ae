package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link CmsVerifier#verifyDocumentTimestamp}: RFC 3161 tokens that stamp a document's signed bytes by themselves. */
class DocumentTimestampTest {
    private static final byte[] SIGNED_BYTES =
            "%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n<</ByteRange [0 41 16425 900]>>"
                    .getBytes(StandardCharsets.US_ASCII);

    private final TestPki pki = TestPki.shared();
    private final Instant stamped = pki.days(-10);

    private CmsVerification verify(byte[] token, byte[] content) {
        return pki.verifier().verifyDocumentTimestamp(token, ContentSource.of(content), pki.now(), List.of());
    }

    private byte[] token(TestPki.Party tsa, Instant genTime) {
        return pki.timestampToken(tsa, SIGNED_BYTES, genTime, "SHA-256");
    }

    @Test
    void acceptsATimestampOfTheContentFromATrustedTsaAndJudgesItAtItsTime() {
        byte[] token = token(pki.tsa(), stamped);

        CmsVerification v = verify(token, SIGNED_BYTES);

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.signerCertificate()).isEqualTo(pki.tsa().certificate());
        assertThat(v.chain())
                .containsExactly(pki.tsa().certificate(), pki.root().certificate());
        assertThat(v.signingTime()).isEqualTo(stamped);
        assertThat(v.timestampTime()).isEqualTo(stamped);
        assertThat(v.validationTime()).isEqualTo(stamped);
        assertThat(v.digestAlgorithm()).isEqualTo("SHA-256");
        assertThat(v.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(v.keyBits()).isEqualTo(2048);
        assertThat(v.message()).contains("document timestamp of " + stamped).contains("Kho Test TSA");
        assertThat(v.evidence().certificates())
                .containsExactly(pki.tsa().certificate(), pki.root().certificate());
        assertThat(v.evidence().crls()).containsExactly(pki.rootCrl());
        assertThat(v.evidence().timestampTokens()).singleElement().isEqualTo(token);
    }

    @Test
    void readsTheTokenOnceFromAPlaceholderPaddedWithZeros() {
        byte[] padded = Arrays.copyOf(token(pki.tsa(), stamped), 8192);
        AtomicInteger opened = new AtomicInteger();
        ContentSource content = () -> {
            opened.incrementAndGet();
            return ContentSource.of(SIGNED_BYTES).open();
        };

        CmsVerification v = pki.verifier().verifyDocumentTimestamp(padded, content, pki.now(), List.of());

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(opened).hasValue(1);
    }

    @Test
    void reportsBrokenWhenTheContentChangedAfterTheTimestamp() {
        byte[] changed = SIGNED_BYTES.clone();
        changed[3] = 'X';

        CmsVerification v = verify(token(pki.tsa(), stamped), changed);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.BROKEN);
        assertThat(v.message()).contains("stamps other data than the signed content");
        assertThat(v.timestampTime()).isNull();
    }

    @Test
    void reportsUntrustedForATsaWhoseRootTheArchiveDoesNotTrust() {
        TestPki.Party rogue =
                pki.issueTimestampAuthority("rogue-tsa", "CN=Rogue TSA,O=Elsewhere,C=VN", pki.untrustedRoot());

        CmsVerification v = verify(token(rogue, stamped), SIGNED_BYTES);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.UNTRUSTED);
        assertThat(v.message()).contains("Rogue TSA").contains("no path to a trust anchor");
        assertThat(v.signerCertificate()).isEqualTo(rogue.certificate());
        assertThat(v.timestampTime()).isNull();
    }

    @Test
    void reportsMalformedForGarbageAndForASignatureThatIsNoTimestampToken() {
        CmsVerification garbage = verify("not a token".getBytes(StandardCharsets.US_ASCII), SIGNED_BYTES);
        CmsVerification signature = verify(pki.signDetached(pki.agency(), SIGNED_BYTES), SIGNED_BYTES);

        assertThat(garbage.outcome()).isEqualTo(SignatureOutcome.MALFORMED);
        assertThat(garbage.signerCertificate()).isNull();
        assertThat(garbage.validationTime()).isEqualTo(pki.now());
        assertThat(signature.outcome()).isEqualTo(SignatureOutcome.MALFORMED);
        assertThat(signature.message()).contains("not a readable RFC 3161 timestamp token");
    }

    @Test
    void reportsAWeakAlgorithmForASha1Imprint() {
        byte[] token = pki.timestampToken(pki.tsa(), SIGNED_BYTES, stamped, "SHA-1");

        CmsVerification v = verify(token, SIGNED_BYTES);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.WEAK_ALGORITHM);
        assertThat(v.digestAlgorithm()).isEqualTo("SHA-1");
        assertThat(v.message()).contains("message imprint uses a weak digest");
    }

    @Test
    void reportsExpiredWhenTheTsaCertificateWasNotValidAtTheStatedTime() {
        Instant beforeTheTsa =
                pki.tsa().certificate().getNotBefore().toInstant().minusSeconds(86_400);

        CmsVerification v = verify(token(pki.tsa(), beforeTheTsa), SIGNED_BYTES);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.EXPIRED);
        assertThat(v.validationTime()).isEqualTo(beforeTheTsa);
    }

    @Test
    void reportsUntrustedForATimeAfterTheIngestAndJudgesAtTheIngest() {
        CmsVerification v = verify(token(pki.tsa(), pki.days(1)), SIGNED_BYTES);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.UNTRUSTED);
        assertThat(v.message()).contains("after the ingest time");
        assertThat(v.validationTime()).isEqualTo(pki.now());
    }

    @Test
    void decidesRevocationFromTheCrlsOfThePackageWhenTheTrustStoreHasNone() {
        CmsVerifier noCrls = new CmsVerifier(pki.trustStoreWithoutCrls(), VerificationPolicy.defaults());
        byte[] token = token(pki.tsa(), stamped);

        CmsVerification unknown =
                noCrls.verifyDocumentTimestamp(token, ContentSource.of(SIGNED_BYTES), pki.now(), List.of());
        CmsVerification cleared = noCrls.verifyDocumentTimestamp(
                token, ContentSource.of(SIGNED_BYTES), pki.now(), List.of(pki.rootCrl()));

        assertThat(unknown.outcome()).isEqualTo(SignatureOutcome.REVOCATION_UNKNOWN);
        assertThat(unknown.message()).contains("cannot be decided");
        assertThat(cleared.outcome()).as(cleared.message()).isEqualTo(SignatureOutcome.VALID);
    }
}
