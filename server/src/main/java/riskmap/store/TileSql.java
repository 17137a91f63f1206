package riskmap.store;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import riskmap.query.HazardFilter;

/**
 * Mapbox Vector Tiles of a collection, made by PostGIS ({@code ST_AsMVT} over {@code ST_AsMVTGeom}).
 *
 * <p>Every tile query finds its rows through the GiST index on {@code geom}: the tile's bounds,
 * widened by a margin, are computed here in EPSG:4326 and bound as {@code ST_MakeEnvelope} values
 * (so the planner sees real bounds) and compared with {@code &&}. The margin lets a symbol that
 * straddles a tile edge be drawn whole by both tiles.
 *
 * <p>Hazard tiles are aggregated below {@link #AGGREGATE_BELOW_ZOOM}, and up to
 * {@link #NEVER_AGGREGATE_FROM_ZOOM} whenever a tile holds more than {@link #SINGLE_POINTS_MAX}
 * points (a cheap capped count decides). Points are binned into a global grid of
 * {@link #CELLS_PER_TILE}² cells per tile — columns by longitude, rows by the latitudes of the
 * Web Mercator cell edges ({@code width_bucket}), so no per-point projection is needed — and one
 * point per cell is emitted at the mean position of its points, with {@code count},
 * {@code max_risk_level} and the sum of {@code threatened_people}; a cell holding a single point
 * also carries that point's {@code id} and {@code category}, so the map can draw it with its
 * category's shape and open its own popup at every zoom (both attributes are absent, not null, on
 * cells of several points). Cells never cross a tile edge,
 * so two tiles that both draw a cell from their margins agree on it. An aggregated tile holds at
 * most (8 + 2)² features however many points the layer has. Below {@link #AGGREGATE_BELOW_ZOOM},
 * and up to zoom 11, the cells are summed from grids the write path keeps current ({@link #gridTile}),
 * so a national tile costs a few thousand rows, not a million points. Otherwise single features are
 * emitted, at most {@link #FEATURE_LIMIT} per tile, the most severe first.
 *
 * <p>Only public attributes reach a tile ({@link FeatureCollection#readableColumns(boolean)} with
 * {@code false}); {@code responsible_phone} never does.
 */
public final class TileSql {
    /** MVT coordinate extent of a tile: the ST_AsMVT default, 16 units per screen pixel of a 256 px tile. */
    public static final int EXTENT = 4096;
    /** Largest number of single features in one tile; past it the least severe are left out. */
    public static final int FEATURE_LIMIT = 5000;
    /** Hazard points are always aggregated into grid cells at zooms below this one. */
    public static final int AGGREGATE_BELOW_ZOOM = 9;
    /** From {@link #AGGREGATE_BELOW_ZOOM} on, a hazard tile holding more points than this is aggregated too. */
    public static final int SINGLE_POINTS_MAX = 1000;
    /** From this zoom on hazard points are never aggregated (at most {@link #FEATURE_LIMIT} a tile). */
    public static final int NEVER_AGGREGATE_FROM_ZOOM = 16;
    /** Aggregation cells along a tile edge: 8 cells of 32 screen pixels, room for a labelled circle each. */
    public static final int CELLS_PER_TILE = 8;
    /**
     * The tile zooms whose cells the write path keeps counted (V37 {@code tile_grids()}); the cells
     * of a lower zoom are unions of them, so every aggregated tile up to the last is a sum.
     */
    static final int[] GRID_ZOOMS = {AGGREGATE_BELOW_ZOOM - 1, 11};
    /** Margin around single features, in tile units: 8 screen pixels, more than a marker's radius. */
    static final int FEATURE_BUFFER = 128;

    private TileSql() {
    }

    /** A tile address, already checked: 0 ≤ z ≤ 22 and 0 ≤ x, y < 2^z. */
    public record TileCoord(int z, int x, int y) {
        /** Longitude of the west edge of tile column {@code x} (may be fractional or outside the tile range). */
        static double lon(double x, int z) {
            return x / (1L << z) * 360 - 180;
        }

