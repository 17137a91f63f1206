package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import riskmap.TestDatabase;

/**
 * hazard_point's references to category and person are checked per statement (V46) instead of by
 * foreign keys: every case a foreign key refuses must still be refused, with its SQLSTATE and name,
 * and a delete racing a load that names the same key must not get through.
 */
class HazardReferencesTest {
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String HAZARD = "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, responsible_person_id, geom)"
            + " VALUES ('%s', '%s', '测试点', 2, '500101', %s, ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326))";
    private final DataSource ds = TestDatabase.database("references", false);

    @BeforeEach
    void clean() {
        TestDatabase.emptyFeatureTables(ds);
        run("DELETE FROM category WHERE NOT builtin");
        run("INSERT INTO category (id, name_zh, name_en, color) VALUES ('debris_flow', '泥石流', 'Debris flow', '#7f3b08')");
        run("INSERT INTO person (id, name, tier, admin_code) VALUES ('P1', '张三', 'county', '500101')");
    }

    @Test
    void a_statement_naming_one_unknown_category_among_known_ones_is_refused_whole() {
        String rows = "INSERT INTO hazard_point (category, name, risk_level, admin_code, geom) SELECT"
                + " CASE WHEN i = 700 THEN 'no_such' ELSE 'landslide' END, '点' || i, 1, '500101', ST_SetSRID(ST_MakePoint(108 + i / 1e4, 30), 4326)"
                + " FROM generate_series(1, 1000) i";
        assertRefused("hazard_point_category_fkey", "(category)=(no_such)", rows);
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
    }

    @Test
    void an_unknown_person_is_refused_on_insert_and_on_update_and_none_is_allowed() {
        assertRefused("hazard_point_responsible_person_id_fkey", "(responsible_person_id)=(P9)", HAZARD.formatted("H1", "landslide", "'P9'"));
        run(HAZARD.formatted("H1", "landslide", "'P1'"));
        run(HAZARD.formatted("H2", "flood", "NULL"));
        assertRefused("hazard_point_responsible_person_id_fkey", "(responsible_person_id)=(P9)",
                "UPDATE hazard_point SET responsible_person_id = 'P9' WHERE id = 'H2'");
        assertRefused("hazard_point_category_fkey", "(category)=(nope)", "UPDATE hazard_point SET category = 'nope' WHERE id = 'H1'");
        assertEquals("P1", TestDatabase.ids(ds, "SELECT coalesce(responsible_person_id, '-') FROM hazard_point ORDER BY id").get(0));
    }

    @Test
    void a_named_category_or_person_can_be_neither_deleted_renamed_nor_truncated() {
        run(HAZARD.formatted("H1", "debris_flow", "'P1'"));
        assertRefused("hazard_point_category_fkey", "(id)=(debris_flow)", "DELETE FROM category WHERE id = 'debris_flow'");
        assertRefused("hazard_point_category_fkey", "(id)=(debris_flow)", "UPDATE category SET id = 'debris' WHERE id = 'debris_flow'");
        assertRefused("hazard_point_responsible_person_id_fkey", "(id)=(P1)", "DELETE FROM person WHERE id = 'P1'");
        assertRefused("hazard_point_responsible_person_id_fkey", "", "TRUNCATE person CASCADE");
        run("UPDATE category SET name_en = 'Debris flows' WHERE id = 'debris_flow'"); // the key unchanged: allowed
        run("TRUNCATE person, hazard_point CASCADE"); // hazard_point emptied in the same statement: allowed
        run("DELETE FROM category WHERE id = 'debris_flow'");
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM category WHERE id = 'debris_flow'"));
    }

    @Test
    void a_delete_waiting_for_a_load_that_names_the_category_is_refused_once_the_load_commits() throws Exception {
        assertSecondWaitsThenIsRefused(HAZARD.formatted("H1", "debris_flow", "NULL"), "DELETE FROM category WHERE id = 'debris_flow'");
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE category = 'debris_flow'"));
    }

    @Test
    void a_load_waiting_for_a_delete_of_its_category_is_refused_once_the_delete_commits() throws Exception {
        assertSecondWaitsThenIsRefused("DELETE FROM category WHERE id = 'debris_flow'", HAZARD.formatted("H1", "debris_flow", "NULL"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
    }

    /** Runs {@code first} in an open transaction, then {@code second} in another session: it must wait for the first's commit, then fail with 23503. */
    private void assertSecondWaitsThenIsRefused(String first, String second) throws Exception {
        try (Connection one = ds.getConnection(); Connection two = ds.getConnection()) {
            one.setAutoCommit(false);
            execute(one, first);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    execute(two, second);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertFalse(waiting.isDone(), "the second statement must wait for the first's lock on the category: " + second);
            one.commit();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
            assertEquals(FOREIGN_KEY_VIOLATION, ((SQLException) e.getCause().getCause()).getSQLState());
        }
    }

    private void assertRefused(String constraint, String key, String sql) {
        PSQLException e = assertThrows(PSQLException.class, () -> {
            try (Connection c = ds.getConnection()) {
                execute(c, sql);
            }
        }, sql);
        assertEquals(FOREIGN_KEY_VIOLATION, e.getSQLState(), e.getMessage());
        assertEquals(constraint, e.getServerErrorMessage().getConstraint());
        String detail = String.valueOf(e.getServerErrorMessage().getDetail());
        assertTrue(detail.contains(key), detail);
    }

    private void run(String sql) {
        try (Connection c = ds.getConnection()) {
            execute(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
