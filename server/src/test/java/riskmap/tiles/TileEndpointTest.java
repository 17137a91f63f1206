package riskmap.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestHttp;
import riskmap.TestServer;

/** {@code GET /tiles/{collectionId}/{z}/{x}/{y}.mvt} over a database with a known set of points. */
class TileEndpointTest {
    /** Chongqing, where the test points lie. */
    static final double LON = 106.55;
    static final double LAT = 29.56;

    private static DataSource ds;
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.database("tiles", false);
        sql("DELETE FROM hazard_point; DELETE FROM shelter; DELETE FROM risk_zone");
        // 40 points within ~2 km of the centre: categories, levels and statuses mixed; one phone to keep out of tiles
        sql("""
            INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, threatened_people,
                                      responsible_person, responsible_phone, geom)
            SELECT 'T' || i, (ARRAY['landslide','flood','forest_fire'])[1 + i % 3], '测试点' || i, 1 + i % 4,
                   (ARRAY['active','monitoring'])[1 + i % 2], CASE WHEN i < 20 THEN '500103' ELSE '500104001' END, i * 10,
                   '张三', '13900000000',
                   ST_SetSRID(ST_MakePoint(106.55 + (i % 7) * 0.003, 29.56 + (i / 7) * 0.003), 4326)
            FROM generate_series(0, 39) i""");
        sql("INSERT INTO shelter (id, name, capacity, geom) VALUES ('S1', '避难所', 500, ST_SetSRID(ST_MakePoint(106.56, 29.57), 4326))");
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void sql(String statements) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(statements);
        }
    }

    static String tilePath(String collection, int z, String query) {
        return "/tiles/" + collection + "/" + z + "/" + TileMath.tileX(LON + 0.009, z) + "/" + TileMath.tileY(LAT + 0.009, z) + ".mvt" + (query == null ? "" : "?" + query);
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (headers.length > 0) b.headers(headers);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<MvtReader.Feature> features(HttpResponse<byte[]> r) {
        List<MvtReader.Layer> layers = MvtReader.read(r.body());
        return layers.isEmpty() ? List.of() : layers.get(0).features();
    }

    @Test
    void tile_over_the_data_holds_every_point_with_public_attributes_only() throws Exception {
        HttpResponse<byte[]> r = get(tilePath("hazards", 12, null));
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.mapbox-vector-tile", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().length > 0);
        List<MvtReader.Layer> layers = MvtReader.read(r.body());
        assertEquals(1, layers.size());
        assertEquals("hazards", layers.get(0).name());
        assertEquals(40, layers.get(0).features().size());
        MvtReader.Feature f = layers.get(0).features().get(0);
        assertEquals(1, f.type(), "points");
        assertTrue(f.properties().keySet().containsAll(List.of("id", "name", "category", "risk_level", "status", "admin_code", "threatened_people", "updated_at")),
                f.properties().toString());
        assertFalse(layers.get(0).keys().contains("responsible_phone"));
        assertFalse(new String(r.body(), StandardCharsets.ISO_8859_1).contains("13900000000"), "phones never reach a tile");
        assertTrue(layers.get(0).features().stream().anyMatch(x -> "测试点7".equals(x.properties().get("name"))), "Chinese text round-trips");
        assertNotNull(r.headers().firstValue("Last-Modified").orElse(null));
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void tile_outside_the_data_is_empty_not_an_error() throws Exception {
        HttpResponse<byte[]> r = get("/tiles/hazards/10/300/400.mvt");
        assertEquals(200, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals("application/vnd.mapbox-vector-tile", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void an_unregistered_category_is_refused_like_everywhere_else() throws Exception {
        HttpResponse<byte[]> r = get("/tiles/hazards/0/0/0.mvt?category=no_such_one");
        assertEquals(400, r.statusCode());
        String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(body.contains("\"error\":\"invalid_parameter\"") && body.contains("unknown value 'no_such_one'"), body);
    }

    @Test
    void filters_are_the_items_filters() throws Exception {
        Set<Object> floodOnly = features(get(tilePath("hazards", 12, "category=flood"))).stream()
                .map(f -> f.properties().get("category")).collect(Collectors.toSet());
        assertEquals(Set.of("flood"), floodOnly);
        assertEquals(13, features(get(tilePath("flood", 12, null))).size(), "per-category layer");
        assertEquals(10, features(get(tilePath("hazards", 12, "min_level=4"))).size());
        assertEquals(20, features(get(tilePath("hazards", 12, "status=active"))).size());
        assertEquals(20, features(get(tilePath("hazards", 12, "admin_code=500104"))).size(), "county code matches township codes below it");
        assertEquals(5, features(get(tilePath("hazards", 12, "admin_code=500103&min_level=4&status=active,monitoring"))).size());
    }

    @Test
    void low_zoom_hazard_tiles_aggregate_into_cells_with_count_and_max_level() throws Exception {
        List<MvtReader.Feature> cells = features(get(tilePath("hazards", 5, null)));
        assertFalse(cells.isEmpty());
        long total = cells.stream().mapToLong(c -> ((Number) c.properties().get("count")).longValue()).sum();
        assertEquals(40, total, "every point counted once");
        assertTrue(cells.size() < 40);
        assertEquals(4L, ((Number) cells.get(0).properties().get("max_risk_level")).longValue());
        assertFalse(cells.get(0).properties().containsKey("name"));
        long people = cells.stream().mapToLong(c -> ((Number) c.properties().get("threatened_people")).longValue()).sum();
        assertEquals(10L * (39 * 40 / 2), people);
    }

    @Test
    void etag_changes_when_a_point_is_edited_inserted_or_deleted_and_revalidation_gets_304() throws Exception {
        String path = tilePath("hazards", 13, null);
        HttpResponse<byte[]> first = get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, get(path).headers().firstValue("ETag").orElseThrow(), "stable while nothing changes");

        sql("UPDATE hazard_point SET risk_level = 1 + risk_level % 4 WHERE id = 'T5'"); // plain SQL, updated_at untouched
        String afterUpdate = get(path).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, afterUpdate);
        assertEquals(200, get(path, "If-None-Match", etag).statusCode(), "a stale validator gets the new tile");

        sql("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES ('TNEW', 'flood', '新增', 2, '500103', ST_SetSRID(ST_MakePoint(106.56, 29.565), 4326))");
        String afterInsert = get(path).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(afterUpdate, afterInsert);

        sql("DELETE FROM hazard_point WHERE id = 'TNEW'");
        String afterDelete = get(path).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(afterInsert, afterDelete);
        sql("UPDATE hazard_point SET risk_level = 1 + (risk_level + 2) % 4 WHERE id = 'T5'");
        assertEquals(etag, get(path).headers().firstValue("ETag").orElseThrow(), "same data, same validator");
    }

    @Test
    void a_low_zoom_tile_is_rendered_once_and_again_only_after_its_layer_changes() throws Exception {
        String path = tilePath("hazards", 5, null);
        HttpResponse<byte[]> first = get(path);
        HttpResponse<byte[]> second = get(path);
        assertEquals("hit", second.headers().firstValue("X-Tile-Cache").orElseThrow());
        assertArrayEquals(first.body(), second.body());

        sql("UPDATE hazard_point SET threatened_people = threatened_people + 1000 WHERE id = 'T5'");
        HttpResponse<byte[]> afterEdit = get(path);
        assertEquals("miss", afterEdit.headers().firstValue("X-Tile-Cache").orElseThrow(), "an edit makes the cached tile stale");
        assertNotEquals(first.headers().firstValue("ETag").orElseThrow(), afterEdit.headers().firstValue("ETag").orElseThrow());
        sql("UPDATE hazard_point SET threatened_people = threatened_people - 1000 WHERE id = 'T5'");
    }

    @Test
    void an_edit_far_away_leaves_a_cached_tile_valid_and_an_edit_inside_does_not() throws Exception {
        String path = tilePath("hazards", 7, null);
        HttpResponse<byte[]> first = get(path);
        sql("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                + " VALUES ('TFAR', 'forest_fire', '远处', 3, '222403', ST_SetSRID(ST_MakePoint(128.2, 43.4), 4326))"); // Jilin, far outside
        HttpResponse<byte[]> afterFarEdit = get(path);
        assertEquals("hit", afterFarEdit.headers().firstValue("X-Tile-Cache").orElseThrow(), "a change elsewhere keeps the tile");
        assertArrayEquals(first.body(), afterFarEdit.body());

        sql("UPDATE hazard_point SET risk_level = 1 + risk_level % 4 WHERE id = 'T5'");
        assertEquals("miss", get(path).headers().firstValue("X-Tile-Cache").orElseThrow(), "a change inside re-renders it");
        sql("UPDATE hazard_point SET risk_level = 1 + (risk_level + 2) % 4 WHERE id = 'T5'; DELETE FROM hazard_point WHERE id = 'TFAR'");
    }

    @Test
    void bad_tile_addresses_are_400_and_unknown_collections_404() throws Exception {
        for (String bad : List.of("/tiles/hazards/23/0/0.mvt", "/tiles/hazards/3/8/0.mvt", "/tiles/hazards/3/0/8.mvt",
                "/tiles/hazards/-1/0/0.mvt", "/tiles/hazards/3/x/0.mvt", "/tiles/hazards/3/0/abc.mvt", "/tiles/hazards/3/0/-2.mvt",
                "/tiles/hazards/3/0/0.mvt?min_level=5", "/tiles/hazards/3/0/0.mvt?status=lost", "/tiles/shelters/3/0/0.mvt?status=active",
                "/tiles/hazards/3/0/0.mvt?admin_code=50x", "/tiles/hazards/3/0/0.mvt?category=DROP%20TABLE",
                "/tiles/hazards/3/0/0.mvt?minlevel=3", "/tiles/hazards/3/0/0.mvt?min_level=2&bbox=1,2,3,4")) {
            TestHttp.Response r = server.http.get(bad);
            assertEquals(400, r.status(), bad + " → " + r.body());
            assertTrue(r.json().has("error") && r.json().has("detail"), r.body());
        }
        TestHttp.Response missing = server.http.get("/tiles/nope/3/0/0.mvt");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.json().get("error").asText());
    }

    @Test
    void a_tile_too_dense_for_single_points_is_aggregated_even_at_high_zoom() throws Exception {
        sql("""
            INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)
            SELECT 'D' || i, 'flood', '密集' || i, 1 + i % 4, '330102',
                   ST_SetSRID(ST_MakePoint(120.001 + (i % 50) * 0.0001, 30.001 + (i / 50) * 0.0001), 4326)
            FROM generate_series(0, 2099) i""");
        try {
            String dense = "/tiles/hazards/12/" + TileMath.tileX(120.003, 12) + "/" + TileMath.tileY(30.003, 12) + ".mvt";
            HttpResponse<byte[]> r = get(dense);
            assertEquals("true", r.headers().firstValue("X-Tile-Aggregated").orElse(""));
            long total = features(r).stream().mapToLong(c -> ((Number) c.properties().get("count")).longValue()).sum();
            assertEquals(2100, total);
            HttpResponse<byte[]> fewer = get(dense + "?min_level=4");
            assertTrue(fewer.headers().firstValue("X-Tile-Aggregated").isEmpty(), "525 points are few enough to send one by one");
            assertEquals(525, features(fewer).size());
            HttpResponse<byte[]> close = get("/tiles/hazards/16/" + TileMath.tileX(120.003, 16) + "/" + TileMath.tileY(30.003, 16) + ".mvt");
            assertTrue(close.headers().firstValue("X-Tile-Aggregated").isEmpty(), "never aggregated from zoom 16");
            assertFalse(features(close).isEmpty());
        } finally {
            sql("DELETE FROM hazard_point WHERE id LIKE 'D%'");
        }
    }

    @Test
    void shelter_tiles_carry_points_with_capacity() throws Exception {
        List<MvtReader.Feature> shelters = features(get(tilePath("shelters", 12, null)));
        assertEquals(1, shelters.size());
        assertEquals(500L, ((Number) shelters.get(0).properties().get("capacity")).longValue());
    }
}
