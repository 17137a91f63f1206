package riskmap.spatial;

import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import riskmap.TestDatabase;

/** Inserts hand-placed features for the spatial tests, so every expected answer is known in advance. */
final class Fixtures {
    record Hazard(String id, String category, int level, int people, String person, String unit, double lon, double lat) {
    }

    record Shelter(String id, String name, int capacity, double lon, double lat) {
    }

    private Fixtures() {
    }

    static void reset(DataSource ds) {
        TestDatabase.emptyFeatureTables(ds);
    }

    static void insert(DataSource ds, Hazard... hazards) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, county, threatened_people,"
                        + " responsible_person, responsible_unit, responsible_phone, geom)"
                        + " VALUES (?, ?, ?, ?, '500101', '万州区', ?, ?, ?, '13900000000', ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
            for (Hazard h : hazards) {
                ps.setString(1, h.id());
                ps.setString(2, h.category());
                ps.setString(3, "测试点 " + h.id());
                ps.setInt(4, h.level());
                ps.setInt(5, h.people());
                ps.setString(6, h.person());
                ps.setString(7, h.unit());
                ps.setDouble(8, h.lon());
                ps.setDouble(9, h.lat());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void insert(DataSource ds, Shelter... shelters) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shelter (id, name, capacity, shelter_type, address, admin_code, geom)"
                        + " VALUES (?, ?, ?, 'school', '测试地址', '500101', ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
            for (Shelter s : shelters) {
                ps.setString(1, s.id());
                ps.setString(2, s.name());
                ps.setInt(3, s.capacity());
                ps.setDouble(4, s.lon());
                ps.setDouble(5, s.lat());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
