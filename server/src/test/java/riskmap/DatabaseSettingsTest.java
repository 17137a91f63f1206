package riskmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import riskmap.db.Database;

/** Every pooled connection carries the session settings the server relies on. */
class DatabaseSettingsTest {

    @Test
    void pooled_connections_have_the_statement_timeout_and_no_parallel_workers() throws Exception {
        TestDatabase.seeded();
        try (Database db = Database.open(TestDatabase.url("seeded"), 1234);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertEquals("1234ms", show(st, "statement_timeout"));
            assertEquals("0", show(st, "max_parallel_workers_per_gather"));
        }
    }

    @Test
    void migrations_are_not_cut_by_the_statement_timeout_of_api_queries() throws Exception {
        // 50 ms: loading the 91,245 regions (migration 6.1) alone takes several times that
        try (Database db = Database.open(TestDatabase.emptyDatabase("migrated_under_short_timeout"), 50);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertEquals("50ms", show(st, "statement_timeout"), "requests keep their limit");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE NOT success")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            assertEquals(0, Database.flyway(db.dataSource()).info().pending().length, "every migration ran");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM region")) {
                rs.next();
                assertEquals(91_245, rs.getInt(1), "the regions are all there");
            }
        }
    }

    private static String show(Statement st, String setting) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