        /** Latitude of the north edge of tile row {@code y}, clamped to the Web Mercator range. */
        static double lat(double y, int z) {
            double n = Math.PI * (1 - 2 * Math.max(0, Math.min(1L << z, y)) / (1L << z));
            return Math.toDegrees(Math.atan(Math.sinh(n)));
        }

        /** West, south, east, north in degrees, widened by {@code margin} tiles on every side. */
        double[] bounds(double margin) {
            return new double[] {lon(x - margin, z), lat(y + 1 + margin, z), lon(x + 1 + margin, z), lat(y - margin, z)};
        }
    }

    /**
     * A rendered tile.
     *
     * @param mvt          the tile bytes; empty when no feature falls in the tile
     * @param features     features in it (an aggregation cell counts once)
     * @param aggregated   true when the features are aggregation cells
     * @param limited      true when {@link #FEATURE_LIMIT} left features out
     * @param lastModified latest {@code updated_at} among the rows drawn, or null for an empty tile
     */
    public record Tile(byte[] mvt, int features, boolean aggregated, boolean limited, Instant lastModified) {
    }

    /** Renders tile {@code t} of collection {@code c}; the MVT layer is named after the collection. */
    public static Tile render(DataSource ds, FeatureCollection c, TileCoord t, HazardFilter f) throws SQLException, IOException {
        boolean aggregate = aggregates(ds, c, t, f);
        SqlFragment q = !aggregate ? featureTile(c, t, f) : fromGrid(t, f) ? gridTile(c, t, f) : aggregatedTile(c, t, f);
        Tile[] out = {new Tile(new byte[0], 0, aggregate, false, null)};
        Sql.query(ds, q, rs -> {
            byte[] mvt = rs.getBytes(1);
            int n = rs.getInt(2);
            Timestamp changed = rs.getTimestamp(3);
            out[0] = new Tile(mvt == null ? new byte[0] : mvt, Math.min(n, FEATURE_LIMIT), aggregate, !aggregate && n > FEATURE_LIMIT,
                    changed == null ? null : changed.toInstant());
        });
        return out[0];
    }

    /** Whether the grid can answer: it counts by every filter column but {@code updated_at}, up to its finest zoom. */
    static boolean fromGrid(TileCoord t, HazardFilter f) {
        return t.z() <= GRID_ZOOMS[GRID_ZOOMS.length - 1] && f.updated() == null;
    }

    /** Whether tile {@code t} shows aggregation cells: always at low zoom, and where a hazard tile is too dense. */
    static boolean aggregates(DataSource ds, FeatureCollection c, TileCoord t, HazardFilter f) throws SQLException, IOException {
        if (!c.table().equals("hazard_point") || t.z() >= NEVER_AGGREGATE_FROM_ZOOM) return false;
        if (t.z() < AGGREGATE_BELOW_ZOOM) return true;
        boolean[] dense = {false};
        Sql.query(ds, densityProbe(c, t, f), rs -> dense[0] = rs.getInt(1) > SINGLE_POINTS_MAX);
        return dense[0];
    }

    /** Counts the tile's points, but stops at {@link #SINGLE_POINTS_MAX} + 1: a few index pages at most. */
    static SqlFragment densityProbe(FeatureCollection c, TileCoord t, HazardFilter f) {
        SqlFragment where = where(c, f);
        List<Object> binds = new ArrayList<>(boxBinds(t.bounds(0)));
        binds.addAll(where.binds());
        binds.add(SINGLE_POINTS_MAX + 1);
        return new SqlFragment("SELECT count(*) FROM (SELECT 1 FROM " + c.table() + " t WHERE t.geom && " + BOX + and(where)
                + " LIMIT ?) s", binds);
    }

