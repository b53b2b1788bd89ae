package vn.kho.repository.premis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.kho.repository.FileFormat;
import vn.kho.repository.FileValidation;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;

class PremisFileObjectsTest {
    private static final PackageId PKG = new PackageId(UUID.fromString("0b6f8a3e-2c1d-4e5f-9a7b-1c2d3e4f5a6b"));
    private static final String SHA = "a".repeat(64);

    private static final PackageFile PDFA = new PackageFile(
            "representations/rep1/data/Tài liệu 1.pdf",
            12345,
            SHA,
            "application/pdf",
            new FileFormat(
                    "application/pdf",
                    "Acrobat PDF/A - Portable Document Format 2b",
                    "1.7",
                    "fmt/477",
                    "Apache Tika 3.2.3 signature; JHOVE PDF-hul"),
            new FileValidation("JHOVE 1.28.0 PDF-hul", "VALID", "2b", "2b"));
    private static final PackageFile UNKNOWN = new PackageFile(
            "representations/rep1/data/blob.bin",
            7,
            "b".repeat(64),
            "application/octet-stream",
            new FileFormat("application/octet-stream", null, null, null, "Apache Tika 3.2.3 signature"),
            new FileValidation(null, "NOT_VALIDATED", null, null));

    private static byte[] write(List<PackageFile> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PremisEvent e = new PremisEvent(
                UUID.randomUUID().toString(),
                "validation",
                Instant.parse("2025-07-01T08:15:30Z"),
                "success",
                "JHOVE PDF-hul: well-formed and valid",
                "Kho 0.1.0",
                PDFA.path());
        PremisXml.write(PKG, files, List.of(e), "Kho 0.1.0", out);
        return out.toByteArray();
    }

    @Test
    void readsBackTheFormatAndValidationOfEveryCharacterisedFile() {
        PremisXml.Contents contents = PremisXml.readContents(new ByteArrayInputStream(write(List.of(PDFA, UNKNOWN))));

        assertThat(contents.files()).containsOnlyKeys(PDFA.path(), UNKNOWN.path());
        assertThat(contents.files().get(PDFA.path())).isEqualTo(PDFA);
        assertThat(contents.files().get(UNKNOWN.path())).isEqualTo(UNKNOWN);
        assertThat(contents.events()).hasSize(1);
    }

    @Test
    void namesThePronomRegistryAndKeyAsPremis3Asks() {
        String xml = new String(write(List.of(PDFA)), StandardCharsets.UTF_8);

        assertThat(xml)
                .contains("xsi:type=\"premis:file\"")
                .contains("<premis:formatRegistryName>PRONOM</premis:formatRegistryName>")
                .contains("<premis:formatRegistryKey>fmt/477</premis:formatRegistryKey>")
                .contains("<premis:formatVersion>1.7</premis:formatVersion>")
                .contains("<premis:messageDigest>" + SHA + "</premis:messageDigest>");
        // PREMIS 3.0 order inside objectCharacteristics: compositionLevel, fixity, size, format, ..., extension
        assertThat(xml.indexOf("premis:compositionLevel"))
                .isLessThan(xml.indexOf("premis:fixity"))
                .isLessThan(xml.indexOf("premis:size"));
        assertThat(xml.indexOf("premis:size")).isLessThan(xml.indexOf("premis:format>"));
        assertThat(xml.indexOf("premis:format>")).isLessThan(xml.indexOf("premis:objectCharacteristicsExtension"));
        // objects come before events
        assertThat(xml.lastIndexOf("premis:object ")).isLessThan(xml.indexOf("premis:event>"));
    }

    @Test
    void leavesFilesWithoutAFormatOut() {
        PackageFile plain = new PackageFile("METS.xml", 10, SHA, "application/xml");

        assertThat(PremisXml.readContents(new ByteArrayInputStream(write(List.of(plain))))
                        .files())
                .isEmpty();
    }
}
