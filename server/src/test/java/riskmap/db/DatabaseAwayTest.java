package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Issue 17, "while the database is down": on its own throwaway cluster (the shared test cluster is
 * never stopped), PostgreSQL is stopped hard under a running server. Reads and writes must answer
 * 503 database_unavailable within 2 s, readiness must say so while liveness stays 200, and the same
 * server must serve again once PostgreSQL is back, without a restart.
 */
class DatabaseAwayTest {
    private static final long BUDGET_MS = 2_000;
    private static final long RECOVERY_MS = 10_000;
    private static final String NEAR = "/api/hazards/near?lon=108.38&lat=30.81&radius=5000";
    private static final String ITEMS = "/ogc/collections/hazards/items?limit=5";

    private static Path dir;
    private static int port;
    private static LocalPostgres pg;
    private static Database db;
    private static TestServer server;
    private static Api api;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("riskmap-away-pg");
        port = TestDatabase.freePort();
        pg = LocalPostgres.start(dir, port);
        pg.ensureDatabase("away");
        db = Database.open(new DbUrl(pg.jdbcUrl("away"), pg.user(), pg.password()), 60_000);
        DataSource ds = db.dataSource();
        server = new TestServer(ds);
        api = new Api(server.port());
        editor = Api.token(ds, "编辑", Role.EDITOR, null);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (db != null) db.close();
        if (pg != null) pg.close();
    }

    @Test
    void answers_503_quickly_while_postgres_is_away_and_200_again_once_it_is_back() throws Exception {
        // before the stop: untimed (the first requests of a cold JVM are slow, and that is not under test)
        assertEquals(200, api.get(NEAR, null).status());
        assertEquals(200, api.get(ITEMS, null).status());
        assertEquals(201, createHazard().status());
        assertEquals(200, api.get("/health/ready", null).status());

        pgCtl("stop", "-m", "immediate", "-w");
        List<String> times = new ArrayList<>();
        for (String[] req : new String[][] {{"GET", NEAR}, {"GET", ITEMS}, {"GET", "/health/ready"}, {"GET", "/health"}}) {
            long t0 = System.nanoTime();
            Api.Response r = timed(req[0], req[1], null);
            times.add(req[1] + " " + ms(t0) + " ms");
            assertEquals(503, r.status(), req[1] + ": " + r.body());
            assertEquals("database_unavailable", r.json().get("error").asText(), r.body());
        }
        long t0 = System.nanoTime();
        Api.Response write = createHazard();
        times.add("POST /api/hazards " + ms(t0) + " ms");
        assertTrue(ms(t0) < BUDGET_MS, "POST /api/hazards took " + ms(t0) + " ms");
        assertEquals(503, write.status(), write.body());
        assertEquals("database_unavailable", write.json().get("error").asText());
        assertEquals(200, timed("GET", "/health/live", null).status());
        System.out.println("answer times while PostgreSQL is away: " + times);

        pg = LocalPostgres.start(dir, port); // same directory and port: the server's pool finds it again
        long back = System.nanoTime();
        while (timed("GET", "/health/ready", null).status() != 200) {
            assertTrue(ms(back) < RECOVERY_MS, "/health/ready still 503 " + ms(back) + " ms after PostgreSQL came back");
        }
        System.out.println("ready again " + ms(back) + " ms after PostgreSQL came back");
        assertEquals(200, timed("GET", NEAR, null).status());
        assertEquals(200, timed("GET", ITEMS, null).status());
        assertEquals(201, createHazard().status());
        assertEquals(2, TestDatabase.count(db.dataSource(), "SELECT count(*) FROM hazard_point"),
                "the write acknowledged before the stop and the one after the restart are both stored; the refused one is not");
    }

    private static Api.Response createHazard() {
        return api.json("POST", "/api/hazards", editor, Api.hazard(null, "500101", 3, 108.38, 30.81));
    }

    private static Api.Response timed(String method, String path, String token) {
        long t0 = System.nanoTime();
        Api.Response r = api.get(path, token);
        assertTrue(ms(t0) < BUDGET_MS, method + " " + path + " took " + ms(t0) + " ms");
        return r;
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** pg_ctl on the throwaway cluster, as its owner (through runuser when the tests run as root). */
    private static void pgCtl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim())) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(LocalPostgres.findBinDir().resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "pg_ctl " + String.join(" ", args) + " failed");
    }
}
