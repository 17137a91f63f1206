import java.time.Instant;
import java.util.List;
import riskmap.rectification.dashboard.DashboardPeriod;
import riskmap.rectification.dashboard.DashboardSql;
import riskmap.region.RegionLevel;
import riskmap.store.SqlFragment;

/**
 * Prints, as a pgbench script, the statements the server runs for one
 * /api/dashboard/hidden-dangers answer (from rectification/dashboard/DashboardSql, on one
 * REPEATABLE READ snapshot, as the server does), their placeholders bound to literals: the floor
 * is the server's own SQL, not a hand-copied version of it.
 * Run: java -cp target/classes bench/DashboardFloorSql.java REGION ROLLUP_LEVEL > script.sql
 */
public class DashboardFloorSql {
    public static void main(String[] args) {
        String region = args[0];
        RegionLevel rollup = RegionLevel.valueOf(args[1]);
        DashboardPeriod p = DashboardPeriod.at(Instant.now(), 12);
        StringBuilder out = new StringBuilder("BEGIN ISOLATION LEVEL REPEATABLE READ;\n");
        for (SqlFragment q : List.of(DashboardSql.regionName(region),
                DashboardSql.byRegion(region, rollup, p), DashboardSql.overdue(region, p.now(), "", 100),
                DashboardSql.openedByWeek(region, p), DashboardSql.closedByWeek(region, p))) {
            out.append(literal(q)).append(";\n");
        }
        System.out.print(out.append("COMMIT;\n"));
    }

    private static String literal(SqlFragment q) {
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char ch : q.sql().toCharArray()) {
            if (ch != '?') {
                sql.append(ch);
                continue;
            }
            Object v = q.binds().get(next++);
            sql.append(v instanceof Number ? v.toString() : "'" + v + "'");
        }
        return sql.toString();
    }
}
