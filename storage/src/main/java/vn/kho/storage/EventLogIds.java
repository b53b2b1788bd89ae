package vn.kho.storage;

import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;
import vn.kho.repository.PackageId;

/**
 * The object ids of the event-log objects: one OCFL object per calendar month (UTC) holding the PREMIS events of the
 * audits run that month, kept on every replica next to the packages. They are not packages, so whatever lists a
 * replica's objects to find packages (the index rebuild) skips them.
 *
 * <p>A replica names objects by {@link PackageId}, a UUID, so a month's id is a UUID too: a version 8 (custom) UUID
 * whose first twelve hex digits spell "khoevl" in ASCII and whose last six are the year and month, e.g.
 * {@code urn:uuid:6b686f65-766c-8000-8000-000000202611} for November 2026. Packages get random (version 4) UUIDs, and
 * ingest refuses a SIP that claims one of these ids, so the two never meet.
 */
public final class EventLogIds {
    private static final long MOST = 0x6b686f65_766c_8000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;
    private static final long MONTH_MASK = 0xff_ffffL;

    private EventLogIds() {}

    /** The id of the event-log object of {@code month}. */
    public static PackageId of(YearMonth month) {
        if (month.getYear() < 0 || month.getYear() > 9999) {
            throw new IllegalArgumentException("year out of range: " + month);
        }
        long digits = Long.parseLong(String.format("%04d%02d", month.getYear(), month.getMonthValue()), 16);
        return new PackageId(new UUID(MOST, VARIANT | digits));
    }

    /** The month whose event-log object {@code id} is; empty when {@code id} is not an event-log id. */
    public static Optional<YearMonth> month(PackageId id) {
        UUID u = id.uuid();
        if (u.getMostSignificantBits() != MOST || (u.getLeastSignificantBits() & ~MONTH_MASK) != VARIANT) {
            return Optional.empty();
        }
        String digits = String.format("%06x", u.getLeastSignificantBits() & MONTH_MASK);
        try {
            return Optional.of(
                    YearMonth.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4))));
        } catch (RuntimeException e) {
            return Optional.empty(); // right prefix, digits that are no month: not one of ours
        }
    }

    /** Whether {@code id} names an event-log object rather than a package. */
    public static boolean isEventLog(PackageId id) {
        return month(id).isPresent();
    }
}
