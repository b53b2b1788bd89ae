package vn.kho.ingest.tt05;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.kho.ingest.PackageRoot;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;

/**
 * The TT05 metadata rules for a SIP: the hồ sơ record ({@code metadata/descriptive/EAD.xml}) and every document
 * record ({@code EAD_doc}, {@code EAD_pic}, {@code EAD_media}; see {@link DocumentRecordReader}). Each rule has its own
 * finding code; a broken rule is an {@code ERROR} unless the table says {@code WARNING} (a policy may re-grade by
 * code). Messages name the file, the element, the Vietnamese field name and the offending value.
 *
 * <table>
 * <caption>Rules and their codes</caption>
 * <tr><th>rule</th><th>code</th><th>severity</th></tr>
 * <tr><td>a required field is missing or empty: hồ sơ fileCode, title, maintenance, mode, language, startDate,
 *     endDate, totalDoc, numberOfPage; EAD_doc docCode, typeName, issuedDate, organName, subject, language,
 *     numberOfPage; EAD_pic / EAD_media docCode</td><td>TT05_FIELD_REQUIRED</td><td>ERROR</td></tr>
 * <tr><td>a single-valued field occurs more than once (all but language and keyword)</td>
 *     <td>TT05_FIELD_REPEATED</td><td>ERROR</td></tr>
 * <tr><td>a text longer than its maximum (characters counted in NFC): fileCode, paperFileCode 100, title 1000,
 *     keyword 100, inforSign 30, description 2000 (document 500), docId 25, codeNumber 11, codeNotation 30,
 *     organName 200, subject 500, autograph 2000</td><td>TT05_FIELD_TOO_LONG</td><td>ERROR</td></tr>
 * <tr><td>maintenance not 01–07</td><td>TT05_MAINTENANCE_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>mode not 01–03</td><td>TT05_MODE_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>a language code not 01–11 (repeated elements or a list separated by , ; or spaces)</td>
 *     <td>TT05_LANGUAGE_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>confidenceLevel not 01–03</td><td>TT05_CONFIDENCE_LEVEL_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>typeName not 01–32</td><td>TT05_TYPE_NAME_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>format not 01–03</td><td>TT05_FORMAT_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>riskRecovery not 1 or 0</td><td>TT05_RISK_RECOVERY_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>riskRecoveryStatus not 01 or 02</td><td>TT05_RISK_RECOVERY_STATUS_CODE_UNKNOWN</td><td>ERROR</td></tr>
 * <tr><td>startDate, endDate, issuedDate not a real calendar date DD/MM/YYYY (nor MM/YYYY, YYYY)</td>
 *     <td>TT05_DATE_INVALID</td><td>ERROR</td></tr>
 * <tr><td>a date written MM/YYYY or YYYY (the AIP form) in a SIP</td><td>TT05_DATE_IMPRECISE</td>
 *     <td>WARNING</td></tr>
 * <tr><td>startDate after endDate (a month or year counts as its whole span)</td>
 *     <td>TT05_DATE_RANGE_REVERSED</td><td>ERROR</td></tr>
 * <tr><td>totalDoc, numberOfPaper, numberOfPage, docOrdinal not a whole number</td>
 *     <td>TT05_INTEGER_INVALID</td><td>ERROR</td></tr>
 * <tr><td>process not true, false, 1 or 0</td><td>TT05_BOOLEAN_INVALID</td><td>ERROR</td></tr>
 * <tr><td>totalDoc differs from the number of documents present (a document described in several representations,
 *     by the same docCode, counts once)</td><td>TT05_TOTAL_DOC_MISMATCH</td>
 *     <td>ERROR</td></tr>
 * <tr><td>the hồ sơ numberOfPage differs from the sum of the documents' numberOfPage</td>
 *     <td>TT05_PAGE_COUNT_MISMATCH</td><td>ERROR</td></tr>
 * <tr><td>fileCode not agency identifier . year . file number (see {@link FileCodes})</td>
 *     <td>TT05_FILE_CODE_INVALID</td><td>ERROR</td></tr>
 * <tr><td>docCode not the hồ sơ fileCode . 7-digit sequence</td><td>TT05_DOC_CODE_INVALID</td><td>ERROR</td></tr>
 * <tr><td>two document records of one representation with the same docCode</td><td>TT05_DOC_CODE_DUPLICATE</td><td>ERROR</td></tr>
 * <tr><td>confidenceLevel 02 (digitized) without paperFileCode</td><td>TT05_PAPER_FILE_CODE_REQUIRED</td>
 *     <td>ERROR</td></tr>
 * <tr><td>confidenceLevel 03 (mixed) without paperFileCode</td><td>TT05_PAPER_FILE_CODE_RECOMMENDED</td>
 *     <td>WARNING</td></tr>
 * <tr><td>riskRecovery 1 without riskRecoveryStatus</td><td>TT05_RISK_RECOVERY_STATUS_REQUIRED</td>
 *     <td>ERROR</td></tr>
 * <tr><td>a born-digital document (its confidenceLevel, else the hồ sơ's, is 01) without process</td>
 *     <td>TT05_PROCESS_REQUIRED</td><td>ERROR</td></tr>
 * <tr><td>{@link ArchiveKind#HISTORICAL} only: a hồ sơ or document maintenance other than 01 (permanent)</td>
 *     <td>TT05_MAINTENANCE_NOT_PERMANENT</td><td>ERROR</td></tr>
 * <tr><td>a document record that is not well-formed XML, has a DOCTYPE, or cannot be read</td>
 *     <td>TT05_DOC_XML_MALFORMED, TT05_DOC_XML_DOCTYPE, TT05_DOC_XML_UNREADABLE</td><td>ERROR</td></tr>
 * <tr><td>a file named EAD_doc*.xml (EAD_pic*, EAD_media*) whose root is none of the three</td>
 *     <td>TT05_DOC_ROOT_INVALID</td><td>ERROR</td></tr>
 * </table>
 *
 * <p>When {@code EAD.xml} is missing or cannot be read, the SIP reader has said so and the hồ sơ rules are skipped;
 * the document rules still run. Elements the profile does not list (such as the extra fields of {@code EAD_pic} and
 * {@code EAD_media}) are not checked.
 */
