import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import riskmap.auth.Visibility;
import riskmap.store.SqlFragment;

/**
 * Prints, as a pgbench script, the statements the server runs for GET /api/warnings/{id}/board
 * (warning/WarningSql, as WarningStore.board runs them: one repeatable-read snapshot, counts per
 * tier and state, the overdue count, the first LIMIT targets in the board's order), for a caller
 * who reads every phone, their placeholders replaced by their values: the floor is the server's
 * own SQL, not a hand-copied version of it. WarningSql is package-private, hence reflection.
 * Run: java -cp target/classes bench/BoardSql.java WARNING_ID LIMIT NOW_ISO > script.sql
 */
public class BoardSql {
    public static void main(String[] args) throws Exception {
        String id = args[0];
        int limit = Integer.parseInt(args[1]);
        OffsetDateTime now = OffsetDateTime.parse(args[2]);
        Class<?> sql = Class.forName("riskmap.warning.WarningSql");
        Field counts = sql.getDeclaredField("COUNT_BY_TIER_AND_STATE");
        counts.setAccessible(true);
        Method overdue = sql.getDeclaredMethod("overdueCount", String.class, OffsetDateTime.class);
        Method targets = sql.getDeclaredMethod("boardTargets", String.class, Visibility.class, OffsetDateTime.class, int.class);
        overdue.setAccessible(true);
        targets.setAccessible(true);
        System.out.println("BEGIN ISOLATION LEVEL REPEATABLE READ;");
        System.out.println(inline(SqlFragment.of((String) counts.get(null), id)));
        System.out.println(inline((SqlFragment) overdue.invoke(null, id, now)));
        System.out.println(inline((SqlFragment) targets.invoke(null, id, Visibility.EVERYTHING, now, limit)));
        System.out.println("ROLLBACK;");
    }

    private static String inline(SqlFragment q) {
        StringBuilder out = new StringBuilder();
        List<Object> binds = q.binds();
        int next = 0;
        for (char ch : q.sql().toCharArray()) {
            if (ch == '?') out.append(literal(binds.get(next++)));
            else out.append(ch);
        }
        return out + ";";
    }

    private static String literal(Object v) {
        if (v instanceof String s) return quote(s);
        if (v instanceof String[] a) return "ARRAY[" + Arrays.stream(a).map(BoardSql::quote).collect(Collectors.joining(",")) + "]::text[]";
        if (v instanceof OffsetDateTime t) return quote(t.toString()) + "::timestamptz";
        return v.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
