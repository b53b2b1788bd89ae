package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSignerTest {
    private static final char[] PASSWORD = "archive-secret".toCharArray();
    private static final byte[] RECEIPT =
            "{\"package\":\"urn:kho:test\",\"state\":\"STORED\"}\n".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @TempDir
    static Path keys;

    private static Path p12;
    private static ArchiveSigner signer;

    @BeforeAll
    static void createTheKeyOnce() {
        p12 = keys.resolve("keys").resolve("archive.p12");
        signer = ArchiveSigner.openOrCreate(
                p12, PASSWORD, "CN=Kho Test Archive,O=Kho,C=VN", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void createsAKeyFileReadableByItsOwnerOnly() throws IOException {
        assertThat(p12).isRegularFile();
        if (Files.getFileStore(p12).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(p12))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        try (var left = Files.list(p12.getParent())) {
            assertThat(left).containsExactly(p12);
        }
    }

    @Test
    void createsASelfSignedCaCertificateForTwentyYears() throws Exception {
        X509Certificate cert = signer.certificate();

        assertThat(SignerIdentity.dn(cert.getSubjectX500Principal())).isEqualTo("CN=Kho Test Archive,O=Kho,C=VN");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        cert.verify(cert.getPublicKey());
        assertThat(VerificationPolicy.keyBits(cert.getPublicKey())).isEqualTo(3072);
        assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        boolean[] usage = cert.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[1]).as("nonRepudiation").isTrue();
        assertThat(usage[5]).as("keyCertSign").isTrue();
        assertThat(cert.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(Duration.between(NOW, cert.getNotAfter().toInstant())).isGreaterThan(Duration.ofDays(20 * 365));
        assertThat(signer.chain()).containsExactly(cert);
        assertThat(signer.certificatePem())
                .startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void opensTheSameKeyOnTheNextStart() {
        ArchiveSigner again = ArchiveSigner.openOrCreate(p12, PASSWORD, "CN=Ignored", Clock.systemUTC());
        ArchiveSigner configured = ArchiveSigner.open(p12, PASSWORD);

        assertThat(again.certificate()).isEqualTo(signer.certificate());
        assertThat(configured.certificate()).isEqualTo(signer.certificate());
    }

    @Test
    void refusesAWrongPasswordClearly() {
        assertThatThrownBy(() -> ArchiveSigner.open(p12, "wrong".toCharArray()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("password")
                .hasMessageContaining(p12.toString())
                .extracting(e -> ((SigningKeyException) e).code())
                .isEqualTo("SIGNING_KEY_WRONG_PASSWORD");
    }

    @Test
    void refusesAMissingOrDamagedFile(@TempDir Path dir) throws IOException {
        Path damaged = Files.writeString(dir.resolve("damaged.p12"), "not pkcs12");

        assertThatThrownBy(() -> ArchiveSigner.open(dir.resolve("none.p12"), PASSWORD))
                .extracting(e -> ((SigningKeyException) e).code())
                .isEqualTo("SIGNING_KEY_MISSING");
        assertThatThrownBy(() -> ArchiveSigner.open(damaged, PASSWORD))
                .extracting(e -> ((SigningKeyException) e).code())
                .isEqualTo("SIGNING_KEY_UNREADABLE");
    }

    @Test
    void refusesASubjectThatIsNoName(@TempDir Path dir) {
        assertThatThrownBy(
                        () -> ArchiveSigner.openOrCreate(dir.resolve("a.p12"), PASSWORD, "no name", Clock.systemUTC()))
                .extracting(e -> ((SigningKeyException) e).code())
                .isEqualTo("SIGNING_KEY_SUBJECT_INVALID");
        assertThat(dir.resolve("a.p12")).doesNotExist();
    }

    @Test
    void opensAConfiguredKeyWithItsCaChainByAlias(@TempDir Path dir) {
        TestPki pki = TestPki.shared();
        Path file = pki.writePkcs12(pki.agency(), dir.resolve("agency.p12"), TestPki.PASSWORD);

        ArchiveSigner agency = ArchiveSigner.open(file, TestPki.PASSWORD, "agency", Clock.systemUTC());
        byte[] cms = agency.signDetached(new ByteArrayInputStream(RECEIPT));

        assertThat(agency.chain()).containsExactlyElementsOf(pki.agency().chain());
        CmsVerification v = pki.verifier()
                .verifyDetached(cms, ContentSource.of(RECEIPT), pki.now())
                .get(0);
        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThatThrownBy(() -> ArchiveSigner.open(file, TestPki.PASSWORD, "other", Clock.systemUTC()))
                .hasMessageContaining("no key entry named 'other'");
    }

    @Test
    void signsDetachedDerWithSha256AndTheExpectedSignedAttributes() throws Exception {
        byte[] cms = signer.signDetached(new ByteArrayInputStream(RECEIPT));

        CMSSignedData data = new CMSSignedData(cms);
        assertThat(data.isDetachedSignature()).isTrue();
        assertThat(data.getEncoded("DER")).isEqualTo(cms);
        SignerInformation info = data.getSignerInfos().getSigners().iterator().next();
        assertThat(info.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(info.getSignedAttributes().toHashtable().keySet())
                .containsExactlyInAnyOrder(
                        CMSAttributes.contentType,
                        CMSAttributes.messageDigest,
                        CMSAttributes.signingTime,
                        CMSAttributes.cmsAlgorithmProtect);
        assertThat(data.getCertificates().getMatches(null)).hasSize(1);
    }

    @Test
    void itsSignaturesVerifyWithItsCertificateAsTheOnlyAnchor() {
        byte[] cms = signer.signDetached(new ByteArrayInputStream(RECEIPT));
        CmsVerifier verifier = new CmsVerifier(
                TrustStore.of(List.of(signer.certificate()), List.of(), List.of()), VerificationPolicy.defaults());

        CmsVerification v =
                verifier.verifyDetached(cms, ContentSource.of(RECEIPT), NOW).get(0);

        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.signingTime()).isEqualTo(NOW);
        assertThat(v.chain()).containsExactly(signer.certificate());
    }
}
