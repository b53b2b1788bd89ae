package vn.kho.ingest.tt05;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The TT05 code lists, each with the finding code used when a value is not on it. Codes are compared exactly as
 * written (after trimming): {@code 1} is not {@code 01}.
 */
enum Tt05CodeList {
    /** Thời hạn lưu trữ: 01 Vĩnh viễn (permanent), 02 70 năm … 06 10 năm, 07 Khác. */
    MAINTENANCE("TT05_MAINTENANCE_CODE_UNKNOWN", twoDigits(7)),
    /** Chế độ sử dụng: 01 Công khai, 02 Sử dụng có điều kiện, 03 Mật. */
    MODE("TT05_MODE_CODE_UNKNOWN", twoDigits(3)),
    /** Mức độ tin cậy: 01 Gốc điện tử (born digital), 02 Số hóa (digitized), 03 Hỗn hợp (mixed). */
    CONFIDENCE_LEVEL("TT05_CONFIDENCE_LEVEL_CODE_UNKNOWN", twoDigits(3)),
    /** Ngôn ngữ: 01 Tiếng Việt … 11 Khác. */
    LANGUAGE("TT05_LANGUAGE_CODE_UNKNOWN", twoDigits(11)),
    /** Tên loại tài liệu: 01 Nghị quyết … 32 Khác. */
    TYPE_NAME("TT05_TYPE_NAME_CODE_UNKNOWN", twoDigits(32)),
    /** Tình trạng vật lý: 01 Tốt, 02 Bình thường, 03 Hỏng. */
    FORMAT("TT05_FORMAT_CODE_UNKNOWN", twoDigits(3)),
    /** Chế độ dự phòng: 1 (has a backup copy) or 0. */
    RISK_RECOVERY("TT05_RISK_RECOVERY_CODE_UNKNOWN", List.of("0", "1")),
    /** Tình trạng dự phòng: 01 done, 02 not yet. */
    RISK_RECOVERY_STATUS("TT05_RISK_RECOVERY_STATUS_CODE_UNKNOWN", twoDigits(2));

    static final String PERMANENT = "01";
    static final String BORN_DIGITAL = "01";
    static final String DIGITIZED = "02";
    static final String MIXED = "03";
    static final String HAS_RISK_RECOVERY = "1";

    private final String findingCode;
    private final List<String> codes;

    Tt05CodeList(String findingCode, List<String> codes) {
        this.findingCode = findingCode;
        this.codes = codes;
    }

    String findingCode() {
        return findingCode;
    }

    boolean contains(String value) {
        return codes.contains(value);
    }

    /** The allowed values for a message, e.g. "01 to 07". */
    String allowed() {
        return codes.size() == 2
                ? codes.get(0) + " or " + codes.get(1)
                : codes.get(0) + " to " + codes.get(codes.size() - 1);
    }

    private static List<String> twoDigits(int last) {
        return IntStream.rangeClosed(1, last)
                .mapToObj(i -> String.format("%02d", i))
                .toList();
    }
}
