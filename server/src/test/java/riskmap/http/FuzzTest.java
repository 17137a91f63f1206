package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Issue 17: random and adversarial paths, parameters, headers and bodies against every route the
 * running app registered, with every method a route takes and some it does not. No answer may be
 * a 5xx, every 4xx is {@code {"error","detail"}} (or the page a browser asked for), and no phone of the seeded people reaches an
 * anonymous caller. The requests are drawn in order from one seed, printed first, so a failure can
 * be replayed with {@code -Driskmap.fuzz.seed=N}; they are sent by a few threads at once. Writes
 * (admin, editor and viewer tokens) go to a database of this test's own.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("riskmap.fuzz.seed", 20261203L);
    private static final int REQUESTS = Integer.getInteger("riskmap.fuzz.requests", 10_000);
    private static final int THREADS = 4;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(FuzzTest::database, Map.of("RISKMAP_ACCESS_LOG", "false"), Clock.systemUTC());

    private static Pools pools;
    private static Set<String> phones;

    /** The demo data in a database of its own: the fuzzer's writes must not change what other test classes read. */
    private static DataSource database() {
        return Api.smallPool(TestDatabase.database("fuzz", true));
    }

    @BeforeAll
    static void setUp() throws Exception {
        DataSource ds = SERVER.ds();
        // independent of the server: the phones as stored, digits only, read before any fuzzed write
        phones = new HashSet<>();
        for (String p : TestDatabase.ids(ds, "SELECT phone FROM person WHERE phone IS NOT NULL")) phones.add(p.replace("-", ""));
        assertTrue(phones.size() > 100, "the demo people have phones");
        String admin = Api.token(ds, "fuzz admin", Role.ADMIN, null);
        Api api = new Api(SERVER.port());
        Api.Response people = api.get("/api/people?limit=5", admin);
        assertTrue(leaksPhone(people.bytes()), "the phone check finds the phones an admin reads: " + people.body());
        Api.Response warning = api.json("POST", "/api/warnings", admin, FuzzBodies.WARNING);
        assertEquals(201, warning.status(), warning.body());
        String hazard = TestDatabase.ids(ds, "SELECT id FROM hazard_point ORDER BY id LIMIT 1").get(0);
        Api.Response rect = api.send("POST", "/api/hazards/" + hazard + "/rectifications", admin, null);
        assertEquals(201, rect.status(), rect.body());
        List<String> collections = new ArrayList<>();
        api.get("/ogc/collections", null).json().path("collections").forEach(c -> collections.add(c.path("id").asText()));
        collections.addAll(TestDatabase.ids(ds, "SELECT id FROM category"));
        pools = new Pools(admin, Api.token(ds, "fuzz editor", Role.EDITOR, "500101"), Api.token(ds, "fuzz viewer", Role.VIEWER, null),
                collections, sample(ds, "hazard_point"), sample(ds, "risk_zone"), sample(ds, "shelter"), sample(ds, "person"),
                List.of(warning.json().path("id").asText()), List.of(rect.json().path("id").asText()),
                TestDatabase.ids(ds, "(SELECT code FROM region WHERE code LIKE '5001%' ORDER BY code LIMIT 10) UNION ALL SELECT '50'"));
    }

    private static List<String> sample(DataSource ds, String table) {
        return TestDatabase.ids(ds, "SELECT id FROM " + table + " ORDER BY md5(id) LIMIT 10");
    }

    @Test
    void noBadInputGetsA5xxOrAnswersWithoutErrorAndDetail() throws Exception {
        System.out.println("FuzzTest seed=" + SEED + " (replay with -Driskmap.fuzz.seed=" + SEED + "), " + REQUESTS + " requests");
        List<Endpoint> routes = SERVER.endpoints();
        assertTrue(routes.size() > 50, "routes read from the app: " + routes.size());
        Generator generator = new Generator(new Random(SEED), pools);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) probes.add(generator.probe(i, routes.get(i % routes.size())));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Probe p : probes) futures.add(pool.submit(() -> p.send(client, SERVER.port())));
            for (Future<Outcome> f : futures) outcomes.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int anonymous = 0;
        int raw = 0;
        for (Outcome o : outcomes) {
            byStatus.merge(o.status(), 1, Integer::sum);
            if (o.probe().raw()) raw++;
            if (!pools.isToken(o.probe().token())) anonymous++;
            String problem = problem(o);
            if (problem != null) failures.add(problem + "\n" + o.describe());
        }
        // how deep the draws reach: the routes no request with the route's own method got through (2xx)
        Set<String> neverOk = new TreeSet<>(outcomes.stream().map(o -> o.probe().route()).toList());
        outcomes.stream().filter(o -> o.status() >= 200 && o.status() < 300 && o.probe().route().startsWith(o.probe().method() + " ")).forEach(o -> neverOk.remove(o.probe().route()));
        long fiveHundreds = outcomes.stream().filter(o -> o.status() >= 500 || o.status() < 0).count();
        System.out.printf(Locale.ROOT, "FuzzTest seed=%d: %d requests over %d routes in %.1f s (%d anonymous, %d over a raw socket), statuses %s, %d × 5xx or no answer, %d failures%n",
                SEED, outcomes.size(), routes.size(), seconds, anonymous, raw, byStatus, fiveHundreds, failures.size());
        System.out.println("FuzzTest: routes no request got a 2xx from: " + neverOk);
        assertTrue(failures.isEmpty(), failures.size() + " of " + outcomes.size() + " answers failed (seed " + SEED + "); the first:\n\n"
                + String.join("\n\n", failures.subList(0, Math.min(25, failures.size()))));
    }

    /** What is wrong with an answer, or null. */
    private static String problem(Outcome o) {
        if (o.status() < 0) return "NO ANSWER";
        if (o.status() >= 500) return "5xx";
        if (!pools.isToken(o.probe().token()) && leaksPhone(o.body())) return "PHONE IN AN ANONYMOUS ANSWER";
        if (o.status() >= 400 && !o.probe().method().equals("HEAD") && !o.htmlAsAsked()) {
            try {
                JsonNode json = MAPPER.readTree(o.body());
                if (json == null || !json.path("error").isTextual() || !json.path("detail").isTextual()) return "4xx WITHOUT string error AND detail";
            } catch (IOException e) {
                return "4xx BODY IS NOT JSON";
            }
        }
        return null;
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9][0-9-]{8,}[0-9]");

    /** Every run of digits (dashes dropped) checked for a seeded phone at every position. */
    private static boolean leaksPhone(byte[] body) {
        Matcher m = DIGITS.matcher(new String(body, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            String d = m.group().replace("-", "");
            for (int from = 0; from < d.length(); from++) {
                for (int len = 10; len <= 18 && from + len <= d.length(); len++) {
                    if (phones.contains(d.substring(from, from + len))) return true;
                }
            }
        }
        return false;
    }

    /** Valid values from the seed (and the warning and rectification made in setUp), and the tokens. */
    record Pools(String admin, String editor, String viewer, List<String> collections, List<String> hazards, List<String> zones,
                 List<String> shelters, List<String> people, List<String> warnings, List<String> rectifications, List<String> regions) {
        boolean isToken(String t) {
            return admin.equals(t) || editor.equals(t) || viewer.equals(t);
        }

        /** Valid values for path parameter {@code name}, chosen by the path segment before it (or the collection chosen before it). */
        List<String> valid(String path, String name, String collection) {
            if (name.equals("collectionId")) return collections;
            if (name.equals("code")) return regions;
            if (name.equals("personId")) return people;
            String before = path.substring(0, path.indexOf("{" + name + "}"));
            if (before.endsWith("/people/")) return people;
            if (before.endsWith("/warnings/")) return warnings;
            if (before.endsWith("/rectifications/")) return rectifications;
            if (before.endsWith("/risk_zones/")) return zones;
            if (before.endsWith("/shelters/")) return shelters;
            if (before.endsWith("/hazards/")) return hazards;
            if ("risk_zones".equals(collection)) return zones;
            if ("shelters".equals(collection)) return shelters;
            if (collection != null) return hazards; // hazards, or a category of them
            List<String> features = new ArrayList<>(hazards);
            features.addAll(zones);
            features.addAll(shelters);
            return features;
        }
    }

    /** One request, drawn by {@link Generator}. {@code target} is the path and query exactly as sent. */
    record Probe(int n, String route, String method, String target, List<String[]> headers, byte[] body, String token, boolean raw) {
        Outcome send(HttpClient client, int port) {
            try {
                HttpRequest request = raw ? null : request(port);
                if (request != null) {
                    try {
                        return send(client, request);
                    } catch (IOException closedEarly) {
                        // HttpClient drops an answer the server sent before closing (414 for a path over 8 KiB): ask again over the socket, which reads it
                    }
                }
                StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\nHost: 127.0.0.1");
                for (String[] h : headers) head.append("\r\n").append(h[0]).append(": ").append(h[1]);
                if (body != null) head.append("\r\nContent-Length: ").append(body.length);
                RawHttp.Answer a = RawHttp.send(port, head.toString(), body);
                return new Outcome(this, a.status(), a.contentType(), a.body(), null);
            } catch (IOException | RuntimeException e) {
                return new Outcome(this, -1, "", new byte[0], e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(this, -1, "", new byte[0], e.toString());
            }
        }

        /** The request for HttpClient, or null when it refuses the path or a header (the raw socket sends those). */
        private HttpRequest request(int port) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).timeout(Duration.ofSeconds(60))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String[] h : headers) b.header(h[0], h[1]);
                return b.build();
            } catch (IllegalArgumentException refused) {
                return null;
            }
        }

        private Outcome send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                // an event stream that opened never ends: its status is the answer
                String type = r.headers().firstValue("Content-Type").orElse("");
                return new Outcome(this, r.statusCode(), type, type.startsWith("text/event-stream") ? new byte[0] : in.readAllBytes(), null);
            }
        }
    }

    record Outcome(Probe probe, int status, String contentType, byte[] body, String error) {
        /** A browser's request (Accept: text/html, or a posted form) answered with a page, as the answer link's routes do (api.md). */
        boolean htmlAsAsked() {
            boolean asked = probe.headers().stream().anyMatch(h -> h[0].equals("Accept") && h[1].contains("text/html")
                    || h[0].equals("Content-Type") && h[1].startsWith("application/x-www-form-urlencoded"));
            return asked && contentType.startsWith("text/html");
        }

        String describe() {
            StringBuilder s = new StringBuilder("#").append(probe.n()).append(' ').append(probe.method()).append(' ').append(excerpt(probe.target(), 300));
            for (String[] h : probe.headers()) s.append("\n  ").append(h[0]).append(": ").append(excerpt(h[1], 120));
            if (probe.body() != null) s.append("\n  body (").append(probe.body().length).append(" bytes): ").append(excerpt(new String(probe.body(), StandardCharsets.UTF_8), 300));
            s.append("\n  → ").append(error != null ? error : status + " " + excerpt(new String(body, StandardCharsets.UTF_8), 500));
            return s.toString();
        }

        private static String excerpt(String s, int max) {
            return (s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)").replace("\n", "\\n").replace("\r", "\\r");
        }
    }

    /** Draws probes from one Random: the same seed gives the same requests in the same order. */
    static final class Generator {
        private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");
        private static final List<String> BAD_SEGMENTS = List.of("%u0041", "%00", "x".repeat(5000), "灾害点", "..", "%2e%2e", "%2F",
                "-1", "0", "99999999999999999999", "-9223372036854775809", "NaN", "%FF", "%C0%AF", "%E2%80%AE", "%20", "'%20OR%201=1--",
                "%3Cscript%3E", "😀", "a%zz", "%", ".", "1e999");
        private static final List<String> PARAMS = List.of("limit", "offset", "cursor", "bbox", "bbox-crs", "crs", "filter", "filter-lang",
                "filter-crs", "f", "datetime", "properties", "lon", "lat", "radius", "k", "min_capacity", "min_level", "level", "category",
                "status", "admin_code", "group_by", "q", "collection", "format", "dry_run", "srid", "encoding", "state", "active", "tiles",
                "role", "tier", "sortby", "id", "name", "unknown_param");
        /** The parameters a route reads, by the first part of its path that matches (in this order): most draws use these, so the checks behind them run. */
        private static final List<Map.Entry<String, List<String>>> ROUTE_PARAMS = List.of(
                Map.entry("/import", List.of("collection", "format", "dry_run", "skip_invalid", "encoding", "srid", "table")),
                Map.entry("/export", List.of("collection", "format", "bbox", "category", "min_level", "admin_code")),
                Map.entry("/items", List.of("limit", "cursor", "bbox", "bbox-crs", "crs", "filter", "filter-lang", "filter-crs", "datetime", "properties", "f")),
                Map.entry("/near", List.of("lon", "lat", "radius", "limit", "category", "min_level", "k", "min_capacity")),
                Map.entry("stats", List.of("group_by", "admin_code", "bbox", "category")),
                Map.entry("/regions", List.of("q", "level", "limit", "admin_code")),
                Map.entry("/people", List.of("q", "role", "tier", "admin_code", "limit", "offset")),
                Map.entry("/warnings", List.of("state", "active", "limit", "status", "offset")),
                Map.entry("/tiles/", List.of("category", "min_level", "f")));
        /** A query each route that needs parameters accepts, by the end of its path. */
        private static final List<Map.Entry<String, List<String>>> VALID_QUERIES = List.of(
                Map.entry("/hazards/near", List.of("lon=108.38&lat=30.81&radius=5000", "lon=108.38&lat=30.81&radius=20000&category=landslide")),
                Map.entry("/shelters/nearest", List.of("lon=108.38&lat=30.81&k=3", "lon=108.38&lat=30.81")),
                Map.entry("/stats", List.of("group_by=risk_level&bbox=105,28,110,32.5", "group_by=region&level=city&admin_code=50")),
                Map.entry("/export", List.of("collection=hazards&format=geojson", "collection=shelters&format=csv", "collection=risk_zones&format=gpkg")),
                Map.entry("/api/import", List.of("collection=hazards&format=csv&dry_run=true", "collection=hazards&format=geojson",
                        "collection=hazards&format=gpkg&dry_run=true")),
                Map.entry("/people/import", List.of("dry_run=true", "skip_invalid=true")));
        private static final Map<String, List<String>> VALUES = Map.ofEntries(
                Map.entry("dry_run", List.of("true", "false", "maybe", "1", "")),
                Map.entry("table", List.of("hazards", "gpkg_contents", "'; --", "")),
                Map.entry("srid", List.of("4326", "4490", "3857", "-1", "0", "999999", "abc")),
                Map.entry("limit", List.of("10001", "-1", "abc", "0", "1", "10000", "1.5", "99999999999999999999", "")),
                Map.entry("cursor", List.of("!!!", "AAAA", "eyJ4IjoxfQ", "=", "x".repeat(3000), "%00", "MTAw", "-1")),
                Map.entry("bbox", List.of("108,30,109", "108,30,109,31,5", "NaN,30,109,31", "Infinity,-Infinity,1,2", "109,31,108,30",
                        "108,30,109,31", "-180,-90,180,90", "a,b,c,d", ",,,", "1e400,0,1,1", "108,30,0,109,31,100")),
                Map.entry("filter", List.of("risk_level > 2", "name = '", "risk_level >", "S_INTERSECTS(geom, POLYGON((", "((((((((((",
                        "risk_level > 2 AND", "status IN ()", "T_AFTER(datetime, TIMESTAMP('garbage'))", "S_WITHIN(geometry, BBOX(1,2,3))",
                        "\"name\" LIKE '%'", "nosuchprop = 1", "risk_level = 1e999", "NOT NOT NOT", "'" + "a".repeat(2000) + "'")),
                Map.entry("filter-lang", List.of("cql2-text", "cql2-json", "cql-text", "sql", "")),
                Map.entry("f", List.of("json", "geojson", "html", "xml", "csv", "mvt", "zzz", "")),
                Map.entry("datetime", List.of("2026-13-45", "../..", "now", "2026-01-01T00:00:00Z/..", "../2026-01-01", "2026-02-30T25:61:61Z",
                        "-999999999-01-01", "2026-01-01T00:00:00Z/2025-01-01T00:00:00Z", "")),
                Map.entry("lon", List.of("108.38", "181", "-181", "NaN", "Infinity", "1e999", "abc", "0x10", "108,38")),
                Map.entry("lat", List.of("30.81", "91", "-91", "NaN", "-Infinity", "1e-999", "")),
                Map.entry("radius", List.of("5000", "0", "-1", "1e12", "NaN", "abc", "50001")),
                Map.entry("format", List.of("geojson", "csv", "gpkg", "gpkg", "shp", "kml", "xyz", "")),
                Map.entry("collection", List.of("hazards", "risk_zones", "shelters", "people", "nosuch", "../etc")),
                Map.entry("encoding", List.of("UTF-8", "GBK", "ebcdic", "\\'", "\uFEFF", "x-nosuch", "")),
                Map.entry("crs", List.of("http://www.opengis.net/def/crs/EPSG/0/3857", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "EPSG:99999", "garbage")),
                Map.entry("admin_code", List.of("500101", "50", "5", "abc", "5001010010010010", "-1")),
                Map.entry("properties", List.of("name,risk_level", "nosuch", ",,,", "")));
        private static final List<String> ANY = List.of("", "-1", "0", "1", "abc", "NaN", "Infinity", "1e999", "true", "maybe",
                "99999999999999999999", "x".repeat(4000), "灾害", "\u0000", "'; DROP TABLE person;--", "%", "null");
        private static final List<String> CONTENT_TYPES = List.of("application/json; charset=ebcdic", "application/json; charset=utf-16",
                "application/json; charset=", "application/json; charset=\"utf-8\"", "text/csv; charset=gbk", "application/xml", "text/plain",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "garbage", ";;;", "application/geopackage+sqlite3",
                "application/json; charset=nosuch-charset", "application/json;charset=UTF-8;charset=latin1", "*/*", "application/octet-stream");
        private static final List<String> ACCEPTS = List.of("*/*", "application/json", "text/html", "application/xml", "application/geo+json;q=0",
                "text/event-stream", "garbage/garbage", ";q=abc", ";", ",;,", "", "application/vnd.mapbox-vector-tile", "*/*;q=2");
        private static final List<String> IF_MATCH = List.of("\"1\"", "\"2\"", "*", "W/\"1\"", "garbage", "\"-1\"", "\"99999999999999999999\"", "\"\"", "\"1\", \"2\"");
        private static final List<String> BAD_AUTH = List.of("Bearer ", "Bearer garbage", "Basic YWxhZGRpbjpvcGVu", "Bearer " + "x".repeat(5000),
                "Bearer 令牌", "bearer", "Bearer a b c", "Token abc");

        private final Random r;
        private final Pools pools;

        Generator(Random r, Pools pools) {
            this.r = r;
            this.pools = pools;
        }

        Probe probe(int n, Endpoint route) {
            String method = r.nextInt(5) == 0 ? pick(METHODS) : route.getMethod().name();
            String target = path(route.getPath()) + query(route.getPath());
            List<String[]> headers = new ArrayList<>();
            String token = token();
            if (token != null) headers.add(new String[] {"Authorization", token.startsWith("Bearer") || token.contains(" ") || token.equals("bearer") ? token : "Bearer " + token});
            byte[] body = method.equals("GET") && r.nextInt(10) > 0 || method.equals("HEAD") ? null : FuzzBodies.draw(r, route.getPath());
            if (body != null || r.nextInt(10) == 0) {
                headers.add(new String[] {"Content-Type", r.nextInt(5) < 3 ? FuzzBodies.contentType(route.getPath()) : pick(CONTENT_TYPES)});
            }
            if (r.nextInt(3) == 0) headers.add(new String[] {"Accept", pick(ACCEPTS)});
            if (Set.of("PUT", "PATCH", "DELETE").contains(method) && r.nextInt(10) < 7) headers.add(new String[] {"If-Match", pick(IF_MATCH)});
            if (r.nextInt(10) == 0) headers.add(new String[] {"If-None-Match", pick(IF_MATCH)});
            if (r.nextInt(12) == 0) headers.add(new String[] {"Content-Crs", pick(List.of("garbage", "<http://www.opengis.net/def/crs/EPSG/0/3857>", "<>", "<urn:x>"))});
            if (r.nextInt(12) == 0) headers.add(new String[] {"Idempotency-Key", pick(ANY)});
            if (r.nextInt(15) == 0) headers.add(new String[] {"X-Forwarded-Host", pick(List.of("evil.example:99999", "a b", "[::1", "例子.中国", ""))});
            if (r.nextInt(15) == 0) headers.add(new String[] {"X-Forwarded-Proto", pick(List.of("gopher", "", "https, http", "HTTPS"))});
            String login = token == null || !pools.isToken(token) ? null : token;
            return new Probe(n, route.getMethod() + " " + route.getPath(), method, target, headers, body, login, r.nextInt(20) == 0);
        }

        /** Anonymous, a valid token (a share writes), or a bogus Authorization. */
        private String token() {
            int t = r.nextInt(20);
            if (t < 7) return null;
            if (t < 13) return pools.admin();
            if (t < 16) return pools.editor();
            if (t < 18) return pools.viewer();
            return pick(BAD_AUTH);
        }

        private String path(String pattern) {
            Matcher m = Pattern.compile("\\{(\\w+)}").matcher(pattern);
            StringBuilder out = new StringBuilder();
            String[] tile = tile();
            boolean allValid = r.nextBoolean();
            String collection = null;
            while (m.find()) {
                String name = m.group(1);
                String valid = switch (name) {
                    case "z" -> tile[0];
                    case "x" -> tile[1];
                    case "y" -> tile[2];
                    case "token" -> Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
                    default -> pick(pools.valid(pattern, name, collection));
                };
                if (name.equals("collectionId")) collection = valid;
                int kind = allValid ? 0 : r.nextInt(10);
                String value = kind < 5 ? valid : kind < 8 ? pick(BAD_SEGMENTS) : valid + pick(BAD_SEGMENTS);
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** A tile over the demo area at a random zoom, or numbers out of range. */
        private String[] tile() {
            int z = r.nextInt(20);
            double lon = 108.38;
            double lat = Math.toRadians(30.81);
            long x = (long) Math.floor((lon + 180) / 360 * (1L << z));
            long y = (long) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1L << z));
            return r.nextInt(4) == 0 ? new String[] {pick(List.of("-1", "23", "99", "0")), String.valueOf(x * 3), "-" + y}
                    : new String[] {String.valueOf(z), String.valueOf(x), String.valueOf(y)};
        }

        private String query(String path) {
            List<String> own = ROUTE_PARAMS.stream().filter(e -> path.contains(e.getKey())).findFirst().map(Map.Entry::getValue).orElse(PARAMS);
            int count = r.nextInt(5);
            List<String> pairs = new ArrayList<>();
            // half the draws start from a query the route accepts, so the checks after its parameters run too
            if (r.nextBoolean()) VALID_QUERIES.stream().filter(e -> path.endsWith(e.getKey())).findFirst().ifPresent(e -> pairs.add(pick(e.getValue())));
            for (int i = 0; i < count; i++) {
                String name = r.nextInt(4) == 0 ? pick(PARAMS) : pick(own);
                String value = r.nextInt(4) == 0 ? pick(ANY) : pick(VALUES.getOrDefault(name, ANY));
                // mostly encoded; sometimes sent raw, broken escapes and all
                String sent = r.nextInt(10) == 0 ? value.replace(" ", "%20") : URLEncoder.encode(value, StandardCharsets.UTF_8);
                pairs.add(name + "=" + sent);
                if (r.nextInt(6) == 0) pairs.add(name + "=" + sent); // repeated
            }
            if (r.nextInt(20) == 0) pairs.add(pick(List.of("%zz=1", "=", "&&", "limit", "a=%u0041", "bbox==1")));
            return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
        }

        private <T> T pick(List<T> list) {
            return list.get(r.nextInt(list.size()));
        }
    }
}
