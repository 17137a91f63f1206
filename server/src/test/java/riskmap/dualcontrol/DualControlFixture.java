package riskmap.dualcontrol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Points and zones written straight into the database, and the test's own geodesy: distances on a
 * local tangent plane of the WGS84 ellipsoid (meridian and prime-vertical radii at the zone's
 * latitude), accurate to centimetres over the few hundred metres these tests span — independent of
 * PostGIS.
 */
final class DualControlFixture {
    static final GeometryFactory GEOMETRY = new GeometryFactory();
    /** The test zone: a 0.01° square in 万州区 (500101), about 956 m × 1109 m. */
    static final double WEST = 108.40, EAST = 108.41, SOUTH = 30.80, NORTH = 30.81;
    private static final double A = 6378137.0, E2 = 0.00669437999014;
    private static final double LAT0 = Math.toRadians((SOUTH + NORTH) / 2);
    private static final double W = Math.sqrt(1 - E2 * Math.sin(LAT0) * Math.sin(LAT0));
    /** Metres per degree east and north at the zone's latitude. */
    static final double EAST_M_PER_DEG = Math.toRadians(1) * A / W * Math.cos(LAT0);
    static final double NORTH_M_PER_DEG = Math.toRadians(1) * A * (1 - E2) / (W * W * W);

    private DualControlFixture() {
    }

    static Polygon square() {
        return GEOMETRY.createPolygon(new Coordinate[]{new Coordinate(WEST, SOUTH), new Coordinate(EAST, SOUTH), new Coordinate(EAST, NORTH),
                new Coordinate(WEST, NORTH), new Coordinate(WEST, SOUTH)});
    }

    /** The geometry in metres east and north of the zone's south-west corner. */
    static Geometry local(Geometry lonLat) {
        Geometry g = lonLat.copy();
        g.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            c.x = (c.x - WEST) * EAST_M_PER_DEG;
            c.y = (c.y - SOUTH) * NORTH_M_PER_DEG;
        });
        g.geometryChanged();
        return g;
    }

    /** Metres from the point to the square (0 inside). */
    static double metresFromSquare(double lon, double lat) {
        return local(square()).distance(local(GEOMETRY.createPoint(new Coordinate(lon, lat))));
    }

    static void point(DataSource ds, String id, String adminCode, int level, double lon, double lat) throws SQLException {
        exec(ds, "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES (?, 'landslide', ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326))",
                id, "隐患点 " + id, level, adminCode, lon, lat);
    }

    /** A zone of the square shifted by {@code dLon} degrees east; {@code threatenedPeople} null for not surveyed. */
    static void zone(DataSource ds, String id, String adminCode, double dLon, Integer threatenedPeople) throws SQLException {
        exec(ds, "INSERT INTO risk_zone (id, name, category, risk_level, admin_code, threatened_people, geom)"
                        + " VALUES (?, ?, 'landslide', 3, ?, ?, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)))",
                id, "风险区 " + id, adminCode, threatenedPeople, WEST + dLon, SOUTH, EAST + dLon, NORTH);
    }

    static void exec(DataSource ds, String sql, Object... binds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) ps.setObject(i + 1, binds[i]);
            ps.executeUpdate();
        }
    }
}
