package vn.kho.ingest.tt05;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.PackageDetector;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.ingest.testkit.UnpackedTree;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/** One test per TT05 metadata rule, each breaking that rule alone in an otherwise valid SIP from the test kit. */
class Tt05MetadataRulesTest {
    private static final UUID ID = UUID.fromString("3b0f6a1e-2c4d-4f5a-8b9c-0d1e2f3a4b5c");
    private static final String EAD = "metadata/descriptive/EAD.xml";
    private static final String DOC_1 = "representations/rep1/metadata/descriptive/EAD_doc_0000001.xml";
    private static final String DOC_2 = "representations/rep1/metadata/descriptive/EAD_doc_0000002.xml";

    @TempDir
    Path tmp;

    // ---- the defaults and the kind of archive

    @Test
    void acceptsTheBuildersDefaultPackageWithoutFindings() {
        assertThat(check(sip(), ArchiveKind.HISTORICAL)).isEmpty();
        assertThat(check(sip(), ArchiveKind.AGENCY)).isEmpty();
    }

    @Test
    void acceptsAnEadRecordWrittenInANamespace() {
        assertThat(check(sip().eadNamespace(Tt05SipBuilder.SIMPLEDC_NS), ArchiveKind.AGENCY))
                .isEmpty();
    }

    @Test
    void historicalArchiveRejectsMaintenance02_TT05_MAINTENANCE_NOT_PERMANENT() {
        List<Finding> findings = check(sip().maintenance("02"), ArchiveKind.HISTORICAL);

        assertThat(findings)
                .extracting(Finding::severity, Finding::code, Finding::path)
                .containsExactly(
                        tuple(Severity.ERROR, "TT05_MAINTENANCE_NOT_PERMANENT", EAD),
                        tuple(Severity.ERROR, "TT05_MAINTENANCE_NOT_PERMANENT", DOC_1),
                        tuple(Severity.ERROR, "TT05_MAINTENANCE_NOT_PERMANENT", DOC_2));
        assertThat(findings.get(0).message())
                .contains(EAD, "maintenance (Thời hạn lưu trữ)", "is 02", "historical archive");
    }

    @Test
    void historicalArchiveAcceptsMaintenance01() {
        assertThat(check(sip().maintenance("01"), ArchiveKind.HISTORICAL)).isEmpty();
    }

    @Test
    void agencyArchiveAcceptsMaintenance02() {
        assertThat(check(sip().maintenance("02"), ArchiveKind.AGENCY)).isEmpty();
    }

    // ---- required, repeated, too long

    @Test
    void rejectsHoSoWithoutTitle_TT05_FIELD_REQUIRED() {
        Finding f = single(check(sip().withoutEadField("title")));

        assertThat(f.code()).isEqualTo("TT05_FIELD_REQUIRED");
        assertThat(f.path()).isEqualTo(EAD);
        assertThat(f.message()).contains(EAD, "title (Tiêu đề hồ sơ)", "missing");
    }

    @Test
    void rejectsHoSoWithAnEmptyTitle_TT05_FIELD_REQUIRED() {
        Finding f = single(check(sip().ead("title", "  ")));

        assertThat(f.code()).isEqualTo("TT05_FIELD_REQUIRED");
        assertThat(f.message()).contains("title (Tiêu đề hồ sơ)", "empty");
    }

