package vn.kho.ingest.tt05;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One element of a TT05 record and what its value must look like.
 *
 * @param name the element's local name
 * @param vietnamese the profile's Vietnamese name, or null when it gives none
 * @param kind how the value is read
 * @param maxLength the most characters (Unicode code points, after NFC) a {@link Kind#TEXT} value may have, or 0
 * @param codes the code list of a {@link Kind#CODE} or {@link Kind#CODES} value, else null
 * @param repeatable whether the element may occur more than once
 */
record Tt05Field(String name, String vietnamese, Kind kind, int maxLength, Tt05CodeList codes, boolean repeatable) {
    enum Kind {
        TEXT,
        /** One code of a code list. */
        CODE,
        /** One or more codes, in repeated elements or separated by commas, semicolons or spaces. */
        CODES,
        /** {@code DD/MM/YYYY}, or {@code MM/YYYY} / {@code YYYY} with a warning (see {@link Tt05Date}). */
        DATE,
        /** A non-negative whole number. */
        INTEGER,
        /** {@code true}, {@code false}, {@code 1} or {@code 0} (xs:boolean). */
        BOOLEAN
    }

    /** The fields of the hồ sơ record ({@code EAD.xml}, {@code <simpledc>}). */
    static final Map<String, Tt05Field> HO_SO = table(List.of(
            text("fileCode", "Mã hồ sơ", 100),
            text("title", "Tiêu đề hồ sơ", 1000),
            code("maintenance", "Thời hạn lưu trữ", Tt05CodeList.MAINTENANCE),
            code("mode", "Chế độ sử dụng", Tt05CodeList.MODE),
            new Tt05Field("language", "Ngôn ngữ", Kind.CODES, 0, Tt05CodeList.LANGUAGE, true),
            of("startDate", "Thời gian bắt đầu", Kind.DATE),
            of("endDate", "Thời gian kết thúc", Kind.DATE),
            new Tt05Field("keyword", "Từ khóa", Kind.TEXT, 100, null, true),
            of("totalDoc", "Tổng số tài liệu trong hồ sơ", Kind.INTEGER),
            of("numberOfPaper", "Số lượng tờ", Kind.INTEGER),
            of("numberOfPage", "Số lượng trang", Kind.INTEGER),
            code("format", "Tình trạng vật lý", Tt05CodeList.FORMAT),
            text("inforSign", "Ký hiệu thông tin", 30),
            code("confidenceLevel", "Mức độ tin cậy", Tt05CodeList.CONFIDENCE_LEVEL),
            text("paperFileCode", "Mã hồ sơ gốc giấy", 100),
            code("riskRecovery", "Chế độ dự phòng", Tt05CodeList.RISK_RECOVERY),
            code("riskRecoveryStatus", "Tình trạng dự phòng", Tt05CodeList.RISK_RECOVERY_STATUS),
            text("description", "Ghi chú", 2000)));

    /** Required in every hồ sơ record. */
    static final Set<String> HO_SO_REQUIRED = Set.of(
            "fileCode", "title", "maintenance", "mode", "language", "startDate", "endDate", "totalDoc", "numberOfPage");

    /**
     * The fields of a document record ({@code EAD_doc}; {@code EAD_pic} and {@code EAD_media} share them and add
     * fields of their own, which are not checked).
     */
    static final Map<String, Tt05Field> DOCUMENT = table(List.of(
            text("docId", "Mã định danh tài liệu", 25),
            text("docCode", "Mã lưu trữ", 0),
            of("docOrdinal", null, Kind.INTEGER),
            code("maintenance", "Thời hạn lưu trữ", Tt05CodeList.MAINTENANCE),
            code("typeName", "Tên loại tài liệu", Tt05CodeList.TYPE_NAME),
            text("codeNumber", "Số", 11),
            text("codeNotation", "Ký hiệu", 30),
            of("issuedDate", "Ngày tháng năm", Kind.DATE),
            text("organName", "Cơ quan ban hành", 200),
            text("subject", "Trích yếu nội dung", 500),
            new Tt05Field("language", "Ngôn ngữ", Kind.CODES, 0, Tt05CodeList.LANGUAGE, true),
            of("numberOfPage", "Số lượng trang", Kind.INTEGER),
            text("inforSign", "Ký hiệu thông tin", 30),
            new Tt05Field("keyword", "Từ khóa", Kind.TEXT, 100, null, true),
            code("mode", "Chế độ sử dụng", Tt05CodeList.MODE),
            code("confidenceLevel", "Mức độ tin cậy", Tt05CodeList.CONFIDENCE_LEVEL),
            text("autograph", "Bút tích", 2000),
            code("format", "Tình trạng vật lý", Tt05CodeList.FORMAT),
            code("riskRecovery", "Chế độ dự phòng", Tt05CodeList.RISK_RECOVERY),
            code("riskRecoveryStatus", "Tình trạng dự phòng", Tt05CodeList.RISK_RECOVERY_STATUS),
            of("process", "Quy trình xử lý", Kind.BOOLEAN),
            text("description", "Ghi chú", 500)));

    /** Required in every {@code EAD_doc} record (a text document). */
    static final Set<String> DOCUMENT_REQUIRED =
            Set.of("docCode", "typeName", "issuedDate", "organName", "subject", "language", "numberOfPage");

    /** Required in every {@code EAD_pic} and {@code EAD_media} record, which have no pages and no document type. */
    static final Set<String> MEDIA_REQUIRED = Set.of("docCode");

    /** "fileCode (Mã hồ sơ)", or just the name when the profile gives no Vietnamese name. */
    String label() {
        return vietnamese == null ? name : name + " (" + vietnamese + ")";
    }

    private static Tt05Field text(String name, String vietnamese, int maxLength) {
        return new Tt05Field(name, vietnamese, Kind.TEXT, maxLength, null, false);
    }

    private static Tt05Field code(String name, String vietnamese, Tt05CodeList codes) {
        return new Tt05Field(name, vietnamese, Kind.CODE, 0, codes, false);
    }

    private static Tt05Field of(String name, String vietnamese, Kind kind) {
        return new Tt05Field(name, vietnamese, kind, 0, null, false);
    }

    private static Map<String, Tt05Field> table(List<Tt05Field> fields) {
        Map<String, Tt05Field> table = new LinkedHashMap<>();
        fields.forEach(f -> table.put(f.name(), f));
        return Collections.unmodifiableMap(table);
    }
}
