package vn.kho.repository.premis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.kho.repository.FileFormat;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.signature.SignatureRecord;

class PremisSignaturesTest {
    private static final PackageId PKG = new PackageId(UUID.fromString("0b6f8a3e-2c1d-4e5f-9a7b-1c2d3e4f5a6b"));
    private static final PackageFile PDF = new PackageFile(
            "representations/rep1/data/Quyết định.pdf",
            12345,
            "a".repeat(64),
            "application/pdf",
            new FileFormat("application/pdf", "Acrobat PDF 1.7", "1.7", "fmt/276", "Apache Tika 3.2.3 signature"),
            null);
    private static final PackageFile METS = new PackageFile(
            "submission/urn_uuid_x/METS.xml",
            999,
            "b".repeat(64),
            "application/xml",
            new FileFormat("application/xml", "Extensible Markup Language", "1.0", "fmt/101", "Apache Tika"),
            null);

    static final SignatureRecord SIGNER = new SignatureRecord(
            PDF.path(),
            SignatureRecord.Kind.PDF,
            1,
            null,
            "Signature1",
            "VALID",
            "valid: signed by CN=Nguyễn Văn A, chain to CN=Root CA, CRL of 2025-06-30 does not list it",
            "CN=Nguyễn Văn A,O=Sở Nội vụ,2.5.4.97=#0c0d3030302e30302e30302e483330",
            "000.00.00.H30",
            "CN=Intermediate CA",
            "1f2e3d",
            Instant.parse("2025-07-01T08:00:00Z"),
            Instant.parse("2025-07-01T08:00:05Z"),
            Instant.parse("2025-07-01T08:00:05Z"),
            "SHA-256",
            "SHA256withRSA",
            List.of(
                    "metadata/preservation/evidence/certificates/" + "c".repeat(64) + ".cer",
                    "metadata/preservation/evidence/crls/" + "d".repeat(64) + ".crl"));
    static final SignatureRecord AGENCY = new SignatureRecord(
            PDF.path(),
            SignatureRecord.Kind.PDF,
            2,
            null,
            "Signature2",
            "REVOKED",
            "revoked on 2025-06-01",
            "CN=Sở Nội vụ",
            null,
            "CN=Intermediate CA",
            "02",
            null,
            null,
            Instant.parse("2025-07-02T00:00:00Z"),
            "SHA-256",
            "SHA256withECDSA",
            List.of());
    static final SignatureRecord DETACHED = new SignatureRecord(
            METS.path(),
            SignatureRecord.Kind.DETACHED_CMS,
            1,
            "submission/urn_uuid_x/METS.xml.p7s",
            null,
            "MALFORMED",
            "not a CMS structure",
            null,
            null,
            null,
            null,
            null,
            null,
            Instant.parse("2025-07-02T00:00:00Z"),
            null,
            null,
            List.of());

    private static byte[] write(List<SignatureRecord> signatures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PremisXml.write(PKG, List.of(PDF, METS), signatures, List.of(), "Kho 0.1.0", out);
        return out.toByteArray();
    }

    @Test
    void readsBackEverySignatureOfEveryFileInOrder() {
        PremisXml.Contents contents =
                PremisXml.readContents(new ByteArrayInputStream(write(List.of(SIGNER, AGENCY, DETACHED))));

        assertThat(contents.signatures()).containsExactly(SIGNER, AGENCY, DETACHED);
        assertThat(contents.files()).containsOnlyKeys(PDF.path(), METS.path());
    }

    @Test
    void writesPremisSignatureInformationAfterTheObjectCharacteristics() {
        String xml = new String(write(List.of(SIGNER)), StandardCharsets.UTF_8);

        assertThat(xml)
                .contains("<premis:signatureEncoding>PDF CMS</premis:signatureEncoding>")
                .contains("<premis:signer>CN=Nguyễn Văn A")
                .contains("<premis:signatureMethod>SHA256withRSA</premis:signatureMethod>")
                .contains("<premis:signatureValue>representations/rep1/data/Quyết định.pdf#Signature1<")
                .contains("<premis:signatureProperties>outcome: VALID</premis:signatureProperties>");
        assertThat(xml.indexOf("premis:objectCharacteristics>")).isLessThan(xml.indexOf("premis:signatureInformation"));
        assertThat(xml.indexOf("premis:signatureEncoding"))
                .isLessThan(xml.indexOf("premis:signer"))
                .isLessThan(xml.indexOf("premis:signatureMethod"));
        assertThat(xml.indexOf("premis:signatureValue"))
                .isLessThan(xml.indexOf("premis:signatureValidationRules"))
                .isLessThan(xml.indexOf("premis:signatureProperties"));
    }

    @Test
    void refusesASignatureOfAFileThePremisDoesNotDescribe() {
        SignatureRecord elsewhere = new SignatureRecord(
                "representations/rep1/data/other.pdf",
                SignatureRecord.Kind.PDF,
                1,
                null,
                null,
                "VALID",
                "ok",
                null,
                null,
                null,
                null,
                null,
                null,
                Instant.EPOCH,
                null,
                null,
                List.of());

        assertThatThrownBy(() -> write(List.of(elsewhere)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other.pdf");
    }
}
