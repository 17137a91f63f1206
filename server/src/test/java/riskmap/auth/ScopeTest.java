package riskmap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.store.TokenStore;
import riskmap.tiles.MvtReader;
import riskmap.tiles.TileMath;

/**
 * Scoped accounts (issue 9) through every read and write path: /api, /ogc, /tiles, export,
 * import and history. Three hazard points lie a few kilometres apart, two in county 500101 (one
 * in each of its townships 500101001 and 500101002) and one in county 500102, so every radius,
 * area and tile below covers all three and only the scope can tell them apart.
 */
class ScopeTest {
    private static final String PHONE_A1 = "13900000011";
    private static final String PHONE_A2 = "13900000012";
    private static final String PHONE_B1 = "13900000021";
    private static final double LON = 108.41;
    private static final double LAT = 30.80;
    private static final String NEAR = "/api/hazards/near?lon=" + LON + "&lat=" + LAT + "&radius=20000";
    private static final String AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[108.3,30.7],[108.5,30.7],[108.5,30.9],[108.3,30.9],[108.3,30.7]]]}";

    private static DataSource ds;
    private static TestServer open;
    private static TestServer closed;
    private static Api api;
    private static Api closedApi;
    private static String county;
    private static String township;
    private static String countyInClosed;
    private static String warningOfficer;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        open = new TestServer(ds);
        closed = new TestServer(ds, Map.of("RISKMAP_PUBLIC_READ", "false"));
        api = new Api(open.port());
        closedApi = new Api(closed.port());
        county = Api.token(ds, "万州区编辑", Role.EDITOR, "500101");
        township = Api.token(ds, "一镇值班", Role.VIEWER, "500101001");
        countyInClosed = Api.token(ds, "万州区值班", Role.VIEWER, "500101");
        warningOfficer = Tokens.newToken();
        new TokenStore(ds).create("预警员", null, EnumSet.of(Action.ISSUE_WARNING), "500101", warningOfficer);
    }

    @AfterAll
    static void stop() {
        open.close();
        closed.close();
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, responsible_person, responsible_phone, geom) VALUES"
                    + " ('A1', 'landslide', '一镇滑坡', 3, '500101001', '甲', '" + PHONE_A1 + "', ST_SetSRID(ST_MakePoint(108.40, 30.80), 4326)),"
                    + " ('A2', 'landslide', '二镇滑坡', 2, '500101002', '乙', '" + PHONE_A2 + "', ST_SetSRID(ST_MakePoint(108.41, 30.81), 4326)),"
                    + " ('B1', 'flood', '邻县洪涝', 4, '500102', '丙', '" + PHONE_B1 + "', ST_SetSRID(ST_MakePoint(108.42, 30.79), 4326))");
            st.execute("INSERT INTO shelter (id, name, capacity, admin_code, geom) VALUES"
                    + " ('SA', '一镇避难所', 100, '500101001', ST_SetSRID(ST_MakePoint(108.401, 30.801), 4326)),"
                    + " ('SB', '邻县避难所', 100, '500102', ST_SetSRID(ST_MakePoint(108.421, 30.791), 4326))");
        }
    }

    // --- a county editor on a public server: writes and phones stop at the county line ---

    @Test
    void a_county_editor_cannot_write_outside_its_county_through_any_endpoint() {
        String outside = Api.hazard("NEW", "500102", 2, LON, LAT);
        List<Api.Response> refused = List.of(
                api.json("POST", "/api/hazards", county, outside),
                api.json("PUT", "/api/hazards/B1", county, Api.hazard("B1", "500102", 1, LON, LAT), "If-Match", "\"1\""),
                api.json("PATCH", "/api/hazards/B1", county, "{\"type\":\"Feature\",\"properties\":{\"risk_level\":1}}", "If-Match", "\"1\""),
                api.send("DELETE", "/api/hazards/B1", county, null, "If-Match", "\"1\""),
                api.json("PATCH", "/api/shelters/SB", county, "{\"type\":\"Feature\",\"properties\":{\"capacity\":1}}", "If-Match", "\"1\""),
                api.json("POST", "/api/shelters", county, "{\"type\":\"Feature\",\"properties\":{\"name\":\"新\",\"capacity\":5,\"admin_code\":\"500102\"},"
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.4,30.8]}}"),
                // moving its own point into the neighbour county
                api.json("PATCH", "/api/hazards/A1", county, "{\"type\":\"Feature\",\"properties\":{\"admin_code\":\"500102\"}}", "If-Match", "\"1\""));
        for (Api.Response r : refused) {
            assertEquals(403, r.status(), r.body());
            assertEquals("forbidden", r.json().get("error").asText());
            assertTrue(r.json().get("detail").asText().contains("500101"), "the detail names the account's scope: " + r.body());
        }
        Api.Response imported = api.send("POST", "/api/import?collection=hazards", county,
                ("lon,lat,category,name,risk_level,admin_code\n108.4,30.8,flood,邻县新点,2,500102\n").getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/csv");
        assertEquals(422, imported.status(), imported.body());
        assertEquals(3, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        assertEquals(4, TestDatabase.count(ds, "SELECT risk_level FROM hazard_point WHERE id = 'B1'"));
        assertEquals("500101001", TestDatabase.ids(ds, "SELECT admin_code FROM hazard_point WHERE id = 'A1'").get(0));
        assertEquals(100, TestDatabase.count(ds, "SELECT capacity FROM shelter WHERE id = 'SB'"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM change_history"), "nothing was written");
    }

    @Test
    void a_county_editor_reads_phones_of_its_own_county_only_through_every_read_endpoint() {
        String cql = URLEncoder.encode("responsible_phone='" + PHONE_B1 + "'", StandardCharsets.UTF_8);
        // each read that can carry a hazard point's phone, and whether it should show A1's
        List<String[]> reads = List.of(
                new String[] {"GET", NEAR, "shows A1"},
                new String[] {"POST", "/api/hazards/within", "shows A1"},
                new String[] {"GET", "/api/hazards/A1", "shows A1"},
                new String[] {"GET", "/api/hazards/B1", ""},
                new String[] {"GET", "/ogc/collections/hazards/items?limit=100", "shows A1"},
                new String[] {"GET", "/ogc/collections/flood/items?limit=100", ""},
                new String[] {"GET", "/ogc/collections/hazards/items/B1", ""},
                new String[] {"GET", "/ogc/collections/hazards/items?f=html", "shows A1"},
                new String[] {"GET", "/api/export?collection=hazards&format=geojson", "shows A1"},
                new String[] {"GET", "/api/export?collection=hazards&format=csv", "shows A1"},
                new String[] {"GET", TileMath.path("hazards", 10, LON, LAT), ""},
                new String[] {"GET", TileMath.path("hazards", 5, LON, LAT), ""});
        for (String[] read : reads) {
            Api.Response r = read[0].equals("POST") ? api.json("POST", read[1], county, AREA) : api.get(read[1], county);
            assertEquals(200, r.status(), read[1] + ": " + r.body());
            String body = new String(r.bytes(), StandardCharsets.ISO_8859_1) + r.body();
            assertFalse(body.contains(PHONE_B1), read[1] + " shows the neighbour county's phone: " + r.body());
            if (!read[2].isEmpty()) assertTrue(r.body().contains(PHONE_A1), read[1] + " should show the county's own phone: " + r.body());
        }
        // a filter on the phone cannot find the neighbour's point either (its links echo the query, so only the features are checked)
        assertEquals(0, api.get("/ogc/collections/hazards/items?filter=" + cql, county).json().get("features").size());
        assertEquals(0, api.get("/ogc/collections/hazards/items?responsible_phone=" + PHONE_B1, county).json().get("features").size());
        // the point itself stays readable on a public server, without the phone
        assertEquals("邻县洪涝", api.get("/api/hazards/B1", county).json().at("/properties/name").asText());
        // the summary names whom to call, with phones inside the county only
        JsonNode responsible = api.json("POST", "/api/hazards/within", county, AREA).json().at("/summary/responsible");
        assertEquals(3, responsible.size());
        for (JsonNode p : responsible) {
            String phone = p.path("phone").isNull() ? null : p.path("phone").asText();
            assertEquals(p.get("person").asText().equals("丙") ? null : p.get("person").asText().equals("甲") ? PHONE_A1 : PHONE_A2, phone, p.toString());
        }
    }

    @Test
    void the_change_history_of_another_county_is_refused_and_of_its_own_allowed() throws Exception {
        assertEquals(200, api.json("PATCH", "/api/hazards/B1", Api.token(ds, "全国", Role.ADMIN, null),
                "{\"type\":\"Feature\",\"properties\":{\"risk_level\":3}}", "If-Match", "\"1\"").status());
        Api.Response other = api.get("/api/hazards/B1/history", county);
        assertEquals(403, other.status(), other.body());
        assertFalse(other.body().contains(PHONE_B1));
        assertEquals(200, api.json("PATCH", "/api/hazards/A1", county,
                "{\"type\":\"Feature\",\"properties\":{\"risk_level\":4}}", "If-Match", "\"1\"").status());
        Api.Response own = api.get("/api/hazards/A1/history", county);
        assertEquals(200, own.status(), own.body());
        assertTrue(own.body().contains(PHONE_A1));
    }

    // --- a township account on a server whose reads are closed ---

    @Test
    void with_closed_reads_a_township_account_sees_its_township_only_on_every_read_path() {
        assertEquals(List.of("A1"), ids(closedApi.get(NEAR, township).json()));
        JsonNode within = closedApi.json("POST", "/api/hazards/within", township, AREA).json();
        assertEquals(List.of("A1"), ids(within));
        assertEquals(1, within.at("/summary/count").asInt());
        assertEquals(List.of("A1"), ids(closedApi.get("/ogc/collections/hazards/items?limit=100", township).json()));
        assertEquals(1, closedApi.get("/ogc/collections/hazards/items?limit=100", township).json().get("numberMatched").asInt());
        // with a bbox (geohash order): counted from the rows the account may read, never from the whole table's cells
        JsonNode boxed = closedApi.get("/ogc/collections/hazards/items?limit=100&bbox=-180,-90,180,90", township).json();
        assertEquals(List.of("A1"), ids(boxed));
        assertEquals(1, boxed.get("numberMatched").asInt());
        assertEquals(List.of(), ids(closedApi.get("/ogc/collections/flood/items", township).json()));
        assertEquals(List.of("A1"), ids(closedApi.get("/api/export?collection=hazards&format=geojson", township).json()));
        assertEquals(List.of("SA"), ids(closedApi.get("/api/shelters/nearest?lon=" + LON + "&lat=" + LAT + "&k=5", township).json()));
        for (String hidden : List.of("/api/hazards/A2", "/api/hazards/B1", "/ogc/collections/hazards/items/A2", "/ogc/collections/hazards/items/B1")) {
            assertEquals(404, closedApi.get(hidden, township).status(), hidden);
        }
        JsonNode stats = closedApi.get("/api/stats?group_by=risk_level", township).json();
        assertEquals(1, stats.get("rows").size(), stats.toString());
        assertEquals(1, stats.at("/rows/0/count").asInt());
        // asking for another region's points gives none rather than the neighbour's
        assertEquals(List.of(), ids(closedApi.get(NEAR + "&admin_code=500102", township).json()));
        assertEquals(List.of("A1"), ids(closedApi.get(NEAR + "&admin_code=5001", township).json()));
        // and anonymous callers get nothing at all
        assertEquals(401, closedApi.get(NEAR, null).status());
        assertEquals(401, closedApi.get(TileMath.path("hazards", 10, LON, LAT), null).status());
    }

    @Test
    void with_closed_reads_tiles_hold_the_accounts_region_only_and_a_cached_tile_never_crosses_scopes() {
        String single = TileMath.path("hazards", 10, LON, LAT);
        String cells = TileMath.path("hazards", 5, LON, LAT);
        for (int round = 0; round < 2; round++) { // the second round is served from the tile cache
            assertEquals(new TreeSet<>(List.of("A1")), tileIds(closedApi.get(single, township)), "round " + round);
            assertEquals(new TreeSet<>(List.of("A1", "A2")), tileIds(closedApi.get(single, countyInClosed)), "round " + round);
            assertEquals(1, cellCount(closedApi.get(cells, township)), "round " + round);
            assertEquals(2, cellCount(closedApi.get(cells, countyInClosed)), "round " + round);
        }
        assertEquals(0, tileIds(closedApi.get(single + "?admin_code=500102", township)).size());
        // on the public server every account sees the whole map
        assertEquals(new TreeSet<>(List.of("A1", "A2", "B1")), tileIds(api.get(single, township)));
    }

    @Test
    void responses_that_depend_on_the_account_tell_caches_so() {
        for (String path : List.of("/api/hazards/A1", NEAR, "/ogc/collections/hazards/items", TileMath.path("hazards", 10, LON, LAT))) {
            Api.Response r = api.get(path, null);
            assertEquals(200, r.status(), path);
            assertTrue(r.raw().headers().allValues("Vary").stream().anyMatch(v -> v.contains("Authorization")), path + ": " + r.raw().headers().map());
        }
    }

    // --- actions ---

    @Test
    void an_account_has_only_its_actions_and_me_says_which() {
        JsonNode me = api.get("/api/me", warningOfficer).json();
        assertEquals("预警员", me.get("name").asText());
        assertEquals("500101", me.get("scope").asText());
        assertEquals("[\"issue_warning\"]", me.get("actions").toString());
        assertTrue(me.get("role").isNull());
        assertEquals(401, api.get("/api/me", null).status());
        Api.Response write = api.json("PATCH", "/api/hazards/A1", warningOfficer, "{\"type\":\"Feature\",\"properties\":{\"risk_level\":1}}", "If-Match", "\"1\"");
        assertEquals(403, write.status());
        assertTrue(write.json().get("detail").asText().contains("edit"), write.body());
        assertFalse(api.get("/api/hazards/A1", warningOfficer).body().contains(PHONE_A1), "no read_personal, no phones");
        assertEquals(403, api.get("/api/hazards/A1/history", warningOfficer).status());
        JsonNode editor = api.get("/api/me", county).json();
        assertEquals("editor", editor.get("role").asText());
        assertEquals("[\"read_personal\",\"edit\"]", editor.get("actions").toString());
    }

    private static List<String> ids(JsonNode collection) {
        List<String> ids = new ArrayList<>();
        for (JsonNode f : collection.get("features")) ids.add(f.get("id").asText());
        return ids;
    }

    private static TreeSet<String> tileIds(Api.Response r) {
        assertEquals(200, r.status(), r.body());
        TreeSet<String> ids = new TreeSet<>();
        for (MvtReader.Layer l : MvtReader.read(r.bytes())) {
            for (MvtReader.Feature f : l.features()) ids.add(String.valueOf(f.properties().get("id")));
        }
        return ids;
    }

    /** The points an aggregated tile counts, over all its cells. */
    private static long cellCount(Api.Response r) {
        assertEquals(200, r.status(), r.body());
        long n = 0;
        for (MvtReader.Layer l : MvtReader.read(r.bytes())) {
            for (MvtReader.Feature f : l.features()) n += ((Number) f.properties().get("count")).longValue();
        }
        return n;
    }
}
