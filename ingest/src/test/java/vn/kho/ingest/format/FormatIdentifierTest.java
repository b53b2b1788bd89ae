package vn.kho.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.TinyPdf;
import vn.kho.repository.FileFormat;

class FormatIdentifierTest {
    private final FormatIdentifier identifier = new FormatIdentifier(PronomRegistry.builtIn());

    @TempDir
    Path tmp;

    private FileFormat identify(String name, byte[] content) throws IOException {
        Path file = Files.write(tmp.resolve(name), content);
        return identifier.identify(file, "representations/rep1/data/" + name);
    }

    private static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    private static byte[] zip(String... nameThenContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < nameThenContent.length; i += 2) {
                ZipEntry e = new ZipEntry(nameThenContent[i]);
                if (i == 0 && nameThenContent[i].equals("mimetype")) {
                    byte[] b = nameThenContent[i + 1].getBytes(StandardCharsets.US_ASCII);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(b.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(b);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void identifiesAPdfByItsSignatureAndItsHeaderVersion() throws IOException {
        FileFormat f = identify("doc.bin", TinyPdf.bytes("Tiêu đề", "text"));

        assertThat(f.mediaType()).isEqualTo("application/pdf");
        assertThat(f.version()).isEqualTo("1.4");
        assertThat(f.puid()).isEqualTo("fmt/18");
        assertThat(f.basis()).startsWith("Apache Tika 3.");
    }

    @Test
    void givesThePdfaPuidForTheClaimedLevelWhateverThePdfVersion() {
        assertThat(identifier.withPronom("application/pdf", "1.7", "2b", "test").puid())
                .isEqualTo("fmt/477");
        assertThat(identifier.withPronom("application/pdf", "1.4", "1b", "test").puid())
                .isEqualTo("fmt/354");
        assertThat(identifier.withPronom("application/pdf", "1.6", "3a", "test").puid())
                .isEqualTo("fmt/479");
        assertThat(identifier.withPronom("application/pdf", "1.7", null, "test").puid())
                .isEqualTo("fmt/276");
    }

    @Test
    void identifiesImagesWrittenByImageIo() throws IOException {
        assertThat(identify("scan.tif", image("tiff")).puid()).isEqualTo("fmt/353");
        FileFormat jpeg = identify("photo.jpg", image("jpeg"));
        assertThat(jpeg.mediaType()).isEqualTo("image/jpeg");
        assertThat(jpeg.version()).isEqualTo("1.02");
        assertThat(jpeg.puid()).isEqualTo("fmt/44");
        assertThat(identify("photo.png", image("png")).puid()).isEqualTo("fmt/13");
        FileFormat gif = identify("icon.gif", image("gif"));
        assertThat(gif.version()).isEqualTo("89a");
        assertThat(gif.puid()).isEqualTo("fmt/4");
    }

    @Test
    void trustsTheContentOverAMisleadingName() throws IOException {
        FileFormat f = identify("report.pdf", image("png"));

        assertThat(f.mediaType()).isEqualTo("image/png");
    }

    @Test
    void identifiesXmlTextAndCsv() throws IOException {
        FileFormat xml = identify("EAD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<simpledc/>\n".getBytes());
        assertThat(xml.mediaType()).isEqualTo("application/xml");
        assertThat(xml.version()).isEqualTo("1.0");
        assertThat(xml.puid()).isEqualTo("fmt/101");

        assertThat(identify("notes.txt", "Ghi chú về hồ sơ\n".getBytes(StandardCharsets.UTF_8))
                        .puid())
                .isEqualTo("x-fmt/111");
        assertThat(identify("list.csv", "a,b,c\n1,2,3\n".getBytes()).puid()).isEqualTo("x-fmt/18");
    }

    @Test
    void identifiesOfficeDocumentsInsideTheirZipContainers() throws IOException {
        FileFormat docx = identify(
                "letter.docx",
                zip(
                        "[Content_Types].xml",
                        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
                        "word/document.xml",
                        "<w:document/>"));
        assertThat(docx.puid()).isEqualTo("fmt/412");

        FileFormat odt = identify(
                "letter.odt",
                zip(
                        "mimetype",
                        "application/vnd.oasis.opendocument.text",
                        "META-INF/manifest.xml",
                        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
                                + " manifest:version=\"1.2\"/>"));
        assertThat(odt.mediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
        assertThat(odt.version()).isEqualTo("1.2");
        assertThat(odt.puid()).isEqualTo("fmt/291");
    }

    @Test
    void leavesRandomBytesUnidentifiedWithoutAPuid() throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(42).nextBytes(noise);

        FileFormat f = identify("blob", noise);

        assertThat(f.mediaType()).isEqualTo(FormatIdentifier.UNKNOWN);
        assertThat(f.puid()).isNull();
    }

    @Test
    void neverThrowsForEmptyOrTruncatedFiles() throws IOException {
        assertThat(identify("empty.pdf", new byte[0]).mediaType()).isNotNull();
        byte[] pdf = TinyPdf.bytes("t", "x");
        for (int cut : new int[] {1, 4, 8, 20}) {
            assertThat(identify("cut" + cut + ".pdf", java.util.Arrays.copyOf(pdf, cut)))
                    .isNotNull();
        }
    }
}