public final class Tt05MetadataRules {
    private Tt05MetadataRules() {}

    /** Checks the hồ sơ record and every document record of the TT05 SIP at root. Never throws for bad input. */
    public static List<Finding> check(PackageRoot root, DescriptiveRecord hoSo, ArchiveKind kind) {
        List<Finding> findings = new ArrayList<>();
        Optional<Tt05Record> hoSoRecord = hoSoRecord(root, hoSo);
        hoSoRecord.ifPresent(r -> checkHoSo(r, kind, findings));
        DocumentRecordReader.Result documents = DocumentRecordReader.read(root, findings);
        String fileCode = hoSoRecord.map(r -> r.first("fileCode")).orElse(null);
        String confidence = hoSoRecord.map(r -> r.first("confidenceLevel")).orElse(null);
        Map<String, Tt05Record> byDocCode = new HashMap<>();
        List<Tt05Record> distinct = new ArrayList<>();
        for (Tt05Record document : documents.records()) {
            if (checkDocument(document, fileCode, confidence, kind, byDocCode, findings)) {
                distinct.add(document);
            }
        }
        hoSoRecord.ifPresent(r -> checkTotals(r, distinct, documents.unreadable(), findings));
        return List.copyOf(findings);
    }

    /** The hồ sơ record, or empty when EAD.xml is missing or unreadable (which the SIP reader reports). */
    private static Optional<Tt05Record> hoSoRecord(PackageRoot root, DescriptiveRecord hoSo) {
        if (!root.files().containsKey(SimpleDcReader.PATH)) {
            return Optional.empty();
        }
        if (hoSo.fields().isEmpty()) {
            // An empty record is either an empty <simpledc/>, which the rules must reject, or one the reader could
            // not read, which it has reported already; reading it again tells which.
            List<Finding> reading = new ArrayList<>();
            SimpleDcReader.read(root, reading);
            if (Findings.hasErrors(reading)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Tt05Record(SimpleDcReader.PATH, "simpledc", hoSo.fields()));
    }

    private static void checkHoSo(Tt05Record hoSo, ArchiveKind kind, List<Finding> out) {
        String path = hoSo.path();
        FieldRules.check(hoSo, Tt05Field.HO_SO, Tt05Field.HO_SO_REQUIRED, out);
        String fileCode = hoSo.first("fileCode");
        if (fileCode != null) {
            FileCodes.fileCodeProblem(fileCode)
                    .ifPresent(problem -> out.add(Finding.error(
                            "TT05_FILE_CODE_INVALID",
                            path + ": " + label("fileCode") + " is '" + FieldRules.quote(fileCode)
                                    + "', which is not a valid fileCode: " + problem,
                            path)));
        }
        checkDateRange(hoSo, out);
        String confidence = hoSo.first("confidenceLevel");
        if (hoSo.first("paperFileCode") == null) {
            if (Tt05CodeList.DIGITIZED.equals(confidence)) {
                out.add(Finding.error(
                        "TT05_PAPER_FILE_CODE_REQUIRED",
                        path + ": " + label("paperFileCode") + " is required because confidenceLevel"
                                + " is 02 (Số hóa, digitized), but it is missing",
                        path));
            } else if (Tt05CodeList.MIXED.equals(confidence)) {
                out.add(Finding.warning(
                        "TT05_PAPER_FILE_CODE_RECOMMENDED",
                        path + ": confidenceLevel is 03 (Hỗn hợp, mixed) but " + label("paperFileCode")
                                + " is missing; the digitized part has a paper original",
                        path));
            }
        }
        checkRiskRecovery(hoSo, out);
        checkPermanent(hoSo, kind, out);
    }

    private static void checkDateRange(Tt05Record hoSo, List<Finding> out) {
        String start = hoSo.first("startDate");
        String end = hoSo.first("endDate");
        if (start == null || end == null) {
            return;
        }
        Optional<Tt05Date> from = Tt05Date.parse(start);
        Optional<Tt05Date> to = Tt05Date.parse(end);
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            out.add(Finding.error(
                    "TT05_DATE_RANGE_REVERSED",
                    hoSo.path() + ": " + label("startDate") + " " + start + " is after " + label("endDate") + " " + end,
                    hoSo.path()));
        }
    }

