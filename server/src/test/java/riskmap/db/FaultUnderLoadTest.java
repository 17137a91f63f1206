package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.auth.Api;

/**
 * Issue 17's fault drill: PostgreSQL dies under a write load, twice (a {@code pg_ctl stop -m
 * immediate}, then a kill -9 of the postmaster), and comes back while the load goes on. Every
 * answer must be a 2xx or a 503 database_unavailable, every refusal must come within 2 s, every
 * write acknowledged with 201 must be in the database afterwards (read past the server, by id),
 * and writes must succeed again after each restart without restarting riskmap.
 */
class FaultUnderLoadTest {
    private static final int WRITERS = 4;
    private static final long REFUSAL_BUDGET_MS = 2_000;
    private static final long RECOVERY_BUDGET_MS = 10_000;
    /** Load before the first fault, and after each recovery. */
    private static final long STEADY_MS = 2_000;
    /** How long PostgreSQL stays away under load. */
    private static final long AWAY_MS = 4_000;
    private static final String[] READS = {
            "/api/hazards/near?lon=108.38&lat=30.81&radius=5000&limit=20", "/ogc/collections/hazards/items?limit=10"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ThrowawayCluster cluster;
    private static HttpClient client;

    /** One answer (or failure to answer) of the load, with when it was asked and how long it took. */
    record Outcome(String phase, String request, String writtenId, long startNanos, long ms, int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean refused() {
            return status == 503;
        }

        @Override
        public String toString() {
            return phase + ": " + request + " → " + status + " in " + ms + " ms: " + body;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = ThrowawayCluster.start("riskmap-fault-pg");
        // HTTP/1.1: no h2c upgrade attempts between the load and the server
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void postgres_dying_under_load_costs_no_acknowledged_write_and_riskmap_recovers_by_itself() throws Exception {
        Load load = new Load();
        load.start();
        Map<String, Long> recoveryMs = new LinkedHashMap<>();
        try {
            Thread.sleep(STEADY_MS);
            recoveryMs.put("pg_ctl stop -m immediate", fault(load, "pg_ctl stop -m immediate", cluster::stopImmediately));
            recoveryMs.put("kill -9 postmaster", fault(load, "kill -9 postmaster", cluster::killPostmaster));
        } finally {
            load.stop();
        }
        List<Outcome> all = new ArrayList<>(load.outcomes);

        List<Outcome> wrong = all.stream().filter(o -> !o.ok() && !isDatabaseUnavailable(o)).toList();
        assertTrue(wrong.isEmpty(), wrong.size() + " answers were neither 2xx nor 503 database_unavailable, e.g. "
                + wrong.subList(0, Math.min(5, wrong.size())));
        List<Outcome> refused = all.stream().filter(Outcome::refused).toList();
        List<Outcome> slow = refused.stream().filter(o -> o.ms() > REFUSAL_BUDGET_MS).toList();
        assertTrue(slow.isEmpty(), slow.size() + " refusals took longer than " + REFUSAL_BUDGET_MS + " ms, e.g. "
                + slow.subList(0, Math.min(5, slow.size())));
        for (String phase : recoveryMs.keySet()) {
            assertTrue(refused.stream().anyMatch(o -> o.phase().equals(phase)), "no request was refused during " + phase + ": the fault was not seen");
        }

        List<Outcome> acked = all.stream().filter(o -> o.writtenId() != null && o.ok()).toList();
        Map<String, String> stored = storedNames();
        List<String> lost = acked.stream().map(Outcome::writtenId).filter(id -> !nameOf(id).equals(stored.get(id))).toList();
        assertEquals(List.of(), lost, "writes acknowledged with 201 but not in the database afterwards");
        long present = acked.stream().filter(o -> stored.containsKey(o.writtenId())).count();
        long refusedWrites = all.stream().filter(o -> o.writtenId() != null && o.refused()).count();
        long refusedYetStored = all.stream().filter(o -> o.writtenId() != null && o.refused() && stored.containsKey(o.writtenId())).count();

        System.out.printf("fault drill: %d requests (%d writes acknowledged, %d of them present afterwards by SQL; %d writes refused, "
                        + "%d of them stored anyway as their commit reached PostgreSQL before the answer was lost), %d refused with 503 "
                        + "(max %d ms, p50 %d ms), max 2xx time %d ms; writes succeed again %s ms after PostgreSQL is back; load average %s%n",
                all.size(), acked.size(), present, refusedWrites, refusedYetStored, refused.size(),
                refused.stream().mapToLong(Outcome::ms).max().orElse(0), percentile50(refused),
                all.stream().filter(Outcome::ok).mapToLong(Outcome::ms).max().orElse(0), recoveryMs, loadAverage());
    }

    /**
     * Breaks PostgreSQL with {@code kill} under the running load, keeps it away for a while, starts
     * it again, and waits for a write asked after the restart to be acknowledged; returns how long
     * that took (ms after PostgreSQL was back).
     */
    private static long fault(Load load, String phase, Fault kill) throws Exception {
        load.phase = phase;
        kill.run();
        Thread.sleep(AWAY_MS);
        cluster.restart();
        long back = System.nanoTime();
        load.phase = "after " + phase;
        while (load.outcomes.stream().noneMatch(o -> o.writtenId() != null && o.ok() && o.startNanos() >= back)) {
            assertTrue(System.nanoTime() - back < TimeUnit.MILLISECONDS.toNanos(RECOVERY_BUDGET_MS),
                    "no write succeeded within " + RECOVERY_BUDGET_MS + " ms after PostgreSQL came back from " + phase);
            Thread.sleep(10);
        }
        long recovered = load.outcomes.stream().filter(o -> o.writtenId() != null && o.ok() && o.startNanos() >= back)
                .mapToLong(o -> o.startNanos() + TimeUnit.MILLISECONDS.toNanos(o.ms())).min().orElseThrow();
        Thread.sleep(STEADY_MS);
        return TimeUnit.NANOSECONDS.toMillis(recovered - back);
    }

    @FunctionalInterface
    private interface Fault {
        void run() throws Exception;
    }

    /** {@value #WRITERS} threads creating hazard points with ids of their own, and one reading. */
    private static final class Load {
        final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        final Queue<String> ackedIds = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        volatile String phase = "before";
        volatile boolean running = true;

        void start() {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    for (int n = 0; running; n++) write("FT" + writer + "-" + n);
                }, "writer-" + w));
            }
            threads.add(new Thread(() -> {
                for (int n = 0; running; n++) read(n);
            }, "reader"));
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) t.join(30_000);
        }

        private void write(String id) {
            Outcome o = send("POST /api/hazards " + id, id, HttpRequest.newBuilder(uri("/api/hazards"))
                    .header("Authorization", "Bearer " + cluster.editor).header("Content-Type", "application/geo+json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.hazard(id, "500101", 3, 108.38, 30.81))));
            if (o.ok()) ackedIds.add(id);
        }

        /** The listings in turn, and now and then one point acknowledged earlier (it must be there: 200, never 404). */
        private void read(int n) {
            List<String> ids = List.copyOf(ackedIds);
            String path = n % 3 == 2 && !ids.isEmpty()
                    ? "/api/hazards/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size()))
                    : READS[n % 2];
            send("GET " + path, null, HttpRequest.newBuilder(uri(path)).GET());
        }

        private Outcome send(String request, String writtenId, HttpRequest.Builder b) {
            String at = phase;
            long t0 = System.nanoTime();
            int status;
            String body;
            try {
                HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = r.statusCode();
                body = r.body().length() > 300 ? r.body().substring(0, 300) + "…" : r.body();
            } catch (Exception e) {
                status = -1; // no answer at all: never acceptable
                body = e.toString();
            }
            Outcome o = new Outcome(at, request, writtenId, t0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), status, body);
            outcomes.add(o);
            return o;
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + cluster.server.port() + path);
    }

    private static boolean isDatabaseUnavailable(Outcome o) {
        if (!o.refused()) return false;
        try {
            JsonNode body = MAPPER.readTree(o.body());
            return "database_unavailable".equals(body.path("error").asText()) && !body.path("detail").asText().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Name as {@link Api#hazard} writes it for {@code id}. */
    private static String nameOf(String id) {
        return "测试滑坡 " + id;
    }

    /** Every hazard point's name by id, read on a connection of the test's own. */
    private static Map<String, String> storedNames() throws Exception {
        Map<String, String> names = new HashMap<>();
        try (Connection c = cluster.connect(); PreparedStatement ps = c.prepareStatement("SELECT id, name FROM hazard_point");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) names.put(rs.getString(1), rs.getString(2));
        }
        return names;
    }

    private static long percentile50(List<Outcome> outcomes) {
        long[] ms = outcomes.stream().mapToLong(Outcome::ms).sorted().toArray();
        return ms.length == 0 ? 0 : ms[ms.length / 2];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
