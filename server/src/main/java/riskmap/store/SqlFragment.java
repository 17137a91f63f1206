package riskmap.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with {@code ?} placeholders and the values bound to them, travelling together so
 * they cannot drift apart. User input only ever enters SQL as a bound value.
 */
public record SqlFragment(String sql, List<Object> binds) {
    public static final SqlFragment EMPTY = new SqlFragment("", List.of());

    public static SqlFragment of(String sql, Object... binds) {
        return new SqlFragment(sql, List.of(binds));
    }

    /** Joins non-empty fragments with {@code separator} (e.g. " AND "). */
    public static SqlFragment join(String separator, List<SqlFragment> parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> binds = new ArrayList<>();
        for (SqlFragment p : parts) {
            if (p.sql.isEmpty()) continue;
            if (!sql.isEmpty()) sql.append(separator);
            sql.append(p.sql);
            binds.addAll(p.binds);
        }
        return new SqlFragment(sql.toString(), binds);
    }

    /** " WHERE ..." or nothing. */
    public String whereClause() {
        return sql.isEmpty() ? "" : " WHERE " + sql;
    }

    public boolean isEmpty() {
        return sql.isEmpty();
    }
}
