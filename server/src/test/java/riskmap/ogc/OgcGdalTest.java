package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestFiles;
import riskmap.TestServer;

/**
 * GDAL (Debian's gdal-bin, installed by {@code ./riskmap test}) reads the real server over OGC API
 * – Features: ogrinfo lists every collection with the feature count SQL gives and the fields of
 * the contract, and ogr2ogr copies every hazard point into a GeoPackage.
 */
class OgcGdalTest {
    private static DataSource ds;
    private static TestServer server;
    private static Path dir;

    @BeforeAll
    static void start() throws IOException {
        ds = TestDatabase.seeded();
        server = new TestServer(ds);
        dir = Files.createTempDirectory("riskmap-gdal");
    }

    @AfterAll
    static void stop() {
        server.close();
        TestFiles.deleteRecursively(dir);
    }

    private String url() {
        return "OAPIF:http://127.0.0.1:" + server.port() + "/ogc";
    }

    @Test
    void ogrinfo_lists_every_collection_with_its_feature_count_and_fields() throws Exception {
        String out = Gdal.run("ogrinfo", "-ro", "-al", "-so", url());
        assertTrue(TestDatabase.count(ds, "SELECT count(*) FROM hazard_point") > 0, "the seeded database holds hazard points");
        String[][] expected = {
            {"hazards", "SELECT count(*) FROM hazard_point"},
            {"landslide", "SELECT count(*) FROM hazard_point WHERE category = 'landslide'"},
            {"flood", "SELECT count(*) FROM hazard_point WHERE category = 'flood'"},
            {"forest_fire", "SELECT count(*) FROM hazard_point WHERE category = 'forest_fire'"},
            {"risk_zones", "SELECT count(*) FROM risk_zone"},
            {"shelters", "SELECT count(*) FROM shelter"},
        };
        for (String[] e : expected) {
            String layer = section(out, e[0]);
            assertEquals(TestDatabase.count(ds, e[1]), Gdal.featureCount(layer), e[0] + ":\n" + layer);
        }
        for (String field : List.of("category", "name", "risk_level", "status", "admin_code", "threatened_people", "updated_at")) {
            assertTrue(Pattern.compile("(?m)^" + field + ": ").matcher(section(out, "hazards")).find(), "hazards has field " + field + ":\n" + section(out, "hazards"));
        }
        assertTrue(!out.contains("responsible_phone"), "no personal data for anonymous readers");
        for (String field : List.of("capacity", "shelter_type", "address")) {
            assertTrue(Pattern.compile("(?m)^" + field + ": ").matcher(section(out, "shelters")).find(), "shelters has field " + field);
        }
        assertTrue(section(out, "risk_zones").contains("Geometry: Multi Polygon"), section(out, "risk_zones"));
        assertTrue(section(out, "hazards").contains("Geometry: Point"), section(out, "hazards"));
    }

    @Test
    void ogr2ogr_copies_every_hazard_point_into_a_geopackage() throws Exception {
        Path gpkg = dir.resolve("out.gpkg");
        Gdal.run("ogr2ogr", "-f", "GPKG", gpkg.toString(), url(), "hazards");
        String info = Gdal.run("ogrinfo", "-ro", "-so", gpkg.toString(), "hazards");
        assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"), Gdal.featureCount(info), info);
        // ids survive the trip: the first and last id by the server's order are in the copy
        String first = TestDatabase.ids(ds, "SELECT id FROM hazard_point ORDER BY id LIMIT 1").get(0);
        String last = TestDatabase.ids(ds, "SELECT id FROM hazard_point ORDER BY id DESC LIMIT 1").get(0);
        String sql = Gdal.run("ogrinfo", "-ro", "-q", gpkg.toString(), "-sql", "SELECT count(*) AS n FROM hazards WHERE id IN ('" + first + "', '" + last + "')");
        assertTrue(sql.contains("n (Integer) = 2") || sql.contains("n (Integer64) = 2"), sql);
    }

    @Test
    void ogrinfo_sends_where_and_spat_to_the_server_and_counts_what_sql_counts() throws Exception {
        String out = Gdal.run(java.util.Map.of("CPL_DEBUG", "ON"), "ogrinfo", "-ro", "-so", "-oo", "PAGE_SIZE=1000", url(), "hazards",
                "-where", "risk_level BETWEEN 3 AND 4", "-spat", "105", "28", "110", "32");
        Matcher fetch = Pattern.compile("Fetch\\((\\S*/items\\?\\S*filter=\\S*)\\)").matcher(out);
        assertTrue(fetch.find(), "GDAL pushed the filter down to the server:\n" + out);
        assertTrue(fetch.group(1).contains("bbox=105,28,110,32"), fetch.group(1));
        assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE risk_level BETWEEN 3 AND 4"
                + " AND ST_Intersects(geom, ST_MakeEnvelope(105, 28, 110, 32, 4326))"), Gdal.featureCount(out), out);
    }

    /** The part of ogrinfo's output about one layer. */
    private static String section(String out, String layer) {
        int start = out.indexOf("Layer name: " + layer + "\n");
        assertTrue(start >= 0, "ogrinfo lists layer " + layer + ":\n" + out);
        int end = out.indexOf("Layer name: ", start + 1);
        return out.substring(start, end < 0 ? out.length() : end);
    }
}
