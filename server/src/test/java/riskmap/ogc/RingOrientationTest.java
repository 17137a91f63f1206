package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.tiles.MvtReader;
import riskmap.tiles.TileMath;

/**
 * RFC 7946 §3.1.6: every polygon riskmap writes has its exterior ring counter-clockwise and its
 * holes clockwise, whatever orientation it was stored in; in tiles, MVT 2.1 §4.3.4.4 (exterior
 * rings of positive area in tile coordinates, y down). Orientation is judged by the shoelace
 * formula written here.
 */
class RingOrientationTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);

    /** A zone written against the rule: exterior clockwise, hole counter-clockwise. */
    @BeforeAll
    static void insertZoneWrittenClockwise() {
        OgcFixture.exec(OgcFixture.database(), """
                INSERT INTO risk_zone (id, name, category, risk_level, admin_code, updated_at, geom) VALUES ('RZCW', '顺时针风险区', 'flood', 2, '500101',
                  '2024-04-01T00:00:00Z', ST_GeomFromText('MULTIPOLYGON(((106.7 29.0, 106.7 29.2, 106.9 29.2, 106.9 29.0, 106.7 29.0),
                  (106.75 29.05, 106.85 29.05, 106.85 29.15, 106.75 29.15, 106.75 29.05)))', 4326))""");
    }

    @AfterAll
    static void removeIt() {
        OgcFixture.exec(OgcFixture.database(), "DELETE FROM risk_zone WHERE id = 'RZCW'");
    }

    /** Twice the signed area (positive = counter-clockwise with y up). */
    private static double shoelace(List<double[]> ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) sum += ring.get(i)[0] * ring.get(i + 1)[1] - ring.get(i + 1)[0] * ring.get(i)[1];
        return sum;
    }

    private static List<double[]> ring(JsonNode positions) {
        List<double[]> r = new ArrayList<>();
        positions.forEach(p -> r.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
        return r;
    }

    /** Checks every polygon of every feature; returns how many holes it saw. */
    private static int assertRightHandRule(Iterable<JsonNode> features) {
        int holes = 0;
        for (JsonNode f : features) {
            for (JsonNode polygon : f.path("geometry").path("coordinates")) {
                assertTrue(shoelace(ring(polygon.get(0))) > 0, f.path("id") + ": exterior ring must be counter-clockwise");
                for (int h = 1; h < polygon.size(); h++, holes++) {
                    assertTrue(shoelace(ring(polygon.get(h))) < 0, f.path("id") + ": hole must be clockwise");
                }
            }
        }
        return holes;
    }

    @Test
    void ogc_items_follow_the_right_hand_rule() {
        JsonNode page = SERVER.http().get("/ogc/collections/risk_zones/items?limit=100").json();
        assertEquals(3, page.path("features").size());
        assertEquals(1, assertRightHandRule(page.path("features")));
        assertEquals(1, assertRightHandRule(List.of(SERVER.http().get("/ogc/collections/risk_zones/items/RZCW").json())));
    }

    @Test
    void geojson_export_follows_the_right_hand_rule() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(SERVER.http().get("/api/export?collection=risk_zones&format=geojson").body());
        assertEquals(3, doc.path("features").size());
        assertEquals(1, assertRightHandRule(doc.path("features")));
    }

    @Test
    void tile_rings_have_the_mvt_winding() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SERVER.port() + TileMath.path("risk_zones", 9, 106.8, 29.1))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        MvtReader.Feature zone = MvtReader.read(r.body()).get(0).features().stream()
                .filter(f -> "RZCW".equals(f.properties().get("id"))).findFirst().orElseThrow();
        assertEquals(2, zone.rings().size(), "exterior and hole");
        // y points down in tile coordinates, so the shoelace sum of an exterior ring is positive there
        List<double[]> exterior = new ArrayList<>();
        zone.rings().get(0).forEach(p -> exterior.add(new double[] {p[0], p[1]}));
        exterior.add(exterior.get(0));
        List<double[]> hole = new ArrayList<>();
        zone.rings().get(1).forEach(p -> hole.add(new double[] {p[0], p[1]}));
        hole.add(hole.get(0));
        assertTrue(shoelace(exterior) > 0, "MVT exterior ring: positive area in tile coordinates");
        assertTrue(shoelace(hole) < 0, "MVT interior ring: negative area in tile coordinates");
    }
}
