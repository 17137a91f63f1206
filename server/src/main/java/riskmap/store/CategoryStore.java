package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The registered hazard categories (built-in and added ones), read from the {@code category}
 * table and kept for a few seconds: requests check category names against it on every call.
 */
public final class CategoryStore {
    private static final long TTL_NANOS = 10_000_000_000L;

    private final DataSource ds;
    private volatile List<String> ids;
    private volatile long loadedAt;

    public CategoryStore(DataSource ds) {
        this.ds = ds;
    }

    public List<String> ids() throws Exception {
        List<String> current = ids;
        if (current == null || System.nanoTime() - loadedAt > TTL_NANOS) {
            List<String> fresh = new ArrayList<>();
            Sql.query(ds, SqlFragment.of("SELECT id FROM category ORDER BY builtin DESC, id"), rs -> fresh.add(rs.getString(1)));
            ids = current = List.copyOf(fresh);
            loadedAt = System.nanoTime();
        }
        return current;
    }
}