    /** Single features, most severe first, one more than the limit fetched so a cut-off is known. */
    static SqlFragment featureTile(FeatureCollection c, TileCoord t, HazardFilter f) {
        List<Column> cols = c.readableColumns(false);
        String attrs = cols.stream().map(col -> col.type() == Column.Type.TIMESTAMP
                        ? "to_char(t." + col.name() + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS " + col.name()
                        : "t." + col.name())
                .collect(Collectors.joining(", "));
        String mvtColumns = cols.stream().map(Column::name).collect(Collectors.joining(", "));
        String order = c.column("risk_level").isPresent() ? "t.risk_level DESC, t.id" : "t.id";
        SqlFragment where = where(c, f);
        List<Object> binds = new ArrayList<>(tileBinds(t));
        binds.addAll(boxBinds(t.bounds((double) FEATURE_BUFFER / EXTENT)));
        binds.addAll(where.binds());
        binds.add(FEATURE_LIMIT + 1);
        binds.add(c.id());
        binds.add(FEATURE_LIMIT);
        String sql = "WITH f AS (SELECT t.id, " + attrs + ", t.updated_at AS changed_at,"
                + " ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), " + EXTENT + ", " + FEATURE_BUFFER + ", true) AS geom"
                + " FROM " + c.table() + " t WHERE t.geom && " + BOX + and(where)
                + " ORDER BY " + order + " LIMIT ?)"
                + " SELECT (SELECT ST_AsMVT(m, ?, " + EXTENT + ", 'geom') FROM"
                + " (SELECT id, " + mvtColumns + ", geom FROM f WHERE geom IS NOT NULL LIMIT ?) m),"
                + " (SELECT count(*) FROM f), (SELECT max(changed_at) FROM f)";
        return new SqlFragment(sql, binds);
    }

    /**
     * Hazard points binned into the tile's grid cells plus a one-cell margin. The grid and box
     * constants are computed here from the checked tile address and written as literals: each
     * tile's statement text differs, so PostgreSQL plans it with the real box (hash aggregation
     * over the rows it will really find), where a generic plan would guess 100 rows and sort.
     */
    static SqlFragment aggregatedTile(FeatureCollection c, TileCoord t, HazardFilter f) {
        double cellsPerDegree = (double) (1L << t.z()) * CELLS_PER_TILE / 360;
        // latitudes of the cell rows' edges, south to north, one row of margin on either side
        StringBuilder rowEdges = new StringBuilder("{");
        for (int i = 0; i < CELLS_PER_TILE + 3; i++) {
            if (i > 0) rowEdges.append(',');
            rowEdges.append(TileCoord.lat(t.y() + 1 + 1.0 / CELLS_PER_TILE - (double) i / CELLS_PER_TILE, t.z()));
        }
        rowEdges.append('}');
        SqlFragment where = where(c, f);
        List<Object> binds = new ArrayList<>(where.binds());
        binds.add(c.id());
        String sql = "WITH p AS (SELECT floor((ST_X(t.geom) + 180) * " + cellsPerDegree + ") AS cx,"
                + " width_bucket(ST_Y(t.geom), '" + rowEdges + "'::float8[]) AS cy,"
                + " ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat, t.id, t.category, t.risk_level, t.threatened_people, t.updated_at"
                + " FROM " + c.table() + " t WHERE t.geom && " + boxLiteral(t.bounds(1.0 / CELLS_PER_TILE)) + and(where) + ")"
                + ", cell AS (SELECT count(*) AS n, max(risk_level) AS max_level, sum(threatened_people) AS people,"
                + " avg(lon) AS lon, avg(lat) AS lat, max(updated_at) AS changed_at,"
                + " CASE WHEN count(*) = 1 THEN min(id) END AS id, CASE WHEN count(*) = 1 THEN min(category) END AS category FROM p GROUP BY cx, cy)"
                + cellsAsMvt(t);
        return new SqlFragment(sql, binds);
    }

