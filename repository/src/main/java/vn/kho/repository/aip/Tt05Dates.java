package vn.kho.repository.aip;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TT05 writes dates as {@code DD/MM/YYYY} (AIPs also {@code MM/YYYY} or {@code YYYY}); Dublin Core and RDF want
 * ISO 8601. This turns one into the other without inventing precision: {@code 05/03/2024} → {@code 2024-03-05},
 * {@code 03/2024} → {@code 2024-03}, {@code 2024} → {@code 2024}. A value already in ISO form is kept.
 */
public final class Tt05Dates {
    private static final Pattern DAY = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern MONTH = Pattern.compile("(\\d{1,2})/(\\d{4})");
    private static final Pattern ISO = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    private Tt05Dates() {}

    /** The ISO 8601 form of {@code date}, or empty when it is null or not a date this class recognises. */
    public static Optional<String> toIso(String date) {
        if (date == null) {
            return Optional.empty();
        }
        String s = date.trim();
        Matcher m = DAY.matcher(s);
        if (m.matches()) {
            int day = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            if (day < 1 || day > 31 || month < 1 || month > 12) {
                return Optional.empty();
            }
            return Optional.of(String.format("%s-%02d-%02d", m.group(3), month, day));
        }
        m = MONTH.matcher(s);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(1));
            return month < 1 || month > 12
                    ? Optional.empty()
                    : Optional.of(String.format("%s-%02d", m.group(2), month));
        }
        return ISO.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    /**
     * The ISO 8601 interval {@code start/end} (or the single date when only one is known, or both are equal), or empty
     * when neither converts. A date that does not convert is left out rather than guessed.
     */
    public static Optional<String> interval(String start, String end) {
        Optional<String> s = toIso(start);
        Optional<String> e = toIso(end);
        if (s.isPresent() && e.isPresent()) {
            return Optional.of(s.get().equals(e.get()) ? s.get() : s.get() + "/" + e.get());
        }
        return s.isPresent() ? s : e;
    }
}
