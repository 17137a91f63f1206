package riskmap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/**
 * The change log that keeps cached tiles honest (V4, V33, V49): every statement that changes a
 * layer raises its version by one and records the extent it touched, and the log keeps the newest
 * 10,000 versions of each layer. Each test starts from a full window, versions 40,001 to 50,000,
 * as a server that has run for a while has.
 */
class LayerChangeLogTest {
    private static final DataSource DS = TestDatabase.database("layer_change_log", false);
    private static final String INSERT = "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES ";

    @BeforeEach
    void a_full_window() {
        TestDatabase.execute(DS, "TRUNCATE hazard_point CASCADE",
                "UPDATE layer_version SET version = 50000 WHERE layer = 'hazard_point'",
                "DELETE FROM layer_change WHERE layer = 'hazard_point'",
                "INSERT INTO layer_change (layer, version, extent) SELECT 'hazard_point', v, NULL FROM generate_series(40001, 50000) v",
                "ANALYZE layer_change");
    }

    @Test
    void each_statement_adds_its_version_and_extent_and_the_oldest_leaves_the_window() throws Exception {
        TestDatabase.execute(DS, INSERT + "('L1', 'flood', 'a', 2, '500101', ST_SetSRID(ST_MakePoint(106.25, 29.5), 4326))",
                INSERT + "('L2', 'flood', 'b', 2, '500101', ST_SetSRID(ST_MakePoint(107.0, 30.0), 4326))",
                "UPDATE hazard_point SET geom = ST_SetSRID(ST_MakePoint(106.5, 29.75), 4326) WHERE id = 'L2'",
                INSERT + "('L3', 'flood', 'c', 2, '500101', ST_SetSRID(ST_MakePoint(105.5, 28.5), 4326)),"
                        + " ('L4', 'landslide', 'd', 3, '500101', ST_SetSRID(ST_MakePoint(108.0, 31.25), 4326))");
        assertEquals(List.of("10000", "40005", "50004"), TestDatabase.row(DS,
                "SELECT count(*), min(version), max(version) FROM layer_change WHERE layer = 'hazard_point'"));
        assertEquals(List.of("50004"), TestDatabase.row(DS, "SELECT version FROM layer_version WHERE layer = 'hazard_point'"));
        // the extents: the first point alone; the update's old and new positions; the two-row statement's box
        assertEquals(List.of("106.25 29.5 106.25 29.5"), extent(50001));
        assertEquals(List.of("106.5 29.75 107 30"), extent(50003));
        assertEquals(List.of("105.5 28.5 108 31.25"), extent(50004));
    }

    @Test
    void a_single_row_change_finds_the_version_leaving_the_window_by_its_key() throws Exception {
        // with the layer compared as a name, the trigger read the whole log on every statement
        try (Connection c = DS.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            long[] before = scans(st);
            st.execute(INSERT + "('S1', 'flood', 'a', 2, '500101', ST_SetSRID(ST_MakePoint(106.25, 29.5), 4326))");
            long[] after = scans(st);
            c.commit();
            assertEquals(0, after[0] - before[0], "sequential scans of layer_change for one single-row INSERT");
            assertTrue(after[1] - before[1] >= 1, "the window's DELETE goes through the primary key");
        }
        assertEquals(List.of("10000", "40002", "50001"), TestDatabase.row(DS,
                "SELECT count(*), min(version), max(version) FROM layer_change WHERE layer = 'hazard_point'"));
    }

    /** This transaction's sequential and index scans of layer_change so far. */
    private static long[] scans(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'layer_change'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static List<String> extent(long version) {
        return TestDatabase.row(DS, "SELECT concat_ws(' ', ST_XMin(extent), ST_YMin(extent), ST_XMax(extent), ST_YMax(extent))"
                + " FROM layer_change WHERE layer = 'hazard_point' AND version = " + version);
    }
}
