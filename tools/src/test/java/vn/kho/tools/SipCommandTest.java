package vn.kho.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kho.tools.KhoRun.kho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.PackageDetector;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.testkit.TinyPdf;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.ingest.tt05.Tt05SipReader;
import vn.kho.ingest.unpack.SafeUnzipper;
import vn.kho.ingest.unpack.UnpackLimits;
import vn.kho.ingest.unpack.UnpackedPackage;
import vn.kho.repository.Finding;
import vn.kho.repository.signature.ArchiveSigner;

/** {@code kho sip build} and {@code kho sip verify}, run as a person runs them, with Kho's real checker and JHOVE. */
class SipCommandTest {
    private static final String FILE_CODE = "000.00.00.H30.2024.15";
    private static final String TITLE = "Hồ sơ Hội nghị tổng kết công tác năm 2024";
    private static final String PLAN = "ke-hoach/" + FILE_CODE + ".0000001.001.pdf";
    private static final String REPORT = FILE_CODE + ".0000002.001.pdf";

    @TempDir
    Path tmp;

    /** A folder with two PDFs, one in a sub-folder. */
    private Path documents() throws IOException {
        Path dir = tmp.resolve("ho-so");
        Files.createDirectories(dir.resolve("ke-hoach"));
        Files.write(dir.resolve(PLAN), TinyPdf.bytes("Kế hoạch tổ chức Hội nghị", "Ke hoach to chuc Hoi nghi"));
        Files.write(dir.resolve(REPORT), TinyPdf.bytes("Báo cáo tổng kết", "Bao cao tong ket 2024"));
        return dir;
    }

    private static String json(String hoSoExtra, String... documents) {
        return """
                {
                  "organisation": {"name": "Sở Nội vụ tỉnh Nam Định", "code": "000.00.00.H30"},
                  "fileCode": "%s",
                  %s
                  "maintenance": "01",
                  "mode": "01",
                  "language": ["01"],
                  "startDate": "02/01/2024",
                  "endDate": "28/12/2024",
                  "keyword": ["tổng kết", "hội nghị"],
                  "confidenceLevel": "01",
                  "documents": [%s]
                }
                """
                .formatted(FILE_CODE, hoSoExtra, String.join(",", documents));
    }

