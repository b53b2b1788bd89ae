package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        Run run = openssl(
                dir,
                "cms",
                "-sign",
                "-binary",
                "-outform",
                "DER",
                "-md",
                "sha256",
                "-signer",
                "agency.pem",
                "-inkey",
                "agency.key",
                "-certfile",
                "intermediate.pem",
                "-in",
                "METS.xml",
                "-out",
                "METS.xml.p7s");

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

        Run run = openssl(
                dir,
                "cms",
                "-sign",
                "-binary",
                "-outform",
                "PEM",
                "-md",
                "sha256",
                "-signer",
                "agency.pem",
                "-inkey",
                "agency.key",
                "-certfile",
                "intermediate.pem",
                "-in",
                "METS.xml",
                "-out",
                "METS.xml.p7s");

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

        Run run = openssl(
                dir,
                "cms",
                "-sign",
                "-binary",
                "-noattr",
                "-outform",
                "DER",
                "-md",
                "sha256",
                "-signer",
                "agency.pem",
                "-inkey",
                "agency.key",
                "-certfile",
                "intermediate.pem",
                "-in",
                "METS.xml",
                "-out",
                "METS.xml.p7s");

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

        Run good = openssl(
                dir,
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-content",
                "receipt.json",
                "-in",
                "receipt.p7s",
                "-CAfile",
                "archive.pem",
                "-out",
                "/dev/null");
        receipt[10] ^= 0x20;
        Files.write(dir.resolve("receipt.json"), receipt);
        Run tampered = openssl(
                dir,
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-content",
                "receipt.json",
                "-in",
                "receipt.p7s",
                "-CAfile",
                "archive.pem",
                "-out",
                "/dev/null");

        assertThat(good.exit()).as(good.output()).isZero();
        assertThat(tampered.exit()).as(tampered.output()).isNotZero();
        assertThat(tampered.output()).contains("Verification failure");
    }

    /** What an openssl run ended with: its exit status and what it printed. */
    private record Run(int exit, String output) {}

    private static Run openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "openssl", ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return new Run(process.exitValue(), String.join(" ", command) + ": " + Files.readString(log));
    }
}
