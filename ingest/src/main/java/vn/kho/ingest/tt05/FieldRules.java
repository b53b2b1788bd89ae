package vn.kho.ingest.tt05;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.kho.repository.Finding;

/**
 * The rules one field obeys on its own: present when required, not repeated unless repeatable, no longer than its
 * maximum, on its code list, a valid date, whole number or boolean. Rules across fields and records are in
 * {@link Tt05MetadataRules}.
 */
final class FieldRules {
    private static final int QUOTE_MAX = 80;

    private FieldRules() {}

    static void check(Tt05Record record, Map<String, Tt05Field> table, Set<String> required, List<Finding> out) {
        String path = record.path();
        for (Tt05Field field : table.values()) {
            List<String> values = record.fields().getOrDefault(field.name(), List.of());
            if (required.contains(field.name()) && record.first(field.name()) == null) {
                out.add(Finding.error(
                        "TT05_FIELD_REQUIRED",
                        path + ": " + field.label() + " is required but " + (values.isEmpty() ? "missing" : "empty"),
                        path));
            }
            if (!field.repeatable() && values.size() > 1) {
                out.add(Finding.error(
                        "TT05_FIELD_REPEATED",
                        path + ": " + field.label() + " occurs " + values.size() + " times; it may occur once",
                        path));
            }
            for (String value : values) {
                if (!value.isBlank()) {
                    checkValue(path, field, value.strip(), out);
                }
            }
        }
    }

    private static void checkValue(String path, Tt05Field field, String value, List<Finding> out) {
        String where = path + ": " + field.label();
        switch (field.kind()) {
            case TEXT -> {
                int length = length(value);
                if (field.maxLength() > 0 && length > field.maxLength()) {
                    out.add(Finding.error(
                            "TT05_FIELD_TOO_LONG",
                            where + " has " + length + " characters, more than the " + field.maxLength() + " allowed: '"
                                    + quote(value) + "'",
                            path));
                }
            }
            case CODE -> checkCode(path, where, field.codes(), value, out);
            case CODES -> {
                for (String code : splitCodes(value)) {
                    checkCode(path, where, field.codes(), code, out);
                }
            }
            case DATE -> {
                Optional<Tt05Date> date = Tt05Date.parse(value);
                if (date.isEmpty()) {
                    out.add(Finding.error(
                            "TT05_DATE_INVALID",
                            where + " is '" + quote(value) + "', which is not a calendar date written DD/MM/YYYY",
                            path));
                } else if (!date.get().dayPrecise()) {
                    out.add(Finding.warning(
                            "TT05_DATE_IMPRECISE",
                            where + " is '" + value + "'; a SIP should give the day (DD/MM/YYYY), MM/YYYY and YYYY"
                                    + " are accepted as the whole month or year",
                            path));
                }
            }
            case INTEGER -> {
                if (integer(value) < 0) {
                    out.add(Finding.error(
                            "TT05_INTEGER_INVALID",
                            where + " is '" + quote(value) + "', which is not a whole number",
                            path));
                }
            }
            case BOOLEAN -> {
                if (!List.of("true", "false", "1", "0").contains(value)) {
                    out.add(Finding.error(
                            "TT05_BOOLEAN_INVALID",
                            where + " is '" + quote(value) + "'; it must be true, false, 1 or 0",
                            path));
                }
            }
        }
    }

    private static void checkCode(String path, String where, Tt05CodeList codes, String value, List<Finding> out) {
        if (!codes.contains(value)) {
            out.add(Finding.error(
                    codes.findingCode(),
                    where + " has the code '" + quote(value) + "', which is not on its code list (" + codes.allowed()
                            + ")",
                    path));
        }
    }

    /** The codes of a value that may list several, separated by commas, semicolons or white space. */
    static List<String> splitCodes(String value) {
        return Arrays.stream(value.split("[,;\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The value as a non-negative whole number (at most 9 digits), or -1 when it is not one. */
    static int integer(String value) {
        return value != null && value.strip().matches("[0-9]{1,9}") ? Integer.parseInt(value.strip()) : -1;
    }

    /** Characters as a reader counts them: code points of the NFC form, so decomposed Vietnamese is not counted twice. */
    static int length(String value) {
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC);
        return nfc.codePointCount(0, nfc.length());
    }

    /** The value for a message, cut short when long. */
    static String quote(String value) {
        return length(value) <= QUOTE_MAX ? value : value.substring(0, value.offsetByCodePoints(0, QUOTE_MAX)) + "…";
    }
}
