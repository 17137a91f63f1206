package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;
import riskmap.http.Json;

/**
 * QGIS 3.22 (Debian's python3-qgis, installed by {@code ./riskmap test}) as a client, headless:
 * {@code server/src/test/python/qgis_client.py} loads every collection through the OAPIF provider,
 * renders the vector tiles offscreen and replaces a feature through Part 4 on QGIS's network
 * stack. Every figure it prints is checked against SQL on the test's connection.
 */
class OgcQgisTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);
    private static final String FEATURE = "QG01";

    @BeforeAll
    static void addTheFeatureToEdit() {
        OgcFixture.exec(SERVER.ds(), "INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, updated_at, geom)"
                + " VALUES ('" + FEATURE + "', 'landslide', 'QGIS 编辑前', 2, 'active', '500101', now(), ST_SetSRID(ST_MakePoint(106.25, 29.25), 4326))");
    }

    @AfterAll
    static void removeIt() {
        OgcFixture.exec(SERVER.ds(), "DELETE FROM hazard_point WHERE id = '" + FEATURE + "'", "DELETE FROM change_history WHERE feature_id = '" + FEATURE + "'");
    }

    @Test
    void qgis_loads_every_collection_draws_the_tiles_and_replaces_a_feature() throws Exception {
        String token = Api.token(SERVER.ds(), "QGIS 编辑", Role.EDITOR, null);
        String newName = "QGIS 改名·滑坡点";
        // the fixture's points lie in 106–106.6 E, 29–29.5 N
        String out = Gdal.run(Map.of("QT_QPA_PLATFORM", "offscreen"),
                "/usr/bin/python3", TestDatabase.home().resolve("server/src/test/python/qgis_client.py").toString(),
                "http://127.0.0.1:" + SERVER.port(), token, FEATURE, newName, "105.9", "28.9", "106.7", "29.7");
        String last = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(out));
        JsonNode r = Json.MAPPER.readTree(last);
        assertTrue(r.path("qgis").asText().startsWith("3."), last);
        Map<String, String> tables = Map.of("hazards", "hazard_point", "risk_zones", "risk_zone", "shelters", "shelter");
        JsonNode listed = SERVER.http().get("/ogc/collections").json().path("collections");
        assertEquals(listed.size(), r.path("collections").size(), "every collection tried: " + last);
        for (JsonNode c : listed) {
            String id = c.path("id").asText();
            JsonNode got = r.path("collections").path(id);
            String table = tables.getOrDefault(id, "hazard_point");
            String where = tables.containsKey(id) ? "" : " WHERE category = '" + id + "'";
            long expected = TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM " + table + where);
            assertTrue(got.path("valid").asBoolean(), id + ": " + got);
            assertEquals(expected, got.path("features").asLong(), id + ": the features QGIS paged through");
            assertEquals(expected, got.path("distinct_ids").asLong(), id + ": no feature twice");
            assertEquals(id.equals("risk_zones") ? 2 : 0, got.path("geometry").asInt(), id + ": QGIS geometry type (0 point, 2 polygon)");
        }
        assertTrue(r.at("/tiles/valid").asBoolean(), last);
        assertTrue(r.at("/tiles/pixels_over_data").asInt() > 0, "the tiles draw the points: " + last);
        assertEquals(0, r.at("/tiles/pixels_over_sea").asInt(), "nothing drawn where there is no data: " + last);
        assertEquals(200, r.at("/edit/status").asInt(), last);
        assertEquals(412, r.at("/edit/stale_status").asInt(), "the same If-Match again is stale: " + last);
        assertEquals(newName, r.at("/edit/name_read_back").asText(), last);
        assertEquals(newName, TestDatabase.ids(SERVER.ds(), "SELECT name FROM hazard_point WHERE id = '" + FEATURE + "'").get(0));
        assertEquals(1, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM change_history WHERE feature_id = '" + FEATURE + "'"),
                "the edit is in the change history");
    }
}
