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

    private static String show(Statement st, String setting) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
