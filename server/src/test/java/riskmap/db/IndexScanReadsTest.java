package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.config.ReadReplicaConfig;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * The heavy reads' pools for index scans ({@link ReadReplicas#indexScans}): their sessions plan
 * without bitmap scans, the other reads' sessions keep them, and they close with the reads.
 */
class IndexScanReadsTest {
    private static final ReadReplicaConfig NO_REPLICAS = new ReadReplicaConfig(List.of(), 1_000, 200);

    @Test
    void index_scan_reads_plan_without_bitmap_scans_and_the_other_reads_keep_them() throws Exception {
        DataSource primary = TestDatabase.seeded();
        DataSource indexScans;
        try (ReadReplicas reads = ReadReplicas.open(NO_REPLICAS, primary, 60_000)) {
            indexScans = reads.indexScans();
            assertEquals("off", setting(indexScans));
            assertEquals("off", setting(ReadReplicas.pin(indexScans)));
            assertEquals("on", setting(reads));
            assertEquals("on", setting(ReadReplicas.pin(reads)));
            assertEquals("on", setting(primary));
            ((ReadReplicas) indexScans).close(); // a view owns no pool
            assertEquals("off", setting(indexScans));
        }
        DataSource closed = indexScans;
        assertThrows(SQLException.class, () -> closed.getConnection().close(), "the pool for index scans closes with the reads");
    }

    @Test
    void a_statement_of_at_most_two_batches_and_a_longer_one_both_read_every_row_without_bitmap_scans() throws Exception {
        try (ReadReplicas reads = ReadReplicas.open(NO_REPLICAS, TestDatabase.seeded(), 60_000)) {
            for (int n : new int[] {1, Sql.ONE_TRIP_ROWS, Sql.ONE_TRIP_ROWS + 1, 3 * Sql.ONE_TRIP_ROWS + 7}) {
                List<Integer> seen = new ArrayList<>();
                List<String> settings = new ArrayList<>();
                Sql.streamFromIndexScans(reads.indexScans(), new SqlFragment("SELECT i, current_setting('enable_bitmapscan') FROM generate_series(1, ?) i", List.of(n)), n, rs -> {
                    seen.add(rs.getInt(1));
                    settings.add(rs.getString(2));
                });
                assertEquals(n, seen.size(), n + " rows");
                for (int i = 0; i < n; i++) assertEquals(i + 1, seen.get(i));
                assertEquals(List.of("off"), settings.stream().distinct().toList());
            }
        }
    }

    private static String setting(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW enable_bitmapscan")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
