package riskmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lets a load into an empty table build its secondary indexes once, at the end, instead of
 * inserting every row into each of them.
 *
 * <p>Row by row, the GiST indexes of hazard_point cost the backend about 14 s of CPU per million
 * points; building them from the loaded rows cost about 7 s when there were two (geometry's GiST
 * has a sorted build, geography's, dropped in V40, had not), and the B-trees are sorted once
 * instead of descended a million times (figures in the README, "Import"). Dropping an index needs the table's ACCESS EXCLUSIVE
 * lock, held until commit, so this is done only when it takes nothing away from anyone: the table
 * is empty (there is no row to read), and the lock is free at once ({@code NOWAIT}: the load never
 * queues behind a reader). Sessions that read the table meanwhile wait for the import's commit
 * instead of seeing no rows, and a second import into the table waits for the first.
 *
 * <p>Only indexes that no constraint uses are dropped: the primary key (and any unique or exclusion
 * constraint) stays, so ids are still checked row by row, and references as before (hazard_point's
 * once per statement, V46). Definitions come from the catalog ({@code pg_get_indexdef}), so an
 * index a later migration adds is rebuilt as it was.
 * Everything happens in the import's transaction: a rollback restores the indexes untouched.
 *
 * <p>A table clustered on one of its indexes (hazard_point on its geohash index, V47) gets the loaded
 * rows in that order, as the migration left the rows before them: a bbox page or a radius answer
 * then reads its 1,000 rows from a few dozen heap pages instead of from 1,000 scattered ones (about
 * a third less CPU per answer; README, "Heap in geohash order"). It costs the load about 3 s per
 * million points, and only a load into an empty table, whose readers wait for it anyway.
 *
 * <p>The same goes for a table the load's statement triggers fill, such as the tile grid's deltas
 * ({@link #FILLED_BY_TRIGGERS}), each judged on its own: one with rows or held by anyone keeps its indexes.
 */
final class BulkIndexes {
    /** Each droppable index of the table: the statement dropping it, the one building it again, and CLUSTER for the index the table is clustered on (listed first). */
    private static final String DROPPABLE = "SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid),"
            + " CASE WHEN i.indisclustered THEN format('CLUSTER %s USING %s', i.indrelid::regclass, i.indexrelid::regclass) END"
            + " FROM pg_index i WHERE i.indrelid = ?::regclass AND NOT i.indisunique"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)"
            + " ORDER BY i.indisclustered DESC, i.indexrelid";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /**
     * Tables a load's statement triggers fill in bulk: hazard_point's grid trigger (V37) adds about
     * 1.3 rows to hazard_tile_delta per new point, whose index row by row cost 2.7 s of database CPU
     * per million points; built once, 0.5 s. Its geohash count trigger (V43) fills hazard_geohash_count likewise.
     */
    private static final Map<String, List<String>> FILLED_BY_TRIGGERS = Map.of("hazard_point", List.of("hazard_tile_delta", "hazard_geohash_count"));

    /** What rebuilds one dropped index, then, for the index the table is clustered on, puts the loaded rows in its order. */
    private record Rebuild(String create, String cluster) {
    }

    private final List<Rebuild> rebuild;

    private BulkIndexes(List<Rebuild> rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * Drops {@code table}'s secondary indexes when the table is empty and its lock is free at once;
     * otherwise (rows, a reader or writer holding the table, a user who does not own it) changes
     * nothing and returns null, and rows go into the indexes one by one as before; then so do those
     * of the tables its triggers fill.
     */
    static BulkIndexes dropIfEmpty(Connection c, String table) throws SQLException {
        List<Rebuild> rebuild = new ArrayList<>();
        if (!dropIfEmpty(c, table, rebuild)) return null;
        for (String filled : FILLED_BY_TRIGGERS.getOrDefault(table, List.of())) dropIfEmpty(c, filled, rebuild);
        return new BulkIndexes(rebuild);
    }

    /** Drops {@code table}'s secondary indexes if it is empty and free, adding the statements that rebuild them to {@code rebuild}. */
    private static boolean dropIfEmpty(Connection c, String table, List<Rebuild> rebuild) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE NOWAIT");
            try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    c.rollback(before); // also gives the lock back
                    return false;
                }
            }
            List<String> drop = new ArrayList<>();
            List<Rebuild> create = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DROPPABLE)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        drop.add(rs.getString(1));
                        create.add(new Rebuild(rs.getString(2), rs.getString(3)));
                    }
                }
            }
            for (String d : drop) st.execute(d);
            c.releaseSavepoint(before);
            rebuild.addAll(create);
            return true;
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && !INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) throw e;
            c.rollback(before);
            return false;
        }
    }

    /**
     * Builds the dropped indexes from the rows now in the tables; call before commit. The index a
     * table is clustered on comes first, and CLUSTER then rewrites the loaded rows in its order
     * while the other secondary indexes do not exist yet, so it rebuilds only that one and the
     * primary key.
     */
    void rebuild(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (Rebuild r : rebuild) {
                st.execute(r.create());
                if (r.cluster() != null) st.execute(r.cluster());
            }
        }
    }
}