    private static String document(String file, String typeName, String subject) {
        return """
                {"file": "%s", "typeName": "%s", "codeNumber": "11", "codeNotation": "KH-SNV",
                 "issuedDate": "01/12/2024", "organName": "Sở Nội vụ tỉnh Nam Định", "subject": "%s",
                 "numberOfPage": 1, "process": true}"""
                .formatted(file, typeName, subject);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The zip unpacked and read back by the reader Kho's ingest uses. */
    private static ParsedPackage readBack(Path zip, Path into) {
        return Tt05SipReader.read(unpack(zip, into));
    }

    private static PackageRoot unpack(Path zip, Path into) {
        UnpackedPackage unpacked = new SafeUnzipper(UnpackLimits.defaults()).unpack(zip, into);
        assertThat(unpacked.findings()).noneMatch(Finding::isError);
        return PackageDetector.detect(into, unpacked.files()).root();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void buildsAPackageFromTwoPdfsAndJsonMetadataThatKhoAcceptsAndReadsBack() throws IOException {
        Path dir = documents();
        Path metadata = write(
                "ho-so.json",
                json(
                        "\"title\": \"" + TITLE + "\",",
                        document(PLAN, "07", "Kế hoạch tổ chức Hội nghị tổng kết"),
                        document(REPORT, "22", "Báo cáo tổng kết công tác năm 2024")));
        Path zip = tmp.resolve("out/sip.zip");
        Files.createDirectories(zip.getParent());

        KhoRun build = kho("sip", "build", dir.toString(), "--metadata", metadata.toString(), "--out", zip.toString());

        assertThat(build.exit()).as(build.out() + build.err()).isZero();
        assertThat(build.out()).contains("wrote " + zip).contains("ACCEPTED");
        assertThat(filesIn(zip.getParent())).containsExactly("sip.zip");

        KhoRun verify = kho("sip", "verify", zip.toString());
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(verify.out()).contains(zip + ": ACCEPTED").doesNotContain("ERROR");

        PackageRoot root = unpack(zip, tmp.resolve("unpacked"));
        ParsedPackage parsed = Tt05SipReader.read(root);
        assertThat(parsed.findings()).noneMatch(Finding::isError);
        assertThat(parsed.declaredId()).isPresent();
        assertThat(parsed.descriptive().identifier()).isEqualTo(FILE_CODE);
        assertThat(parsed.descriptive().title()).isEqualTo(TITLE);
        assertThat(parsed.descriptive().fields().get("totalDoc")).containsExactly("2");
        assertThat(parsed.descriptive().fields().get("numberOfPage")).containsExactly("2");
        assertThat(parsed.descriptive().fields().get("keyword")).containsExactly("tổng kết", "hội nghị");
        assertThat(parsed.content().keySet())
                .contains(
                        "representations/rep1/data/" + PLAN,
                        "representations/rep1/data/" + REPORT,
                        "representations/rep1/METS.xml",
                        "metadata/descriptive/EAD.xml",
                        "representations/rep1/metadata/descriptive/EAD_doc_0000001.xml",
                        "representations/rep1/metadata/descriptive/EAD_doc_0000002.xml");
        // The reader found no checksum or size mismatch above, and the documents are the folder's, byte for byte.
        assertThat(root.prefix()).isEqualTo("urn_uuid_" + parsed.declaredId().get() + "/");
        assertThat(root.files().get("representations/rep1/data/" + PLAN).sha256())
                .isEqualTo(sha256(dir.resolve(PLAN)));
        assertThat(root.files().get("representations/rep1/data/" + REPORT).sha256())
                .isEqualTo(sha256(dir.resolve(REPORT)));
        String plan =
                Files.readString(root.dir().resolve("representations/rep1/metadata/descriptive/EAD_doc_0000001.xml"));
        assertThat(plan)
                .contains("<docCode>" + FILE_CODE + ".0000001</docCode>")
                .contains("<docOrdinal>1</docOrdinal>")
                .contains("<maintenance>01</maintenance>")
                .contains("<subject>Kế hoạch tổ chức Hội nghị tổng kết</subject>");
        assertThat(Files.readString(root.dir().resolve("METS.xml")))
                .contains("<note csip:NOTETYPE=\"IDENTIFICATIONCODE\">000.00.00.H30</note>");
        assertThat(Files.readString(root.dir().resolve("representations/rep1/METS.xml")))
                .contains("MIMETYPE=\"application/pdf\"");
    }

    @Test
    void buildsThePackageFromCsvMetadataWithTheHoSoFieldsAsPrefixedColumns() throws IOException {
        Path dir = documents();
        Path metadata = write(
                "ho-so.csv",
                "\uFEFFfile,typeName,issuedDate,organName,subject,numberOfPage,process,hoSo.fileCode,hoSo.title,"
                        + "hoSo.maintenance,hoSo.mode,hoSo.language,hoSo.startDate,hoSo.endDate,organisation.name,"
                        + "organisation.code\n"
                        + PLAN + ",07,01/12/2024,Sở Nội vụ tỉnh Nam Định,\"Kế hoạch, tổ chức Hội nghị\",1,true,"
                        + FILE_CODE + ",\"" + TITLE + "\",01,01,01,02/01/2024,28/12/2024,Sở Nội vụ tỉnh Nam Định,"
                        + "000.00.00.H30\n"
                        + REPORT + ",22,02/12/2024,Sở Nội vụ tỉnh Nam Định,Báo cáo tổng kết,2,true,,,,,,,,,\n");
        Path zip = tmp.resolve("sip.zip");

        KhoRun build = kho(
                "sip", "build", dir.toString(), "--metadata", metadata.toString(), "--out", zip.toString(), "--json");

        assertThat(build.exit()).as(build.out() + build.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(build.out());
        assertThat(report.get("file").asText()).isEqualTo(zip.toString());
        assertThat(report.get("accepted").asBoolean()).isTrue();
        assertThat(report.get("verified").asBoolean()).isTrue();
        ParsedPackage parsed = readBack(zip, tmp.resolve("unpacked"));
        assertThat(parsed.findings()).noneMatch(Finding::isError);
        assertThat(report.get("objid").asText())
                .isEqualTo("urn:uuid:" + parsed.declaredId().get());
        assertThat(parsed.descriptive().identifier()).isEqualTo(FILE_CODE);
        assertThat(parsed.descriptive().title()).isEqualTo(TITLE);
        assertThat(parsed.descriptive().fields().get("numberOfPage")).containsExactly("3");
        assertThat(parsed.content().keySet())
                .contains("representations/rep1/data/" + PLAN, "representations/rep1/data/" + REPORT);
    }

    @Test
    void refusesMetadataWithoutARequiredFieldAndWritesNothing() throws IOException {
        Path dir = documents();
        Path metadata =
                write("ho-so.json", json("", document(PLAN, "07", "Kế hoạch"), document(REPORT, "22", "Báo cáo")));
        Path out = Files.createDirectories(tmp.resolve("out"));

        KhoRun build = kho(
                "sip",
                "build",
                dir.toString(),
                "--metadata",
                metadata.toString(),
                "--out",
                out.resolve("sip.zip").toString());

        assertThat(build.exit()).isEqualTo(1);
        assertThat(build.out()).contains("SIP_METADATA_FIELD_REQUIRED").contains("title (Tiêu đề hồ sơ)");
        assertThat(build.err()).contains("nothing written");
        assertThat(filesIn(out)).isEmpty();
    }

    @Test
    void refusesADocumentTheMetadataListsButTheFolderLacks() throws IOException {
        Path dir = documents();
        Path metadata = write(
                "ho-so.json",
                json(
                        "\"title\": \"" + TITLE + "\",",
                        document(PLAN, "07", "Kế hoạch"),
                        document(REPORT, "22", "Báo cáo"),
                        document("bien-ban.pdf", "22", "Biên bản")));
        Path zip = tmp.resolve("sip.zip");

        KhoRun build = kho("sip", "build", dir.toString(), "--metadata", metadata.toString(), "--out", zip.toString());

        assertThat(build.exit()).isEqualTo(1);
        assertThat(build.out()).contains("SIP_DOCUMENT_NOT_IN_FOLDER bien-ban.pdf");
        assertThat(zip).doesNotExist();
    }

    @Test
    void refusesAFileOfTheFolderTheMetadataDoesNotDescribe() throws IOException {
        Path dir = documents();
        Files.writeString(dir.resolve("ghi-chu.txt"), "not listed");
        Path metadata = write(
                "ho-so.json",
                json("\"title\": \"" + TITLE + "\",", document(PLAN, "07", "Kế hoạch"), document(REPORT, "22", "B")));
        Path zip = tmp.resolve("sip.zip");

        KhoRun build = kho("sip", "build", dir.toString(), "--metadata", metadata.toString(), "--out", zip.toString());

        assertThat(build.exit()).isEqualTo(1);
        assertThat(build.out()).contains("SIP_FILE_NOT_IN_METADATA ghi-chu.txt");
        assertThat(zip).doesNotExist();
    }

    @Test
    void signsTheRootMetsSoThatKhoVerifiesThePackageSignatureAgainstTheTrustedCertificate() throws IOException {
        Path dir = documents();
        Path metadata = write(
                "ho-so.json",
                json("\"title\": \"" + TITLE + "\",", document(PLAN, "07", "Kế hoạch"), document(REPORT, "22", "B")));
        Path key = tmp.resolve("so-noi-vu.p12");
        ArchiveSigner agency = ArchiveSigner.openOrCreate(
                key, "mat-khau".toCharArray(), "CN=Sở Nội vụ tỉnh Nam Định,O=Test,C=VN", Clock.systemUTC());
        Path trust = Files.createDirectories(tmp.resolve("trust"));
        Files.writeString(trust.resolve("so-noi-vu.pem"), agency.certificatePem());
        Path zip = tmp.resolve("signed.zip");

        KhoRun build = kho(
                "sip",
                "build",
                dir.toString(),
                "--metadata",
                metadata.toString(),
                "--out",
                zip.toString(),
                "--sign",
                key.toString(),
                "--sign-password=mat-khau",
                "--trust",
                trust.toString());

        assertThat(build.exit()).as(build.out() + build.err()).isZero();
        assertThat(build.out()).contains("METS.xml signed").contains("SIGNATURE_VALID METS.xml");
        PackageRoot root = unpack(zip, tmp.resolve("unpacked"));
        assertThat(root.files()).containsKey("METS.xml.p7s");
        assertThat(Tt05SipReader.read(root).findings()).noneMatch(Finding::isError);

        KhoRun untrusted = kho("sip", "verify", zip.toString());
        assertThat(untrusted.exit()).as(untrusted.out()).isZero();
        assertThat(untrusted.out()).contains("WARNING SIGNATURE_UNTRUSTED METS.xml");
    }

    @Test
    void aWrongKeyPasswordStopsTheBuildBeforeAnythingIsWritten() throws IOException {
        Path dir = documents();
        Path metadata = write("ho-so.json", json("\"title\": \"" + TITLE + "\",", document(PLAN, "07", "K")));
        Path key = tmp.resolve("key.p12");
        ArchiveSigner.openOrCreate(key, "right".toCharArray(), "CN=Test", Clock.systemUTC());
        Path zip = tmp.resolve("sip.zip");

        KhoRun build = kho(
                "sip",
                "build",
                dir.toString(),
                "--metadata",
                metadata.toString(),
                "--out",
                zip.toString(),
                "--sign",
                key.toString(),
                "--sign-password=wrong");

        assertThat(build.exit()).isEqualTo(2);
        assertThat(build.err()).contains("SIGNING_KEY_WRONG_PASSWORD");
        assertThat(zip).doesNotExist();
    }

    @Test
    void verifyRejectsAPackageWhoseMetsDeclaresAWrongChecksum() {
        String pdf = Tt05SipBuilder.dataPath("bao-cao.pdf");
        Path zip = Tt05SipBuilder.create()
                .document("bao-cao.pdf", TinyPdf.bytes("Báo cáo", "Bao cao"))
                .wrongChecksum(pdf)
                .writeZip(tmp.resolve("wrong.zip"));

        KhoRun verify = kho("sip", "verify", zip.toString());

        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out())
                .contains("ERROR   METS_CHECKSUM_MISMATCH " + pdf)
                .contains("REJECTED");
    }

    @Test
    void verifyRejectsAFileThatIsNoZipWithAZipFindingAsJson() throws IOException {
        Path garbage = write("garbage.zip", "this is not a zip at all");

        KhoRun verify = kho("sip", "verify", garbage.toString(), "--json");

        assertThat(verify.exit()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(verify.out());
        assertThat(report.get("accepted").asBoolean()).isFalse();
        assertThat(report.get("findings").get(0).get("code").asText()).startsWith("ZIP_");
        assertThat(report.get("findings").get(0).get("severity").asText()).isEqualTo("ERROR");
    }

    @Test
    void verifyOfAFileThatIsNotThereIsAUsageError() {
        KhoRun verify = kho("sip", "verify", tmp.resolve("missing.zip").toString());

        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains("no such file");
    }
}
