package riskmap.rectification.dashboard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The calendar the dashboard counts in, from the application's clock: China Standard Time (one
 * zone for the whole country, no daylight saving, so every ISO week is exactly 7 × 24 h), the
 * month "now" lies in, and the last {@code weeks} ISO weeks ending with the current one.
 */
public record DashboardPeriod(Instant now, Instant monthStart, Instant monthEnd, Instant firstWeekStart, int weeks) {
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final long WEEK_SECONDS = 7 * 24 * 3600;

    public static DashboardPeriod at(Instant now, int weeks) {
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        LocalDate month = today.withDayOfMonth(1);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weeks - 1L);
        return new DashboardPeriod(now, start(month), start(month.plusMonths(1)), start(monday), weeks);
    }

    /** The end of the current week: the trend counts [firstWeekStart, weeksEnd). */
    public Instant weeksEnd() {
        return firstWeekStart.plusSeconds(weeks * WEEK_SECONDS);
    }

    /** The Monday (China time) that week {@code index} (0 = the oldest) starts on. */
    LocalDate weekStart(int index) {
        return LocalDate.ofInstant(firstWeekStart.plusSeconds(index * WEEK_SECONDS), CHINA);
    }

    /** ISO-8601 week name of week {@code index}, e.g. 2026-W49. */
    String weekName(int index) {
        LocalDate d = weekStart(index);
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The month counted as "this month", e.g. 2026-12. */
    String monthName() {
        return LocalDate.ofInstant(monthStart, CHINA).toString().substring(0, 7);
    }

    private static Instant start(LocalDate d) {
        return d.atStartOfDay(CHINA).toInstant();
    }
}
