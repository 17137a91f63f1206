package riskmap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.db.ReadReplicas;

/** db_read_url, db_read_max_lag and db_read_check_ms as an operator writes them. */
class ReadReplicaConfigTest {

    private static ReadReplicaConfig load(Map<String, String> env) {
        return AppConfig.load(TestDatabase.home(), new String[0], env).readReplicas();
    }

    @Test
    void without_db_read_url_there_are_no_replicas_and_the_bound_is_five_seconds() {
        ReadReplicaConfig cfg = load(Map.of());
        assertEquals(List.of(), cfg.urls());
        assertEquals(5000, cfg.maxLagMs());
        assertEquals(1000, cfg.checkMs());
    }

    @Test
    void urls_split_where_a_new_url_starts_not_at_the_commas_of_a_multi_host_jdbc_url() {
        ReadReplicaConfig cfg = load(Map.of("RISKMAP_DB_READ_URL", "postgresql://u:p@r1:5432/onemap, jdbc:postgresql://r2a:5432,r2b:5432/onemap?user=u",
                "RISKMAP_DB_READ_MAX_LAG", "0.5", "RISKMAP_DB_READ_CHECK_MS", "250"));
        assertEquals(List.of("postgresql://u:p@r1:5432/onemap", "jdbc:postgresql://r2a:5432,r2b:5432/onemap?user=u"), cfg.urls());
        assertEquals(500, cfg.maxLagMs());
        assertEquals(250, cfg.checkMs());
    }

    @Test
    void a_max_lag_that_is_not_a_number_of_seconds_stops_start_up_saying_what_to_write() {
        StartupException e = assertThrows(StartupException.class, () -> load(Map.of("RISKMAP_DB_READ_MAX_LAG", "5s")));
        assertTrue(e.getMessage().contains("'db_read_max_lag' must be a number of seconds"), e.getMessage());
        assertTrue(e.getMessage().contains("got '5s'"), e.getMessage());
        assertThrows(StartupException.class, () -> load(Map.of("RISKMAP_DB_READ_MAX_LAG", "0")));
    }

    @Test
    void a_replica_url_that_is_not_postgresql_is_refused_naming_db_read_url_and_hiding_its_password() {
        ReadReplicaConfig cfg = load(Map.of("RISKMAP_DB_READ_URL", "mysql://u:secret@r1/onemap"));
        StartupException e = assertThrows(StartupException.class, () -> ReadReplicas.open(cfg, null, 1000));
        assertTrue(e.getMessage().startsWith("db_read_url 'mysql://u:***@r1/onemap' is not a PostgreSQL URL"), e.getMessage());
    }
}
