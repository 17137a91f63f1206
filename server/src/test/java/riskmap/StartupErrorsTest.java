package riskmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import riskmap.config.AppConfig;
import riskmap.config.StartupException;
import riskmap.db.DbUrl;

/** Bad configuration stops start-up with one sentence saying what is wrong and how to fix it. */
class StartupErrorsTest {

    @Test
    void unreachable_database_url_names_the_url_and_the_setting() {
        int closedPort = TestDatabase.freePort();
        AppConfig cfg = AppConfig.load(TestDatabase.home(), new String[0],
                Map.of("RISKMAP_DB_URL", "postgresql://u:secret@127.0.0.1:" + closedPort + "/x", "RISKMAP_PORT", "0"));
        StartupException e = assertThrows(StartupException.class, () -> App.start(cfg));
        assertTrue(e.getMessage().contains("cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort + "/x"), e.getMessage());
        assertTrue(e.getMessage().contains("RISKMAP_DB_URL"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "passwords never appear in messages");
    }

    @Test
    void port_in_use_says_which_port_and_how_to_choose_another() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            DbUrl db = TestDatabase.url("seeded");
            TestDatabase.seeded();
            AppConfig cfg = AppConfig.load(TestDatabase.home(), new String[] {"--port", Integer.toString(taken.getLocalPort())},
                    Map.of("RISKMAP_DB_URL", db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password(), "RISKMAP_BIND_HOST", "127.0.0.1"));
            StartupException e = assertThrows(StartupException.class, () -> App.start(cfg));
            assertEquals("port " + taken.getLocalPort() + " is already in use: stop the program using it or choose another port with --port / RISKMAP_PORT",
                    e.getMessage());
        }
    }

    @Test
    void unknown_setting_lists_the_known_ones() {
        StartupException e = assertThrows(StartupException.class,
                () -> AppConfig.load(TestDatabase.home(), new String[] {"--prot", "8080"}, Map.of()));
        assertTrue(e.getMessage().startsWith("unknown setting 'prot' in option --prot; known settings: "), e.getMessage());
        assertTrue(e.getMessage().contains("port"));
    }

    @Test
    void port_out_of_range_is_refused() {
        StartupException e = assertThrows(StartupException.class,
                () -> AppConfig.load(TestDatabase.home(), new String[0], Map.of("RISKMAP_PORT", "70000")));
        assertEquals("setting 'port' must be a whole number from 0 to 65535, got '70000'", e.getMessage());
    }

    @Test
    void libpq_uri_becomes_jdbc_url_with_credentials_apart() {
        DbUrl u = DbUrl.parse("postgresql://emer%40gency:p%3Ass@db.example:6543/onemap?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:6543/onemap?sslmode=require", u.jdbcUrl());
        assertEquals("emer@gency", u.user());
        assertEquals("p:ss", u.password());
        assertEquals("postgresql://emer%40gency:***@db.example:6543/onemap", DbUrl.redact("postgresql://emer%40gency:p%3Ass@db.example:6543/onemap"));
        assertThrows(StartupException.class, () -> DbUrl.parse("mysql://x/y"));
    }
}
