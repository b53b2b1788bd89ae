package vn.kho.ingest.tt05;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.PackageDetector;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.testkit.SharedFixtures;
import vn.kho.ingest.testkit.TinyPdf;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.ingest.testkit.UnpackedTree;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;
import vn.kho.repository.Severity;

class Tt05SipReaderTest {
    private static final UUID ID = UUID.fromString("6f1c2b7e-3a5d-4e8f-9b0a-1c2d3e4f5a6b");

    @TempDir
    Path tmp;

    @Test
    void acceptsARealisticSipAndReadsItsVietnameseRecord() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create()
                .id(ID)
                .title("Hồ sơ về việc phê duyệt quy hoạch đô thị")
                .fileCode("000.00.00.H30.2024.07")
                .languages("01", "11"));

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.format()).isEqualTo(PackageFormat.TT05_SIP);
        assertThat(parsed.declaredId()).contains(new PackageId(ID));
        assertThat(parsed.descriptive().title()).isEqualTo("Hồ sơ về việc phê duyệt quy hoạch đô thị");
        assertThat(parsed.descriptive().identifier()).isEqualTo("000.00.00.H30.2024.07");
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.PUBLIC);
        assertThat(parsed.descriptive().maintenance()).isEqualTo("01");
        assertThat(parsed.descriptive().startDate()).isEqualTo("02/01/2024");
        assertThat(parsed.descriptive().endDate()).isEqualTo("28/12/2024");
        assertThat(parsed.descriptive().languages()).containsExactly("01", "11");
        assertThat(parsed.descriptive().fields()).containsEntry("keyword", List.of("tổng kết; hội nghị"));
        assertThat(parsed.content())
                .containsEntry("metadata/descriptive/EAD.xml", "metadata/descriptive/EAD.xml")
                .containsEntry("representations/rep1/METS.xml", "representations/rep1/METS.xml")
                .containsKey(Tt05SipBuilder.dataPath("000.00.00.H30.2024.07.0000001.001.pdf"))
                .doesNotContainKey("METS.xml");
        assertThat(parsed.submitter())
                .contains(new vn.kho.ingest.Submitter("Sở Nội vụ tỉnh Nam Định", "000.00.00.H30"));
    }

    @Test
    void acceptsTheSubmittersSignatureOfTheRootMetsAndKeepsItOutOfTheAipContent() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create()
                .unreferencedFile(Tt05SipReader.ROOT_METS_SIGNATURE, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.content()).doesNotContainKey(Tt05SipReader.ROOT_METS_SIGNATURE);
    }

    @Test
    void stillRejectsAnUnreferencedSignatureAnywhereElse() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create()
                .unreferencedFile("metadata/METS.xml.p7s", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));

        assertThat(parsed.findings()).extracting(Finding::code).contains("METS_FILE_UNREFERENCED");
    }

    @Test
    void readsAnEadRecordWrittenInANamespace() {
        ParsedPackage parsed = readZip(
                Tt05SipBuilder.create().eadNamespace(Tt05SipBuilder.SIMPLEDC_NS).mode("03"));

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.CLASSIFIED);
        assertThat(parsed.descriptive().identifier()).isEqualTo("000.00.00.H30.2024.01");
    }

    @Test
    void keepsEveryFileAtItsSipPathExceptTheRootMetsAndPremis() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create()
                .withPremis()
                .extraFile("documentation/huong-dan.txt", "hướng dẫn".getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.content())
                .doesNotContainKeys("METS.xml", "metadata/preservation/PREMIS.xml")
                .containsEntry("documentation/huong-dan.txt", "documentation/huong-dan.txt");
        parsed.content().forEach((aip, source) -> assertThat(aip).isEqualTo(source));
    }

    @Test
    void rejectsSipWhoseMetsDeclaresAWrongChecksum() {
        String pdf = Tt05SipBuilder.dataPath("a.pdf");
        ParsedPackage parsed = readZip(Tt05SipBuilder.create()
                .document("a.pdf", TinyPdf.bytes("A", "a"))
                .wrongChecksum(pdf));

        assertThat(errors(parsed))
                .extracting(Finding::code, Finding::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("METS_CHECKSUM_MISMATCH", pdf));
    }

    @Test
    void rejectsSipWhoseMetsDeclaresAWrongSize() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().wrongSize("metadata/descriptive/EAD.xml"));

        assertThat(errors(parsed)).extracting(Finding::code).containsExactly("METS_SIZE_MISMATCH");
    }

    @Test
    void rejectsAFileThatNoMetsReferences() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create()
                .unreferencedFile("representations/rep1/data/hidden.exe", new byte[] {0x4d, 0x5a}));

        assertThat(errors(parsed))
                .extracting(Finding::code, Finding::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "METS_FILE_UNREFERENCED", "representations/rep1/data/hidden.exe"));
    }

    @Test
    void rejectsAReferencedFileThatIsMissing() {
        String pdf = Tt05SipBuilder.dataPath("b.pdf");
        ParsedPackage parsed = readZip(Tt05SipBuilder.create()
                .document("a.pdf", TinyPdf.bytes("A", "a"))
                .document("b.pdf", TinyPdf.bytes("B", "b"))
                .missingFile(pdf));

        assertThat(errors(parsed))
                .extracting(Finding::code, Finding::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("METS_FILE_MISSING", pdf));
    }

    @Test
    void rejectsMalformedMetsWithoutFloodingUnreferencedFiles() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().malformedMets());

        assertThat(errors(parsed)).extracting(Finding::code).containsExactly("METS_XML_MALFORMED");
        assertThat(parsed.declaredId()).isEmpty();
    }

    @Test
    void refusesMetsWithADoctypeWithoutResolvingItsEntity() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().metsWithDoctype());

        assertThat(errors(parsed)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("METS_XML_DOCTYPE");
            assertThat(f.path()).isEqualTo("METS.xml");
            assertThat(f.message()).doesNotContain("root:x:");
        });
    }

    @Test
    void rejectsAnObjidThatIsNotAUrnUuid() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().objid("HS-2024-001"));

        assertThat(errors(parsed)).extracting(Finding::code).containsExactly("METS_OBJID_INVALID");
        assertThat(parsed.declaredId()).isEmpty();
    }

    @Test
    void warnsButAcceptsARootFolderThatPrefixesTheFondsCode() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().id(ID).rootFolder("H30.01_urn_uuid_" + ID));

        assertThat(parsed.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.code()).isEqualTo("TT05_FOLDER_NAME_MISMATCH");
            assertThat(f.message()).contains("prefix");
        });
        assertThat(parsed.declaredId()).contains(new PackageId(ID));
    }

    @Test
    void rejectsASipWithoutItsEadRecord() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().withoutEad());

        assertThat(errors(parsed)).extracting(Finding::code).containsExactly("TT05_EAD_MISSING");
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.UNKNOWN);
    }

    /** Whether the mode is present and on its list is a TT05 rule, reported once, by Tt05MetadataRules. */
    @Test
    void treatsAMissingModeAsRestrictedAndLeavesTheRuleToTheMetadataRules() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().mode(null));

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.UNKNOWN);
    }

    @Test
    void treatsAnUnknownModeAsRestrictedAndLeavesTheRuleToTheMetadataRules() {
        ParsedPackage parsed = readZip(Tt05SipBuilder.create().mode("09"));

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.UNKNOWN);
    }

    @Test
    void rejectsAnHrefThatClimbsOutOfThePackage() throws IOException {
        Path root = Tt05SipBuilder.create().writeDirectory(tmp);
        Path mets = root.resolve("METS.xml");
        Files.writeString(
                mets,
                Files.readString(mets)
                        .replace("xlink:href=\"metadata/descriptive/EAD.xml\"", "xlink:href=\"../../etc/passwd\""));

        ParsedPackage parsed = readDirectory(root);

        assertThat(errors(parsed))
                .extracting(Finding::code)
                .contains("METS_HREF_OUTSIDE_PACKAGE", "METS_FILE_UNREFERENCED");
    }

    @Test
    void refusesAnEadRecordWithADoctype() throws IOException {
        Path root = Tt05SipBuilder.create().writeDirectory(tmp);
        Files.writeString(
                root.resolve("metadata/descriptive/EAD.xml"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE simpledc [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                        + "<simpledc><title>&x;</title></simpledc>\n");

        ParsedPackage parsed = readDirectory(root);

        assertThat(errors(parsed)).extracting(Finding::code).contains("TT05_XML_DOCTYPE", "METS_CHECKSUM_MISMATCH");
    }

    @Test
    void rejectsEveryEarkCsipExampleAsATt05Sip() throws IOException {
        try (Stream<Path> zips = Files.list(SharedFixtures.fixtures().resolve("eark-csip-examples"))) {
            for (Path zip : zips.sorted().toList()) {
                Path dir = Files.createDirectories(tmp.resolve(zip.getFileName().toString() + ".d"));
                PackageDetector.Detection detection = PackageDetector.detect(dir, UnpackedTree.unzip(zip, dir));
                assertThat(detection.format()).as(zip.toString()).contains(PackageFormat.TT05_SIP);

                ParsedPackage parsed = Tt05SipReader.read(detection.root());

                assertThat(errors(parsed)).as(zip.toString()).isNotEmpty();
            }
        }
    }

    private ParsedPackage readZip(Tt05SipBuilder builder) {
        Path zip = builder.writeZip(tmp.resolve("sip.zip"));
        Path dir = tmp.resolve("unpacked");
        PackageDetector.Detection detection = PackageDetector.detect(dir, UnpackedTree.unzip(zip, dir));
        assertThat(detection.format()).contains(PackageFormat.TT05_SIP);
        assertThat(detection.root().prefix()).isEqualTo(builder.folderName() + "/");
        return Tt05SipReader.read(detection.root());
    }

    private ParsedPackage readDirectory(Path root) {
        PackageDetector.Detection detection =
                PackageDetector.detect(root.getParent(), UnpackedTree.hash(root.getParent(), root));
        return Tt05SipReader.read(detection.root());
    }

    private static List<Finding> errors(ParsedPackage parsed) {
        return parsed.findings().stream().filter(Finding::isError).toList();
    }
}
