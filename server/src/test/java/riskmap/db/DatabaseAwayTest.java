package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.auth.Api;

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
    /** Database.open's maximumPoolSize. */
    private static final int POOL_SIZE = 16;
    private static final String UNREACHABLE = "the database is not answering; try again shortly";
    private static final String ITEMS = "/ogc/collections/hazards/items?limit=5";

    private static ThrowawayCluster cluster;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        cluster = ThrowawayCluster.start("riskmap-away-pg");
        api = cluster.api;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void answers_503_quickly_while_postgres_is_away_and_200_again_once_it_is_back() throws Exception {
        // before the stop: untimed (the first requests of a cold JVM are slow, and that is not under test)
        assertEquals(200, api.get(NEAR, null).status());
        assertEquals(200, api.get(ITEMS, null).status());
        assertEquals(201, createHazard().status());
        assertEquals(200, api.get("/health/ready", null).status());

        cluster.stopImmediately();
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
        assertEquals(UNREACHABLE, write.json().get("detail").asText(), "the pool's wait ended, and the database refused its connections");
        assertEquals(200, timed("GET", "/health/live", null).status());
        System.out.println("answer times while PostgreSQL is away: " + times);

        cluster.restart();
        long back = System.nanoTime();
        while (timed("GET", "/health/ready", null).status() != 200) {
            assertTrue(ms(back) < RECOVERY_MS, "/health/ready still 503 " + ms(back) + " ms after PostgreSQL came back");
        }
        System.out.println("ready again " + ms(back) + " ms after PostgreSQL came back");
        assertEquals(200, timed("GET", NEAR, null).status());
        assertEquals(200, timed("GET", ITEMS, null).status());
        assertEquals(201, createHazard().status());
        try (Connection c = cluster.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM hazard_point")) {
            rs.next();
            assertEquals(2, rs.getLong(1), "the write acknowledged before the stop and the one after the restart are both stored; the refused one is not");
        }
    }

    @Test
    void says_busy_not_away_when_every_pooled_connection_is_in_use() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < POOL_SIZE) held.add(cluster.pool().getConnection());
            long t0 = System.nanoTime();
            // items in id order read from the pool held here (a radius or bbox page, from the pool for index scans)
            Api.Response r = timed("GET", ITEMS, null);
            System.out.println("busy pool: 503 in " + ms(t0) + " ms");
            assertEquals(503, r.status(), r.body());
            assertEquals("database_unavailable", r.json().get("error").asText());
            assertEquals("the database is up but every connection to it is busy with other requests; try again shortly", r.json().get("detail").asText());
        } finally {
            for (Connection c : held) c.close();
        }
        assertEquals(200, timed("GET", ITEMS, null).status(), "the connections given back serve again");
    }

    private static Api.Response createHazard() {
        return api.json("POST", "/api/hazards", cluster.editor, Api.hazard(null, "500101", 3, 108.38, 30.81));
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
}
