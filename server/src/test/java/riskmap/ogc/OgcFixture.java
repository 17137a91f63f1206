package riskmap.ogc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import riskmap.TestDatabase;

/**
 * Controlled data for the OGC tests, in its own database: 30 hazard points on a 0.1° grid
 * (HZ01…HZ30), 2 risk zones, 3 shelters. Point i: category cycles landslide/flood/forest_fire,
 * risk_level 1 + i % 4, lon 106 + (i % 6) / 10, lat 29 + (i / 6) / 10, updated_at 2024-01-01 + (i - 1) days.
 * Expected answers are computed with plain SQL over these tables ({@link #ids}), never by the code under test.
 */
final class OgcFixture {
    /** The order of hazard pages with a bbox (V41: geohash, then id), from PostGIS's geohash of each geometry: what the server's runs must reproduce. */
    static final String GEOHASH_ORDER = " ORDER BY ST_GeoHash(geom, 12), id";

    static final String HAZARDS = """
            INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, county, township, village,
                threatened_people, responsible_person, responsible_unit, responsible_phone, updated_at, geom)
            SELECT 'HZ' || lpad(i::text, 2, '0'), (ARRAY['landslide','flood','forest_fire'])[1 + i % 3], '测试隐患点' || i, 1 + i % 4,
                   CASE WHEN i % 5 = 0 THEN 'closed' ELSE 'active' END, CASE WHEN i % 2 = 0 THEN '500101' ELSE '500102' END,
                   '渝中区', CASE WHEN i % 4 = 0 THEN NULL ELSE '镇' || i END, NULL, i * 10, '张三', '应急局', '13800000000',
                   timestamptz '2024-01-01T00:00:00Z' + (i - 1) * interval '1 day',
                   ST_SetSRID(ST_MakePoint(106 + (i % 6) / 10.0, 29 + (i / 6) / 10.0), 4326)
            FROM generate_series(1, 30) AS i""";
    static final String ZONES = """
            INSERT INTO risk_zone (id, name, category, risk_level, admin_code, updated_at, geom) VALUES
             ('RZ1', '一号风险区', 'landslide', 3, '500101', '2024-02-01T00:00:00Z', ST_Multi(ST_MakeEnvelope(106.0, 29.0, 106.25, 29.25, 4326))),
             ('RZ2', '二号风险区', 'flood', 2, '500102', '2024-03-01T00:00:00Z', ST_Multi(ST_MakeEnvelope(106.3, 29.2, 106.6, 29.5, 4326)))""";
    static final String SHELTERS = """
            INSERT INTO shelter (id, name, capacity, shelter_type, address, admin_code, updated_at, geom) VALUES
             ('SH1', '一号避难场所', 500, 'school', '解放碑', '500101', '2024-01-05T00:00:00Z', ST_SetSRID(ST_MakePoint(106.05, 29.05), 4326)),
             ('SH2', '二号避难场所', 1200, 'park', '朝天门', '500101', '2024-01-06T00:00:00Z', ST_SetSRID(ST_MakePoint(106.45, 29.35), 4326)),
             ('SH3', '三号避难场所', 80, NULL, NULL, '500102', '2024-01-07T00:00:00Z', ST_SetSRID(ST_MakePoint(107.0, 30.0), 4326))""";

    private OgcFixture() {
    }

    private static DataSource loaded;

    /**
     * The one database holding exactly the fixture, loaded once per test JVM. All OGC tests share
     * it (each test database keeps a pool of connections open, and the test cluster has a
     * connection limit); a test that writes removes its rows again.
     */
    static synchronized DataSource database() {
        if (loaded == null) {
            DataSource ds = TestDatabase.database("ogc", false);
            exec(ds, "DELETE FROM hazard_point", "DELETE FROM risk_zone", "DELETE FROM shelter", HAZARDS, ZONES, SHELTERS, "ANALYZE");
            loaded = ds;
        }
        return loaded;
    }

    static void exec(DataSource ds, String... statements) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
