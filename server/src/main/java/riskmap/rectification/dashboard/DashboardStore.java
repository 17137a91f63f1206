package riskmap.rectification.dashboard;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import riskmap.region.RegionLevel;
import riskmap.store.Sql;

/** Runs {@link DashboardSql}: the dashboard's parts on one REPEATABLE READ snapshot, and the overdue list as a stream. */
public final class DashboardStore {
    private final DataSource ds;

    public DashboardStore(DataSource ds) {
        this.ds = ds;
    }

    /** The region's name, empty when the code is not in the region table. */
    Optional<String> regionName(String code) throws SQLException, IOException {
        List<String> name = new ArrayList<>();
        Sql.query(ds, DashboardSql.regionName(code), rs -> name.add(rs.getString(1)));
        return name.stream().findFirst();
    }

    /** {@code region} an admin-code prefix ("" the whole country); at most {@code overdueLimit} overdue rows, all counted. */
    Dashboard read(String region, RegionLevel rollup, DashboardPeriod p, String personalPrefix, int overdueLimit) throws SQLException, IOException {
        List<Dashboard.RegionRow> rows = new ArrayList<>();
        List<Dashboard.Overdue> overdue = new ArrayList<>();
        long[] opened = new long[p.weeks()];
        long[] closed = new long[p.weeks()];
        Sql.inSnapshot(ds, c -> {
            Sql.query(c, DashboardSql.byRegion(region, rollup, p), rs -> rows.add(new Dashboard.RegionRow(rs.getString("code"), rs.getString("name"),
                    rs.getLong("open"), new long[] {rs.getLong("l1"), rs.getLong("l2"), rs.getLong("l3"), rs.getLong("l4")},
                    rs.getLong("overdue"), rs.getLong("closed"))));
            Sql.query(c, DashboardSql.overdue(region, p.now(), personalPrefix, overdueLimit), rs -> overdue.add(overdue(rs)));
            Sql.query(c, DashboardSql.openedByWeek(region, p), rs -> opened[rs.getInt("week")] = rs.getLong("n"));
            Sql.query(c, DashboardSql.closedByWeek(region, p), rs -> closed[rs.getInt("week")] = rs.getLong("n"));
        });
        List<Dashboard.Week> trend = new ArrayList<>();
        for (int i = 0; i < p.weeks(); i++) trend.add(new Dashboard.Week(p.weekName(i), p.weekStart(i), opened[i], closed[i]));
        long overdueCount = rows.stream().mapToLong(Dashboard.RegionRow::overdue).sum();
        return new Dashboard(rows, overdueCount, overdue, trend);
    }

    /** Every overdue rectification in the region, longest overdue first, handed over as the cursor reads them. */
    void streamOverdue(String region, Instant now, String personalPrefix, OverdueSink sink) throws SQLException, IOException {
        Sql.stream(ds, DashboardSql.overdue(region, now, personalPrefix, null), rs -> sink.accept(overdue(rs)));
    }

    @FunctionalInterface
    interface OverdueSink {
        void accept(Dashboard.Overdue o) throws IOException;
    }

    private static Dashboard.Overdue overdue(ResultSet rs) throws SQLException {
        return new Dashboard.Overdue(rs.getString("id"), rs.getString("hazard_id"), rs.getString("hazard_name"), rs.getDouble("lon"), rs.getDouble("lat"),
                rs.getString("admin_code"),
                rs.getInt("risk_level"), rs.getString("state"), rs.getTimestamp("deadline").toInstant(), rs.getString("responsible_person_id"),
                rs.getString("person_name"), rs.getString("person_phone"));
    }
}
