package vn.kho.ingest.tt05;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of the TT05 codes of a SIP.
 *
 * <p>{@code fileCode} (Mã hồ sơ) = the agency's electronic identifier (Mã định danh cơ quan, 13 characters shaped
 * {@code 000.00.00.H30}: three digits, two, two, then a letter and two digits, as Decision 20/2020/QĐ-TTg numbers
 * agencies) + {@code .} + the year the hồ sơ was formed (4 digits) + {@code .} + the file number or notation (1 to
 * 20 letters, digits, {@code .}, {@code -} or {@code _}, starting and ending with a letter or digit). The agency code
 * contains dots itself, so the code is matched whole by one pattern anchored at both ends. A SIP carries no archive
 * or fonds prefix: that belongs to the AIP's {@code arcFileCode}.
 *
 * <p>{@code docCode} (Mã lưu trữ) = the hồ sơ's fileCode + {@code .} + a 7-digit sequence from {@code 0000001}.
 */
final class FileCodes {
    static final String AGENCY = "[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}";
    private static final Pattern FILE_CODE = Pattern.compile(
            "(" + AGENCY + ")\\.([0-9]{4})\\.([\\p{L}\\p{N}](?:[\\p{L}\\p{N}._-]{0,18}[\\p{L}\\p{N}])?)");
    private static final Pattern PREFIXED = Pattern.compile(".+?\\.(" + AGENCY + "\\.[0-9]{4}\\..+)");
    private static final Pattern DOC_CODE = Pattern.compile("(.+)\\.([0-9]{7})");

    private FileCodes() {}

    /** Why {@code fileCode} is not a SIP fileCode, or empty when it is one. */
    static Optional<String> fileCodeProblem(String fileCode) {
        if (FILE_CODE.matcher(fileCode).matches()) {
            return Optional.empty();
        }
        Matcher prefixed = PREFIXED.matcher(fileCode);
        if (prefixed.matches() && FILE_CODE.matcher(prefixed.group(1)).matches()) {
            return Optional.of("it carries a prefix before the agency identifier; a SIP's fileCode starts with the"
                    + " agency identifier (an archive or fonds prefix belongs to the AIP's arcFileCode)");
        }
        return Optional.of("it must be the agency identifier (Mã định danh cơ quan, e.g. 000.00.00.H30), '.', the"
                + " 4-digit year, '.', and the file number or notation of at most 20 characters");
    }

    /**
     * Why {@code docCode} is not the code of a document of the hồ sơ {@code fileCode} (null when the hồ sơ has none,
     * then only the sequence is checked), or empty when it is.
     */
    static Optional<String> docCodeProblem(String docCode, String fileCode) {
        Matcher m = DOC_CODE.matcher(docCode);
        if (!m.matches()) {
            return Optional.of("it must end in '.' and a 7-digit sequence number, as in "
                    + (fileCode == null ? "<fileCode>" : fileCode) + ".0000001");
        }
        if (m.group(2).equals("0000000")) {
            return Optional.of("its sequence number 0000000 is not one; documents are numbered from 0000001");
        }
        if (fileCode != null && !m.group(1).equals(fileCode)) {
            return Optional.of("it must start with the hồ sơ's fileCode " + fileCode + ", found " + m.group(1));
        }
        return Optional.empty();
    }
}
