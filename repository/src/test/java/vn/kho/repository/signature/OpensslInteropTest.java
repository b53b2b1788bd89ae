package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.signature.Openssl.Run;

/** What openssl signs, Kho verifies; what Kho signs, openssl verifies. Needs the {@code openssl} command. */
class OpensslInteropTest {
    private static final byte[] METS = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                    + "<mets:mets xmlns:mets=\"http://www.loc.gov/METS/\" OBJID=\"urn:kho:interop\"/>\r\n")
            .getBytes(StandardCharsets.UTF_8);

    private final TestPki pki = TestPki.shared();

    @Test
    void verifiesAMetsSignatureMadeByOpenssl(@TempDir Path dir) throws Exception {
        Path mets = Files.write(dir.resolve("METS.xml"), METS);
        pki.writePem(pki.agency(), dir.resolve("agency.pem"), dir.resolve("agency.key"));
        Files.writeString(dir.resolve("intermediate.pem"), pki.intermediate().certificatePem());
        Path p7s = dir.resolve("METS.xml.p7s");

        Run run = Openssl.signDetached(
                dir,
                Path.of("METS.xml"),
                Path.of("agency.pem"),
                Path.of("agency.key"),
                Path.of("intermediate.pem"),
                Path.of("METS.xml.p7s"),
                "DER");

        assertThat(run.exit()).as(run.output()).isZero();
        CmsVerification v = pki.verifier()
                .verifyDetached(Files.readAllBytes(p7s), ContentSource.of(mets), pki.now())
                .get(0);
        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.chain()).hasSize(3);
    }

    @Test
    void verifiesAPemSignatureMadeByOpenssl(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("METS.xml"), METS);
        pki.writePem(pki.agency(), dir.resolve("agency.pem"), dir.resolve("agency.key"));
        Files.writeString(dir.resolve("intermediate.pem"), pki.intermediate().certificatePem());

        Run run = Openssl.signDetached(
                dir,
                Path.of("METS.xml"),
                Path.of("agency.pem"),
                Path.of("agency.key"),
                Path.of("intermediate.pem"),
                Path.of("METS.xml.p7s"),
                "PEM");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readString(dir.resolve("METS.xml.p7s"))).startsWith("-----BEGIN CMS-----");
        CmsVerification v = pki.verifier()
                .verifyDetached(Files.readAllBytes(dir.resolve("METS.xml.p7s")), ContentSource.of(METS), pki.now())
                .get(0);
        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void verifiesAnOpensslSignatureWithoutSignedAttributes(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("METS.xml"), METS);
        pki.writePem(pki.agency(), dir.resolve("agency.pem"), dir.resolve("agency.key"));
        Files.writeString(dir.resolve("intermediate.pem"), pki.intermediate().certificatePem());

        Run run = Openssl.signDetached(
                dir,
                Path.of("METS.xml"),
                Path.of("agency.pem"),
                Path.of("agency.key"),
                Path.of("intermediate.pem"),
                Path.of("METS.xml.p7s"),
                "DER",
                "-noattr");

        assertThat(run.exit()).as(run.output()).isZero();
        byte[] p7s = Files.readAllBytes(dir.resolve("METS.xml.p7s"));
        CmsVerification v = pki.verifier()
                .verifyDetached(p7s, ContentSource.of(METS), pki.now())
                .get(0);
        assertThat(v.outcome()).as(v.message()).isEqualTo(SignatureOutcome.VALID);
        assertThat(v.signingTime()).isNull();
        byte[] changed = METS.clone();
        changed[0] = ' ';
        assertThat(pki.verifier()
                        .verifyDetached(p7s, ContentSource.of(changed), pki.now())
                        .get(0)
                        .outcome())
                .isEqualTo(SignatureOutcome.BROKEN);
    }

    @Test
    void opensslVerifiesTheArchivesReceiptsWithTheArchiveCertificateAsCaFile(@TempDir Path dir) throws Exception {
        ArchiveSigner signer = ArchiveSigner.openOrCreate(
                dir.resolve("archive.p12"),
                "secret".toCharArray(),
                "CN=Kho Interop Archive,O=Kho,C=VN",
                Clock.systemUTC());
        byte[] receipt = "{\"package\":\"urn:kho:interop\",\"state\":\"STORED\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("receipt.json"), receipt);
        Files.write(dir.resolve("receipt.p7s"), signer.signDetached(new ByteArrayInputStream(receipt)));
        Files.writeString(dir.resolve("archive.pem"), signer.certificatePem());

        Run good = Openssl.verifyDetached(dir, Path.of("receipt.json"), Path.of("receipt.p7s"), Path.of("archive.pem"));
        receipt[10] ^= 0x20;
        Files.write(dir.resolve("receipt.json"), receipt);
        Run tampered =
                Openssl.verifyDetached(dir, Path.of("receipt.json"), Path.of("receipt.p7s"), Path.of("archive.pem"));

        assertThat(good.exit()).as(good.output()).isZero();
        assertThat(tampered.exit()).as(tampered.output()).isNotZero();
        assertThat(tampered.output()).contains("Verification failure");
    }
}