    /**
     * Checks one document record; false when it describes, in another representation, a document already seen (same
     * docCode), so that it is not counted twice.
     */
    private static boolean checkDocument(
            Tt05Record document,
            String fileCode,
            String hoSoConfidence,
            ArchiveKind kind,
            Map<String, Tt05Record> byDocCode,
            List<Finding> out) {
        String path = document.path();
        FieldRules.check(
                document,
                Tt05Field.DOCUMENT,
                document.isTextDocument() ? Tt05Field.DOCUMENT_REQUIRED : Tt05Field.MEDIA_REQUIRED,
                out);
        String docCode = document.first("docCode");
        boolean seenBefore = false;
        if (docCode != null) {
            FileCodes.docCodeProblem(docCode, fileCode)
                    .ifPresent(problem -> out.add(Finding.error(
                            "TT05_DOC_CODE_INVALID",
                            path + ": " + documentLabel("docCode") + " is '" + FieldRules.quote(docCode)
                                    + "', which is not a valid docCode: " + problem,
                            path)));
            Tt05Record first = byDocCode.putIfAbsent(docCode, document);
            if (first != null && first.representation().equals(document.representation())) {
                out.add(Finding.error(
                        "TT05_DOC_CODE_DUPLICATE",
                        path + ": " + documentLabel("docCode") + " '" + FieldRules.quote(docCode)
                                + "' is also the docCode of " + first.path(),
                        path));
            }
            seenBefore = first != null && !first.representation().equals(document.representation());
        }
        String confidence =
                Optional.ofNullable(document.first("confidenceLevel")).orElse(hoSoConfidence);
        if (Tt05CodeList.BORN_DIGITAL.equals(confidence) && document.first("process") == null) {
            out.add(Finding.error(
                    "TT05_PROCESS_REQUIRED",
                    path + ": " + documentLabel("process") + " is required for a born-digital document"
                            + " (confidenceLevel 01, Gốc điện tử), but it is missing",
                    path));
        }
        checkRiskRecovery(document, out);
        checkPermanent(document, kind, out);
        return !seenBefore;
    }

