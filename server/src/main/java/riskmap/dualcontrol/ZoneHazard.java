package riskmap.dualcontrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hazard point as seen from one risk zone: where it is, how far from the zone, and — when linked —
 * how the link was made.
 *
 * @param distanceMetres geodesic distance from the zone (0 inside it), rounded to 0.1 m
 * @param inside         the zone covers the point
 * @param link           the confirmed link, null for a suggestion
 */
record ZoneHazard(String id, String name, String category, int riskLevel, String status, String adminCode,
                  double lon, double lat, double distanceMetres, boolean inside, Link link) {

    /** Who confirmed the link and when; {@code source} is {@code suggested} or {@code manual}. */
    record Link(String source, String confirmedBy, Instant confirmedAt) {
    }

    /** Reads the columns of {@code DualControlSql} (POINT_COLUMNS, then the link's when {@code linked}). */
    static ZoneHazard read(ResultSet rs, boolean linked) throws SQLException {
        Link link = linked ? new Link(rs.getString("source"), rs.getString("confirmed_by"), rs.getTimestamp("confirmed_at").toInstant()) : null;
        return new ZoneHazard(rs.getString("id"), rs.getString("name"), rs.getString("category"), rs.getInt("risk_level"),
                rs.getString("status"), rs.getString("admin_code"), rs.getDouble("lon"), rs.getDouble("lat"),
                Math.round(rs.getDouble("distance_m") * 10) / 10.0, rs.getBoolean("inside"), link);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("category", category);
        m.put("risk_level", riskLevel);
        m.put("status", status);
        m.put("admin_code", adminCode);
        m.put("lon", lon);
        m.put("lat", lat);
        m.put("distance_m", distanceMetres);
        m.put("inside", inside);
        if (link != null) {
            m.put("source", link.source());
            m.put("confirmed_by", link.confirmedBy());
            m.put("confirmed_at", link.confirmedAt().toString());
        }
        return m;
    }
}