    @Test
    void rejectsHoSoWithoutModeAsAnError_TT05_FIELD_REQUIRED() {
        Finding f = single(check(sip().mode(null)));

        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.code()).isEqualTo("TT05_FIELD_REQUIRED");
        assertThat(f.message()).contains("mode (Chế độ sử dụng)");
    }

    @Test
    void rejectsDocumentWithoutSubject_TT05_FIELD_REQUIRED() {
        Finding f = single(check(sip().withoutDocField(2, "subject")));

        assertThat(f.code()).isEqualTo("TT05_FIELD_REQUIRED");
        assertThat(f.path()).isEqualTo(DOC_2);
        assertThat(f.message()).contains(DOC_2, "subject (Trích yếu nội dung)");
    }

    @Test
    void rejectsHoSoWithTwoTitles_TT05_FIELD_REPEATED() {
        Finding f = single(check(sip().ead("title", "Hồ sơ A", "Hồ sơ B")));

        assertThat(f.code()).isEqualTo("TT05_FIELD_REPEATED");
        assertThat(f.message()).contains("title (Tiêu đề hồ sơ)", "2 times");
    }

    @Test
    void rejectsTitleLongerThan1000Characters_TT05_FIELD_TOO_LONG() {
        Finding f = single(check(sip().ead("title", "Hồ sơ " + "a".repeat(996))));

        assertThat(f.code()).isEqualTo("TT05_FIELD_TOO_LONG");
        assertThat(f.message()).contains("title (Tiêu đề hồ sơ)", "1002 characters", "1000", "'Hồ sơ aaa");
    }

    @Test
    void countsDecomposedVietnameseAsTheCharactersAReaderSees() {
        String decomposed = Normalizer.normalize("ữ".repeat(1000), Normalizer.Form.NFD);
        assertThat(decomposed.length()).isGreaterThan(1000);

        assertThat(check(sip().ead("title", decomposed))).isEmpty();
    }

    @Test
    void rejectsDocumentSubjectLongerThan500Characters_TT05_FIELD_TOO_LONG() {
        Finding f = single(check(sip().docField(1, "subject", "x".repeat(501))));

        assertThat(f.code()).isEqualTo("TT05_FIELD_TOO_LONG");
        assertThat(f.path()).isEqualTo(DOC_1);
        assertThat(f.message()).contains("subject (Trích yếu nội dung)", "501 characters", "500");
    }

    // ---- code lists

    @Test
    void rejectsUnknownMaintenanceCode_TT05_MAINTENANCE_CODE_UNKNOWN() {
        Finding f = single(check(sip().ead("maintenance", "08")));

        assertThat(f.code()).isEqualTo("TT05_MAINTENANCE_CODE_UNKNOWN");
        assertThat(f.message()).contains("maintenance (Thời hạn lưu trữ)", "'08'", "01 to 07");
    }

    @Test
    void rejectsUnknownModeCode_TT05_MODE_CODE_UNKNOWN() {
        Finding f = single(check(sip().ead("mode", "1")));

        assertThat(f.code()).isEqualTo("TT05_MODE_CODE_UNKNOWN");
        assertThat(f.message()).contains("mode (Chế độ sử dụng)", "'1'", "01 to 03");
    }

    @Test
    void rejectsUnknownLanguageCodeInAList_TT05_LANGUAGE_CODE_UNKNOWN() {
        Finding f = single(check(sip().ead("language", "01, 12")));

        assertThat(f.code()).isEqualTo("TT05_LANGUAGE_CODE_UNKNOWN");
        assertThat(f.message()).contains("language (Ngôn ngữ)", "'12'", "01 to 11");
    }

    @Test
    void acceptsLanguagesRepeatedOrSeparatedByCommasAndSemicolons() {
        assertThat(check(sip().ead("language", "01", "02;11").docField(1, "language", "01, 03")))
                .isEmpty();
    }

    @Test
    void rejectsUnknownConfidenceLevelCode_TT05_CONFIDENCE_LEVEL_CODE_UNKNOWN() {
        Finding f = single(check(sip().ead("confidenceLevel", "04")));

        assertThat(f.code()).isEqualTo("TT05_CONFIDENCE_LEVEL_CODE_UNKNOWN");
        assertThat(f.message()).contains("confidenceLevel (Mức độ tin cậy)", "'04'");
    }

    @Test
    void rejectsUnknownTypeNameCode_TT05_TYPE_NAME_CODE_UNKNOWN() {
        Finding f = single(check(sip().docField(2, "typeName", "33")));

        assertThat(f.code()).isEqualTo("TT05_TYPE_NAME_CODE_UNKNOWN");
        assertThat(f.path()).isEqualTo(DOC_2);
        assertThat(f.message()).contains("typeName (Tên loại tài liệu)", "'33'", "01 to 32");
    }

    @Test
    void rejectsUnknownFormatCode_TT05_FORMAT_CODE_UNKNOWN() {
        Finding f = single(check(sip().ead("format", "Tốt")));

        assertThat(f.code()).isEqualTo("TT05_FORMAT_CODE_UNKNOWN");
        assertThat(f.message()).contains("format (Tình trạng vật lý)", "'Tốt'");
    }

    @Test
    void rejectsUnknownRiskRecoveryCode_TT05_RISK_RECOVERY_CODE_UNKNOWN() {
        Finding f = single(check(sip().ead("riskRecovery", "yes")));

        assertThat(f.code()).isEqualTo("TT05_RISK_RECOVERY_CODE_UNKNOWN");
        assertThat(f.message()).contains("riskRecovery (Chế độ dự phòng)", "0 or 1");
    }

    @Test
    void rejectsUnknownRiskRecoveryStatusCode_TT05_RISK_RECOVERY_STATUS_CODE_UNKNOWN() {
        Finding f = single(check(sip().ead("riskRecovery", "1").ead("riskRecoveryStatus", "03")));

        assertThat(f.code()).isEqualTo("TT05_RISK_RECOVERY_STATUS_CODE_UNKNOWN");
        assertThat(f.message()).contains("riskRecoveryStatus (Tình trạng dự phòng)", "'03'");
    }

    // ---- dates

    @Test
    void rejectsADateThatIsNotOnTheCalendar_TT05_DATE_INVALID() {
        Finding f = single(check(sip().ead("endDate", "30/02/2024")));

        assertThat(f.code()).isEqualTo("TT05_DATE_INVALID");
        assertThat(f.message()).contains("endDate (Thời gian kết thúc)", "'30/02/2024'", "DD/MM/YYYY");
    }

    @Test
    void rejectsAnIsoDate_TT05_DATE_INVALID() {
        Finding f = single(check(sip().docField(1, "issuedDate", "2024-12-01")));

        assertThat(f.code()).isEqualTo("TT05_DATE_INVALID");
        assertThat(f.path()).isEqualTo(DOC_1);
        assertThat(f.message()).contains("issuedDate (Ngày tháng năm)", "'2024-12-01'");
    }

    @Test
    void rejectsADayWithoutItsLeadingZero_TT05_DATE_INVALID() {
        assertThat(single(check(sip().ead("startDate", "2/01/2024"))).code()).isEqualTo("TT05_DATE_INVALID");
    }

    @Test
    void warnsButAcceptsAMonthOrYearDate_TT05_DATE_IMPRECISE() {
        List<Finding> findings = check(sip().ead("startDate", "01/2024").ead("endDate", "2024"));

        assertThat(findings)
                .extracting(Finding::severity, Finding::code)
                .containsExactly(
                        tuple(Severity.WARNING, "TT05_DATE_IMPRECISE"), tuple(Severity.WARNING, "TT05_DATE_IMPRECISE"));
    }

    @Test
    void rejectsStartDateAfterEndDate_TT05_DATE_RANGE_REVERSED() {
        Finding f = single(check(sip().ead("startDate", "29/12/2024").ead("endDate", "28/12/2024")));

        assertThat(f.code()).isEqualTo("TT05_DATE_RANGE_REVERSED");
        assertThat(f.message()).contains("startDate (Thời gian bắt đầu)", "29/12/2024", "28/12/2024");
    }

    @Test
    void acceptsAYearStartThatOverlapsADayEnd() {
        List<Finding> findings = check(sip().ead("startDate", "2024").ead("endDate", "02/01/2024"));

        assertThat(findings).extracting(Finding::code).containsExactly("TT05_DATE_IMPRECISE");
    }

    // ---- numbers and totals

    @Test
    void rejectsANumberOfPagesThatIsNotAWholeNumber_TT05_INTEGER_INVALID() {
        Finding f = single(check(sip().ead("numberOfPaper", "hai")));

        assertThat(f.code()).isEqualTo("TT05_INTEGER_INVALID");
        assertThat(f.message()).contains("numberOfPaper (Số lượng tờ)", "'hai'");
    }

    @Test
    void rejectsTotalDocThatDisagreesWithTheDocumentsPresent_TT05_TOTAL_DOC_MISMATCH() {
        Finding f = single(check(sip().ead("totalDoc", "3")));

        assertThat(f.code()).isEqualTo("TT05_TOTAL_DOC_MISMATCH");
        assertThat(f.message()).contains("totalDoc (Tổng số tài liệu trong hồ sơ)", "is 3", "holds 2");
    }

    @Test
    void countsAPhotoRecordAsADocumentWithoutPages() {
        List<Finding> findings = check(sip().docRecordRoot(2, "EAD_pic")
                .withoutDocField(2, "numberOfPage")
                .withoutDocField(2, "typeName")
                .ead("numberOfPage", "1"));

        assertThat(findings).isEmpty();
    }

    @Test
    void rejectsPageCountThatDisagreesWithTheDocuments_TT05_PAGE_COUNT_MISMATCH() {
        Finding f = single(check(sip().docField(2, "numberOfPage", "5")));

        assertThat(f.code()).isEqualTo("TT05_PAGE_COUNT_MISMATCH");
        assertThat(f.message()).contains("numberOfPage (Số lượng trang)", "is 2", "add up to 6");
    }

    // ---- codes

    @Test
    void rejectsFileCodeWithoutYear_TT05_FILE_CODE_INVALID() {
        List<Finding> findings = check(sip().fileCode("000.00.00.H30.01"));

        assertThat(findings).extracting(Finding::code).containsExactly("TT05_FILE_CODE_INVALID");
        assertThat(findings.get(0).message()).contains("fileCode (Mã hồ sơ)", "'000.00.00.H30.01'", "4-digit year");
    }

    @Test
    void rejectsFileCodeWithAnArchivePrefix_TT05_FILE_CODE_INVALID() {
        List<Finding> findings = check(sip().fileCode("H30.01.000.00.00.H30.2024.01"));

        assertThat(findings).extracting(Finding::code).containsExactly("TT05_FILE_CODE_INVALID");
        assertThat(findings.get(0).message()).contains("prefix", "arcFileCode");
    }

    @Test
    void acceptsAFileNotationWithDotsAndDashes() {
        assertThat(check(sip().fileCode("000.00.00.H30.2024.K4-01.2"))).isEmpty();
    }

    @Test
    void rejectsFileNotationLongerThan20Characters_TT05_FILE_CODE_INVALID() {
        assertThat(check(sip().fileCode("000.00.00.H30.2024." + "1".repeat(21))))
                .extracting(Finding::code)
                .containsExactly("TT05_FILE_CODE_INVALID");
    }

    @Test
    void rejectsDocCodeNotUnderTheHoSoFileCode_TT05_DOC_CODE_INVALID() {
        Finding f = single(check(sip().docField(1, "docCode", "000.00.00.H30.2024.99.0000001")));

        assertThat(f.code()).isEqualTo("TT05_DOC_CODE_INVALID");
        assertThat(f.path()).isEqualTo(DOC_1);
        assertThat(f.message()).contains("docCode (Mã lưu trữ)", "000.00.00.H30.2024.01");
    }

    @Test
    void rejectsDocCodeWithASixDigitSequence_TT05_DOC_CODE_INVALID() {
        Finding f = single(check(sip().docField(1, "docCode", "000.00.00.H30.2024.01.000001")));

        assertThat(f.code()).isEqualTo("TT05_DOC_CODE_INVALID");
        assertThat(f.message()).contains("7-digit");
    }

    @Test
    void rejectsTwoDocumentsWithOneDocCode_TT05_DOC_CODE_DUPLICATE() {
        Finding f = single(check(sip().docField(2, "docCode", "000.00.00.H30.2024.01.0000001")));

        assertThat(f.code()).isEqualTo("TT05_DOC_CODE_DUPLICATE");
        assertThat(f.path()).isEqualTo(DOC_2);
        assertThat(f.message()).contains(DOC_1);
    }

    @Test
    void countsADocumentDescribedInTwoRepresentationsOnce() throws IOException {
        Path root = sip().writeDirectory(tmp);
        Path rep2 = Files.createDirectories(root.resolve("representations/rep2/metadata/descriptive"));
        Files.copy(root.resolve(DOC_1), rep2.resolve("EAD_doc_0000001.xml"));
        Files.copy(root.resolve(DOC_2), rep2.resolve("EAD_doc_0000002.xml"));

        assertThat(check(root, ArchiveKind.AGENCY)).isEmpty();
    }

    // ---- conditional fields

    @Test
    void rejectsDigitizedHoSoWithoutPaperFileCode_TT05_PAPER_FILE_CODE_REQUIRED() {
        Finding f = single(check(sip().ead("confidenceLevel", "02")));

        assertThat(f.code()).isEqualTo("TT05_PAPER_FILE_CODE_REQUIRED");
        assertThat(f.message()).contains("paperFileCode (Mã hồ sơ gốc giấy)", "02");
    }

    @Test
    void acceptsDigitizedHoSoWithPaperFileCode() {
        assertThat(check(sip().ead("confidenceLevel", "02").ead("paperFileCode", "H30.K01.G02.H15.0123")))
                .isEmpty();
    }

    @Test
    void warnsAboutMixedHoSoWithoutPaperFileCode_TT05_PAPER_FILE_CODE_RECOMMENDED() {
        Finding f = single(check(sip().ead("confidenceLevel", "03")));

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.code()).isEqualTo("TT05_PAPER_FILE_CODE_RECOMMENDED");
    }

    @Test
    void rejectsRiskRecoveryWithoutStatus_TT05_RISK_RECOVERY_STATUS_REQUIRED() {
        Finding f = single(check(sip().docField(1, "riskRecovery", "1")));

        assertThat(f.code()).isEqualTo("TT05_RISK_RECOVERY_STATUS_REQUIRED");
        assertThat(f.path()).isEqualTo(DOC_1);
        assertThat(f.message()).contains("riskRecoveryStatus (Tình trạng dự phòng)");
    }

    @Test
    void rejectsBornDigitalDocumentWithoutProcess_TT05_PROCESS_REQUIRED() {
        Finding f = single(check(sip().withoutDocField(1, "process")));

        assertThat(f.code()).isEqualTo("TT05_PROCESS_REQUIRED");
        assertThat(f.message()).contains("process (Quy trình xử lý)", "born-digital");
    }

    @Test
    void acceptsDigitizedDocumentWithoutProcess() {
        assertThat(check(sip().docField(1, "confidenceLevel", "02")
                        .withoutDocField(1, "process")
                        .ead("confidenceLevel", "03")
                        .ead("paperFileCode", "H30.K01.G02.H15.0123")))
                .isEmpty();
    }

    @Test
    void rejectsProcessThatIsNotABoolean_TT05_BOOLEAN_INVALID() {
        Finding f = single(check(sip().docField(1, "process", "có")));

        assertThat(f.code()).isEqualTo("TT05_BOOLEAN_INVALID");
        assertThat(f.message()).contains("process (Quy trình xử lý)", "'có'");
    }

    // ---- reading the document records

    @Test
    void rejectsAMalformedDocumentRecord_TT05_DOC_XML_MALFORMED() throws IOException {
        Path root = sip().writeDirectory(tmp);
        Files.writeString(root.resolve(DOC_2), "<EAD_doc><docCode>");

        List<Finding> findings = check(root, ArchiveKind.AGENCY);

        assertThat(findings)
                .extracting(Finding::code, Finding::path)
                .containsExactly(tuple("TT05_DOC_XML_MALFORMED", DOC_2));
    }

    @Test
    void refusesADocumentRecordWithADoctype_TT05_DOC_XML_DOCTYPE() throws IOException {
        Path root = sip().writeDirectory(tmp);
        Files.writeString(
                root.resolve(DOC_1),
                "<!DOCTYPE EAD_doc [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><EAD_doc><subject>&x;</subject></EAD_doc>");

        assertThat(check(root, ArchiveKind.AGENCY)).extracting(Finding::code).containsExactly("TT05_DOC_XML_DOCTYPE");
    }

    @Test
    void rejectsADocumentRecordWithAnotherRoot_TT05_DOC_ROOT_INVALID() {
        List<Finding> findings = check(sip().docRecordRoot(1, "simpledc"));

        assertThat(findings).extracting(Finding::code).containsExactly("TT05_DOC_ROOT_INVALID");
        assertThat(findings.get(0).message()).contains(DOC_1, "<simpledc>");
    }

    @Test
    void readsDocumentRecordsWrittenInANamespace() throws IOException {
        Path root = sip().docField(1, "typeName", "40").writeDirectory(tmp);
        Path doc = root.resolve(DOC_1);
        Files.writeString(
                doc, Files.readString(doc).replace("<EAD_doc>", "<EAD_doc xmlns=\"http://kho.vn/ns/tt05/ead_doc\">"));

        assertThat(check(root, ArchiveKind.AGENCY))
                .extracting(Finding::code, Finding::path)
                .containsExactly(tuple("TT05_TYPE_NAME_CODE_UNKNOWN", DOC_1));
    }

    @Test
    void leavesAMissingEadToTheSipReaderButStillChecksTheDocuments() {
        List<Finding> findings = check(sip().withoutEad().docField(1, "typeName", "00"));

        assertThat(findings).extracting(Finding::code).containsExactly("TT05_TYPE_NAME_CODE_UNKNOWN");
    }

    @Test
    void rejectsAnEmptyHoSoRecordFieldByField() throws IOException {
        Path root = sip().writeDirectory(tmp);
        Files.writeString(root.resolve(EAD), "<simpledc/>");

        assertThat(check(root, ArchiveKind.AGENCY))
                .extracting(Finding::code)
                .hasSize(Tt05Field.HO_SO_REQUIRED.size())
                .containsOnly("TT05_FIELD_REQUIRED");
    }

    // ---- helpers

    private static Tt05SipBuilder sip() {
        return Tt05SipBuilder.create().id(ID);
    }

    private List<Finding> check(Tt05SipBuilder builder) {
        return check(builder, ArchiveKind.AGENCY);
    }

    private List<Finding> check(Tt05SipBuilder builder, ArchiveKind kind) {
        return check(builder.writeDirectory(tmp.resolve(UUID.randomUUID().toString())), kind);
    }

    private static List<Finding> check(Path root, ArchiveKind kind) {
        PackageDetector.Detection detection =
                PackageDetector.detect(root.getParent(), UnpackedTree.hash(root.getParent(), root));
        PackageRoot packageRoot = detection.root();
        DescriptiveRecord hoSo = SimpleDcReader.read(packageRoot, new ArrayList<>());
        return Tt05MetadataRules.check(packageRoot, hoSo, kind);
    }

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
