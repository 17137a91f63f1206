import riskmap.auth.Visibility;
import riskmap.query.HazardFilter;
import riskmap.query.NearQuery;
import riskmap.store.HazardSql;
import riskmap.store.SqlFragment;

/**
 * Prints, as a pgbench script, the very statement the server runs for /api/hazards/near (from
 * store/HazardSql), its placeholders bound to a centre drawn from bench_centre: the raw-SQL floor
 * is then the server's own SQL, not a hand-copied version of it.
 * Run: java -cp target/classes bench/NearSql.java RADIUS LIMIT > script.sql
 */
public class NearSql {
    public static void main(String[] args) {
        double radius = Double.parseDouble(args[0]);
        int limit = Integer.parseInt(args[1]);
        SqlFragment q = HazardSql.near(new NearQuery(0, 0, radius, HazardFilter.NONE, limit), Visibility.PUBLIC); // wrk calls anonymously
        String[] values = {"(SELECT lon FROM bench_centre WHERE id = :i)", "(SELECT lat FROM bench_centre WHERE id = :i)",
                Double.toString(radius), Integer.toString(limit)};
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char ch : q.sql().toCharArray()) {
            if (ch == '?') sql.append(values[next++]);
            else sql.append(ch);
        }
        if (next != values.length) throw new IllegalStateException("expected " + values.length + " placeholders, found " + next);
        System.out.println("\\set i random(1, 200)");
        System.out.println(sql + ";");
    }
}
