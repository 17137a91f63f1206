package riskmap.ogc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import riskmap.domain.ApiException;

/**
 * The {@code datetime} parameter, matched against {@code updated_at}: an instant
 * ({@code 2024-05-01T08:00:00Z}), a date (the whole UTC day), or an interval {@code start/end}
 * whose ends may be open ({@code ..} or empty). Interval ends are inclusive; a date as an end
 * means the whole of that day.
 *
 * @param from        first instant matched, or null for open
 * @param to          last instant, or null for open
 * @param toInclusive whether {@code to} itself matches (false when {@code to} is the start of the day after a date)
 */
public record TimeInterval(Instant from, Instant to, boolean toInclusive) {
    public static TimeInterval parse(String value) {
        if (value == null) return null;
        int slash = value.indexOf('/');
        if (slash < 0) {
            if (value.equals("..")) throw invalid(value, "'..' is only allowed as one end of an interval");
            if (isDate(value)) {
                LocalDate d = date(value);
                return new TimeInterval(startOf(d), startOf(d.plusDays(1)), false);
            }
            Instant i = instant(value);
            return new TimeInterval(i, i, true);
        }
        if (value.indexOf('/', slash + 1) >= 0) throw invalid(value, "an interval has exactly one '/'");
        String a = value.substring(0, slash), b = value.substring(slash + 1);
        boolean openA = a.isEmpty() || a.equals(".."), openB = b.isEmpty() || b.equals("..");
        if (openA && openB) throw invalid(value, "at least one end of the interval must be a date or date-time");
        Instant from = openA ? null : isDate(a) ? startOf(date(a)) : instant(a);
        Instant to = null;
        boolean inclusive = true;
        if (!openB) {
            if (isDate(b)) {
                to = startOf(date(b).plusDays(1));
                inclusive = false;
            } else {
                to = instant(b);
            }
        }
        if (from != null && to != null && (inclusive ? from.isAfter(to) : !from.isBefore(to))) {
            throw invalid(value, "the interval's start is after its end");
        }
        return new TimeInterval(from, to, inclusive);
    }

    private static boolean isDate(String s) {
        return s.length() == 10 && s.charAt(4) == '-';
    }

    private static Instant startOf(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid(s, "'" + s + "' is not a date such as 2024-05-01");
        }
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s.replace(' ', '+')).toInstant(); // a '+' in an unencoded URL arrives as a space
        } catch (DateTimeParseException e) {
            throw invalid(s, "'" + s + "' is not an RFC 3339 date-time such as 2024-05-01T08:00:00Z");
        }
    }

    private static ApiException invalid(String value, String why) {
        return ApiException.invalidParameter("datetime", why + "; use an instant (2024-05-01T08:00:00Z), a date (2024-05-01) "
                + "or an interval (2024-01-01T00:00:00Z/2024-06-30T23:59:59Z, 2024-01-01/.., ../2024-06-30), got '" + value + "'");
    }
}
