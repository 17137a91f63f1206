package riskmap.rectification.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import riskmap.rectification.State;
import riskmap.region.RegionLevel;
import riskmap.store.SqlFragment;

/**
 * Every statement of the hidden-danger dashboard. A rectification carries its point's
 * {@code admin_code} and {@code risk_level} and its {@code closed_at} (V21), so the counts read
 * {@code rectification} alone, through V21's indexes; only the overdue page joins the point and
 * the person. A region is an admin-code prefix (digits only, so LIKE needs no escaping), a roll-up
 * level a prefix length from {@link RegionLevel}, and the state names come from {@link State}:
 * nothing from a request enters the SQL text. "Now" is bound.
 */
public final class DashboardSql {
    /** States in which the deadline can be missed ({@link State#workPending}), as SQL literals. */
    private static final String PENDING = Arrays.stream(State.values()).filter(State::workPending)
            .map(s -> "'" + s.id() + "'").collect(Collectors.joining(", ", "(", ")"));
    private static final String OPEN = "r.state <> '" + State.CLOSED.id() + "'";
    private static final String CLOSED = "r.state = '" + State.CLOSED.id() + "'";

    private DashboardSql() {
    }

    /** The region's name (no row when the code is unknown). */
    public static SqlFragment regionName(String code) {
        return SqlFragment.of("SELECT name FROM region WHERE code = ?", code);
    }

    /**
     * Per region at {@code rollup}: open rectifications by risk level, how many of them are overdue
     * at {@code now}, and how many were written off (closed) in the month. A point coded only to a
     * coarser level than the roll-up forms a row with its own code, so the rows add up to the
     * totals. The region's name where the code is known.
     */
    public static SqlFragment byRegion(String region, RegionLevel rollup, DashboardPeriod p) {
        String code = "left(r.admin_code, " + rollup.codeLength() + ")";
        SqlFragment open = where(SqlFragment.of(OPEN), inRegion(region));
        SqlFragment closed = where(closedIn(p.monthStart(), p.monthEnd()), inRegion(region));
        List<Object> binds = new ArrayList<>();
        binds.add(at(p.now()));
        binds.addAll(open.binds());
        binds.addAll(closed.binds());
        return new SqlFragment("WITH o AS (SELECT " + code + " AS code, count(*) AS open,"
                + " count(*) FILTER (WHERE r.risk_level = 1) AS l1, count(*) FILTER (WHERE r.risk_level = 2) AS l2,"
                + " count(*) FILTER (WHERE r.risk_level = 3) AS l3, count(*) FILTER (WHERE r.risk_level = 4) AS l4,"
                + " count(*) FILTER (WHERE r.state IN " + PENDING + " AND r.deadline < ?) AS overdue"
                + " FROM rectification r" + open.whereClause() + " GROUP BY 1),"
                + " c AS (SELECT " + code + " AS code, count(*) AS closed FROM rectification r" + closed.whereClause() + " GROUP BY 1)"
                + " SELECT code, g.name, coalesce(o.open, 0) AS open, coalesce(o.l1, 0) AS l1, coalesce(o.l2, 0) AS l2,"
                + " coalesce(o.l3, 0) AS l3, coalesce(o.l4, 0) AS l4, coalesce(o.overdue, 0) AS overdue, coalesce(c.closed, 0) AS closed"
                + " FROM o FULL JOIN c USING (code) LEFT JOIN region g USING (code) ORDER BY code", binds);
    }

    /** Rectifications opened per week of the trend (0 = the oldest week). */
    public static SqlFragment openedByWeek(String region, DashboardPeriod p) {
        SqlFragment where = where(SqlFragment.of("r.created_at >= ? AND r.created_at < ?", at(p.firstWeekStart()), at(p.weeksEnd())), inRegion(region));
        return byWeek("r.created_at", where, p);
    }

    /** Rectifications written off per week of the trend. */
    public static SqlFragment closedByWeek(String region, DashboardPeriod p) {
        return byWeek("r.closed_at", where(closedIn(p.firstWeekStart(), p.weeksEnd()), inRegion(region)), p);
    }

    /**
     * The overdue rectifications, longest overdue first; the responsible person (id, name, phone)
     * only where {@code personalPrefix} covers the person (null: nowhere). {@code limit} null: all.
     */
    public static SqlFragment overdue(String region, Instant now, String personalPrefix, Integer limit) {
        SqlFragment where = where(SqlFragment.of("r.state IN " + PENDING + " AND r.deadline < ?", at(now)), inRegion(region));
        String personal = personalPrefix == null ? "false" : "p.admin_code LIKE ?";
        List<Object> binds = new ArrayList<>();
        if (personalPrefix != null) {
            for (int i = 0; i < 3; i++) binds.add(personalPrefix + "%");
        }
        binds.addAll(where.binds());
        if (limit != null) binds.add(limit);
        return new SqlFragment("SELECT r.id, r.hazard_id, t.name AS hazard_name, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat,"
                + " r.admin_code, r.risk_level, r.state, r.deadline,"
                + " CASE WHEN " + personal + " THEN r.responsible_person_id END AS responsible_person_id,"
                + " CASE WHEN " + personal + " THEN p.name END AS person_name,"
                + " CASE WHEN " + personal + " THEN p.phone END AS person_phone"
                + " FROM rectification r JOIN hazard_point t ON t.id = r.hazard_id LEFT JOIN person p ON p.id = r.responsible_person_id" + where.whereClause()
                + " ORDER BY r.deadline, r.id" + (limit == null ? "" : " LIMIT ?"), binds);
    }

    private static SqlFragment byWeek(String time, SqlFragment where, DashboardPeriod p) {
        List<Object> binds = new ArrayList<>();
        binds.add(p.firstWeekStart().getEpochSecond());
        binds.addAll(where.binds());
        return new SqlFragment("SELECT floor((extract(epoch FROM " + time + ") - ?) / " + DashboardPeriod.WEEK_SECONDS + ")::int AS week, count(*) AS n"
                + " FROM rectification r" + where.whereClause() + " GROUP BY 1", binds);
    }

    private static SqlFragment closedIn(Instant from, Instant to) {
        return SqlFragment.of(CLOSED + " AND r.closed_at >= ? AND r.closed_at < ?", at(from), at(to));
    }

    /** The whole country is the empty prefix: no condition at all. */
    private static SqlFragment inRegion(String region) {
        return region.isEmpty() ? SqlFragment.EMPTY : SqlFragment.of("r.admin_code LIKE ?", region + "%");
    }

    private static SqlFragment where(SqlFragment... parts) {
        return SqlFragment.join(" AND ", List.of(parts));
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
