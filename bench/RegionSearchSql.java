import java.util.Arrays;
import java.util.stream.Collectors;
import riskmap.region.RegionSearch;
import riskmap.region.RegionSql;
import riskmap.store.SqlFragment;

/**
 * Prints, as a pgbench script, the very statement the server runs for /api/regions?q=TEXT (from
 * region/RegionSql), its placeholders replaced by their values: the raw-SQL floor is then the
 * server's own SQL, not a hand-copied version of it.
 * Run: java -cp target/classes bench/RegionSearchSql.java TEXT LIMIT > script.sql
 */
public class RegionSearchSql {
    public static void main(String[] args) {
        SqlFragment q = RegionSql.search(new RegionSearch(args[0], null, Integer.parseInt(args[1])));
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char ch : q.sql().toCharArray()) {
            if (ch == '?') sql.append(literal(q.binds().get(next++)));
            else sql.append(ch);
        }
        System.out.println(sql + ";");
    }

    private static String literal(Object v) {
        if (v instanceof int[] ints) return "'{" + Arrays.stream(ints).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "}'::int[]";
        if (v instanceof String s) return "'" + s.replace("'", "''") + "'";
        return v.toString();
    }
}
