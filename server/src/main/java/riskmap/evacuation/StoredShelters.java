package riskmap.evacuation;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.evacuation.allocation.Demand;
import riskmap.evacuation.allocation.Supply;
import riskmap.store.FeatureSql;
import riskmap.store.SqlFragment;
import riskmap.store.Sql;

/** The stored shelters an allocation may use when the request brings none: all its SQL in one place. */
public final class StoredShelters {
    /** How far beyond the households' bounding box a stored shelter is still offered. */
    static final double REACH_M = 50_000;
    // the box's corners as a geography (a point or a line when the households are in a row), searched with the geography index
    private static final String NEAR_BOX = "ST_DWithin(t.geom::geography,"
            + " ST_SetSRID(ST_Envelope(ST_MakeLine(ST_MakePoint(?, ?), ST_MakePoint(?, ?))), 4326)::geography, ?)";

    private final DataSource ds;

    public StoredShelters(DataSource ds) {
        this.ds = ds;
    }

    /** Shelters with room that {@code v} may read, within {@link #REACH_M} of the households' bounding box, by id. */
    public List<Supply> near(List<Demand> households, Visibility v) throws SQLException, IOException {
        double west = 180, south = 90, east = -180, north = -90;
        for (Demand d : households) {
            west = Math.min(west, d.lon());
            east = Math.max(east, d.lon());
            south = Math.min(south, d.lat());
            north = Math.max(north, d.lat());
        }
        SqlFragment where = SqlFragment.join(" AND ", List.of(SqlFragment.of("t.capacity > 0"),
                SqlFragment.of(NEAR_BOX, west, south, east, north, REACH_M), FeatureSql.visibleRows(v)));
        SqlFragment q = new SqlFragment("SELECT t.id, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat, t.capacity FROM shelter t"
                + where.whereClause() + " ORDER BY t.id", where.binds());
        List<Supply> shelters = new ArrayList<>();
        Sql.query(ds, q, rs -> shelters.add(new Supply(rs.getString("id"), rs.getDouble("lon"), rs.getDouble("lat"), rs.getInt("capacity"))));
        return shelters;
    }
}
