package vn.kho.ingest.tt05;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TT05 date: {@code DD/MM/YYYY}, or the less precise {@code MM/YYYY} and {@code YYYY} the profile allows in AIPs.
 * Day and month are two digits, the year four; only real calendar dates parse ({@code 30/02/2024} does not). A less
 * precise date stands for the whole month or year, from {@code earliest} to {@code latest}.
 */
record Tt05Date(LocalDate earliest, LocalDate latest, boolean dayPrecise) {
    private static final Pattern DAY = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
    private static final Pattern MONTH = Pattern.compile("(\\d{2})/(\\d{4})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    /** The date {@code value} (trimmed) stands for, or empty when it is not a TT05 date. */
    static Optional<Tt05Date> parse(String value) {
        String s = value.strip();
        try {
            Matcher m = DAY.matcher(s);
            if (m.matches()) {
                LocalDate day =
                        LocalDate.of(year(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
                return Optional.of(new Tt05Date(day, day, true));
            }
            m = MONTH.matcher(s);
            if (m.matches()) {
                YearMonth month = YearMonth.of(year(m.group(2)), Integer.parseInt(m.group(1)));
                return Optional.of(new Tt05Date(month.atDay(1), month.atEndOfMonth(), false));
            }
            if (YEAR.matcher(s).matches()) {
                int year = year(s);
                return Optional.of(new Tt05Date(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), false));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** True when this date certainly lies after {@code end}: even its earliest day is after end's latest day. */
    boolean isAfter(Tt05Date end) {
        return earliest.isAfter(end.latest);
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (year < 1) {
            throw new DateTimeException("year 0000");
        }
        return year;
    }
}