    /**
     * The same cells as {@link #aggregatedTile}, summed from the finest grid needed that the write
     * path keeps current (V37 {@code hazard_tile_delta}): a zoom-z cell is the 2^(g−z) × 2^(g−z)
     * cells of grid g below it, so a national tile sums a few thousand rows instead of counting every point.
     * Levels whose points were all deleted or moved away still have rows that sum to 0, so the
     * cell's highest level is taken only over levels with points left. The grid knows no ids: a
     * cell of one point finds it by the index, nearest to the cell's mean position (which is the
     * point's, up to the rounding of the sums).
     */
    static SqlFragment gridTile(FeatureCollection c, TileCoord t, HazardFilter f) {
        int grid = Arrays.stream(GRID_ZOOMS).filter(g -> g >= t.z()).min().orElseThrow();
        int shift = grid - t.z();
        // the tile's cells at its own zoom, one cell of margin on every side, as grid-cell ranges
        long firstX = ((long) t.x() * CELLS_PER_TILE - 1) << shift, lastX = (((long) t.x() + 1) * CELLS_PER_TILE + 1 << shift) - 1;
        long firstY = ((long) t.y() * CELLS_PER_TILE - 1) << shift, lastY = (((long) t.y() + 1) * CELLS_PER_TILE + 1 << shift) - 1;
        SqlFragment where = where(c, f);
        List<Object> binds = new ArrayList<>(List.of(grid, firstX, lastX, firstY, lastY));
        binds.addAll(where.binds());
        binds.addAll(where.binds());
        binds.add(c.id());
        String sql = "WITH k AS (SELECT t.cx >> " + shift + " AS gx, t.cy >> " + shift + " AS gy, t.risk_level,"
                + " sum(t.n) AS n, sum(t.people) AS people, sum(t.sum_lon) AS sum_lon, sum(t.sum_lat) AS sum_lat, max(t.changed_at) AS changed_at"
                + " FROM hazard_tile_delta t WHERE t.gz = ? AND t.cx BETWEEN ? AND ? AND t.cy BETWEEN ? AND ?" + and(where)
                + " GROUP BY 1, 2, 3)"
                + ", summed AS (SELECT sum(n) AS n, max(risk_level) FILTER (WHERE n > 0) AS max_level, sum(people) AS people,"
                + " sum(sum_lon) / sum(n) AS lon, sum(sum_lat) / sum(n) AS lat, max(changed_at) AS changed_at"
                + " FROM k GROUP BY gx, gy HAVING sum(n) > 0)"
                + ", cell AS (SELECT s.*, one.id, one.category FROM summed s LEFT JOIN LATERAL (SELECT t.id, t.category"
                + " FROM " + c.table() + " t, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS mean"
                + " WHERE s.n = 1 AND t.geom && ST_Expand(mean, 1e-6)" + and(where)
                + " ORDER BY t.geom <-> mean LIMIT 1) one ON true)"
                + cellsAsMvt(t);
        return new SqlFragment(sql, binds);
    }

    /**
     * The tail of both aggregations: CTE {@code cell} (n, max_level, people, lon, lat, changed_at, id,
     * category) as the MVT layer bound last. ST_AsMVT leaves NULL attributes out, so only
     * single-point cells carry an id and a category.
     */
    private static String cellsAsMvt(TileCoord t) {
        int buffer = EXTENT / CELLS_PER_TILE;
        return " SELECT (SELECT ST_AsMVT(m, ?, " + EXTENT + ", 'geom') FROM"
                + " (SELECT n::int AS count, max_level::int AS max_risk_level, people::bigint AS threatened_people, id, category,"
                + " ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 3857),"
                + " ST_TileEnvelope(" + t.z() + ", " + t.x() + ", " + t.y() + "), " + EXTENT + ", " + buffer + ", true) AS geom FROM cell) m"
                + " WHERE geom IS NOT NULL), (SELECT count(*) FROM cell), (SELECT max(changed_at) FROM cell)";
    }

    /** {@code ST_MakeEnvelope} of computed bounds (doubles from the checked tile address, never request text). */
    private static String boxLiteral(double[] b) {
        return "ST_MakeEnvelope(" + b[0] + ", " + b[1] + ", " + b[2] + ", " + b[3] + ", 4326)";
    }

    /** The index condition's box; its four corners are bound from {@link TileCoord#bounds}. */
    private static final String BOX = "ST_MakeEnvelope(?, ?, ?, ?, 4326)";

    private static List<Object> boxBinds(double[] b) {
        return List.of(b[0], b[1], b[2], b[3]);
    }

    private static List<Object> tileBinds(TileCoord t) {
        return List.of(t.z(), t.x(), t.y());
    }

    /** The collection's own rows and the request's filters; a filter on a column the layer lacks is refused earlier. */
    static SqlFragment where(FeatureCollection c, HazardFilter f) {
        return SqlFragment.join(" AND ", List.of(FeatureSql.collectionFilter(c), HazardSql.filter(f)));
    }

    private static String and(SqlFragment where) {
        return where.isEmpty() ? "" : " AND " + where.sql();
    }
}
