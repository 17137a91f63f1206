package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.TestHttp;
import riskmap.ServerExtension;

/** Part 2: crs and bbox-crs in CRS84, EPSG:4326 (lat/lon), EPSG:4490 and EPSG:3857, with the Content-Crs header. */
class OgcCrsTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);
    private static final String EPSG = "http://www.opengis.net/def/crs/EPSG/0/";



    /** HZ15 lies at lon 106.3, lat 29.2 (15 % 6 = 3, 15 / 6 = 2). */
    private static JsonNode hz15(String crs) {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items/HZ15?crs=" + OgcFixture.enc(crs));
        assertEquals(200, r.status(), r.body());
        assertEquals("<" + crs + ">", r.header("Content-Crs"));
        return r.json().at("/geometry/coordinates");
    }

    @Test
    void web_mercator_output_matches_the_spherical_mercator_formula() {
        double r = 6378137.0;
        double x = r * Math.toRadians(106.3);
        double y = r * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(29.2) / 2));
        JsonNode c = hz15(EPSG + "3857");
        assertEquals(x, c.get(0).asDouble(), 0.01);
        assertEquals(y, c.get(1).asDouble(), 0.01);
    }

    @Test
    void epsg_4326_and_4490_are_latitude_first_crs84_longitude_first() {
        JsonNode c = hz15("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        assertEquals(106.3, c.get(0).asDouble(), 1e-9);
        assertEquals(29.2, c.get(1).asDouble(), 1e-9);
        c = hz15(EPSG + "4326");
        assertEquals(29.2, c.get(0).asDouble(), 1e-9);
        assertEquals(106.3, c.get(1).asDouble(), 1e-9);
        c = hz15(EPSG + "4490");
        assertEquals(29.2, c.get(0).asDouble(), 1e-6);
        assertEquals(106.3, c.get(1).asDouble(), 1e-6);
        TestHttp.Response page = SERVER.http().get("/ogc/collections/hazards/items?limit=1&crs=" + OgcFixture.enc(EPSG + "4326"));
        assertEquals("<" + EPSG + "4326>", page.header("Content-Crs"));
        assertEquals(29.0, page.json().at("/features/0/geometry/coordinates/0").asDouble(), 1e-9, "HZ01 at lon 106.1, lat 29.0");
    }

    @Test
    void bbox_crs_reads_boxes_in_each_crs() {
        double r = 6378137.0;
        double x1 = r * Math.toRadians(106.25), x2 = r * Math.toRadians(106.35);
        double y1 = r * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(29.15) / 2)), y2 = r * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(29.25) / 2));
        assertEquals(List.of("HZ15"), ids("bbox=" + x1 + "," + y1 + "," + x2 + "," + y2 + "&bbox-crs=" + OgcFixture.enc(EPSG + "3857")));
        assertEquals(List.of("HZ15"), ids("bbox=29.15,106.25,29.25,106.35&bbox-crs=" + OgcFixture.enc(EPSG + "4326")));
        assertEquals(List.of("HZ15"), ids("bbox=29.15,106.25,29.25,106.35&bbox-crs=" + OgcFixture.enc(EPSG + "4490")));
        assertEquals(List.of("HZ15"), ids("bbox=106.25,29.15,106.35,29.25&bbox-crs=" + OgcFixture.enc("http://www.opengis.net/def/crs/OGC/1.3/CRS84")));
        // lat/lon order checked against lat/lon ranges: 106 is not a latitude
        assertEquals(400, SERVER.http().get("/ogc/collections/hazards/items?bbox=106.25,29.15,106.35,29.25&bbox-crs=" + OgcFixture.enc(EPSG + "4326")).status());
    }

    @Test
    void unsupported_crs_is_refused_with_the_supported_list() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?crs=" + OgcFixture.enc(EPSG + "2154"));
        assertEquals(400, r.status());
        assertTrue(r.json().get("detail").asText().startsWith("crs: unsupported CRS"));
        assertTrue(r.json().get("detail").asText().contains(EPSG + "4490"));
        assertEquals(400, SERVER.http().get("/ogc/collections/hazards/items/HZ01?crs=EPSG:2154").status());
    }

    private static List<String> ids(String query) {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?limit=100&" + query);
        assertEquals(200, r.status(), r.body());
        return OgcItemsTest.ids(r.json());
    }
}