    private static void checkRiskRecovery(Tt05Record record, List<Finding> out) {
        if (Tt05CodeList.HAS_RISK_RECOVERY.equals(record.first("riskRecovery"))
                && record.first("riskRecoveryStatus") == null) {
            out.add(Finding.error(
                    "TT05_RISK_RECOVERY_STATUS_REQUIRED",
                    record.path() + ": " + label("riskRecoveryStatus") + " is required because" + " "
                            + label("riskRecovery") + " is 1, but it is missing",
                    record.path()));
        }
    }

    private static void checkPermanent(Tt05Record record, ArchiveKind kind, List<Finding> out) {
        String maintenance = record.first("maintenance");
        if (kind == ArchiveKind.HISTORICAL
                && maintenance != null
                && Tt05CodeList.MAINTENANCE.contains(maintenance)
                && !Tt05CodeList.PERMANENT.equals(maintenance)) {
            out.add(Finding.error(
                    "TT05_MAINTENANCE_NOT_PERMANENT",
                    record.path() + ": " + label("maintenance") + " is " + maintenance
                            + ", but a historical archive (Lưu trữ lịch sử) accepts permanent records (01, Vĩnh"
                            + " viễn) only",
                    record.path()));
        }
    }

    /**
     * totalDoc against the documents present and numberOfPage against their pages. A document described in two
     * representations counts once; a record that could not be read counts as a document of unknown pages.
     */
    private static void checkTotals(Tt05Record hoSo, List<Tt05Record> documents, int unreadable, List<Finding> out) {
        String path = hoSo.path();
        int present = documents.size() + unreadable;
        int totalDoc = FieldRules.integer(hoSo.first("totalDoc"));
        if (totalDoc >= 0 && totalDoc != present) {
            out.add(Finding.error(
                    "TT05_TOTAL_DOC_MISMATCH",
                    path + ": " + label("totalDoc") + " is " + totalDoc + " but the package holds " + present
                            + " document records (EAD_doc, EAD_pic, EAD_media)",
                    path));
        }
        int numberOfPage = FieldRules.integer(hoSo.first("numberOfPage"));
        long pages = unreadable > 0 || documents.isEmpty() ? -1 : pageSum(documents);
        if (numberOfPage >= 0 && pages >= 0 && numberOfPage != pages) {
            out.add(Finding.error(
                    "TT05_PAGE_COUNT_MISMATCH",
                    path + ": " + label("numberOfPage") + " is " + numberOfPage
                            + " but the documents' numberOfPage add up to " + pages,
                    path));
        }
    }

    /**
     * The documents' pages, or -1 when a text document's page count is missing or not a whole number (reported by
     * the field rules); a photo or audio/video record without one has no pages.
     */
    private static long pageSum(List<Tt05Record> documents) {
        long sum = 0;
        for (Tt05Record document : documents) {
            String value = document.first("numberOfPage");
            int pages = FieldRules.integer(value);
            if (pages < 0 && (value != null || document.isTextDocument())) {
                return -1;
            }
            sum += Math.max(pages, 0);
        }
        return sum;
    }

    private static String label(String field) {
        return Tt05Field.HO_SO.get(field).label();
    }

    private static String documentLabel(String field) {
        return Tt05Field.DOCUMENT.get(field).label();
    }
}
