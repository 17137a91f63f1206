package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.geojson.GeoJsonWriter;
import riskmap.query.NearQuery;

/**
 * The SQL of {@code /api/hazards/near} (api.md §3): the hazard points within a geodesic radius
 * (WGS84 spheroid), nearest first, and the exact count of them.
 *
 * <p>Measuring every match on the spheroid made the query grow with the matches (a 5 km circle
 * holds 35,000 of 10 million generated points). The great circle on the sphere of radius
 * {@link #SPHERE_M} bounds the geodesic instead: along any path the spheroid's length element is
 * between its smallest and largest radius of curvature (6,335,439 m at the equator, 6,399,594 m at
 * the poles) over the sphere's radius times the sphere's, so for any two points
 * {@code GEODESIC_MIN × sphere ≤ geodesic ≤ GEODESIC_MAX × sphere} (0.99442 and 1.00449, rounded
 * outwards). One index-only scan of the box around the sphere cap gives every candidate with its
 * haversine on the stored coordinates (float arithmetic: no geography is built), and then:
 * <ul>
 * <li>the count takes those within {@code r / GEODESIC_MAX} on the sphere as they are and
 * measures on the spheroid only the ring out to {@code r / GEODESIC_MIN};</li>
 * <li>the page: if the limit-th nearest on the sphere is {@code S} away, no point farther than
 * {@code S × GEODESIC_MAX / GEODESIC_MIN} on the sphere can be among the limit nearest on the
 * spheroid, so only those are measured and sorted, and full rows are read for the page alone.</li>
 * </ul>
 * The spheroid's {@code ST_DWithin} decides every point near the radius, as it did when it
 * measured them all: the answer is the same, only the work is smaller. Without a filter, the
 * geohash cells of V43 narrow both further ({@link #nearFromCells}).
 */
public final class RadiusSql {
    /** PostGIS's sphere for WGS84, (2a + b) / 3: the haversine's radius. */
    static final double SPHERE_M = 6_371_008.771415;
    static final double GEODESIC_MIN = 0.994;
    static final double GEODESIC_MAX = 1.005;

    private static final String CENTRE = "ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography";

    /** The haversine {@code h} of {@code t.geom} from the centre: sphere distance ≤ m exactly when h ≤ sin²(m / 2R). */
    private static final String HAVERSINE = haversine("t.geom");
    /** Added to a cap's box on every side, so that float rounding keeps a point on its edge. */
    private static final double MARGIN = 1e-9;

    private RadiusSql() {
    }

    /** Matches within the radius, nearest first; {@code _number_matched} counts all before the limit. */
    public static SqlFragment near(NearQuery q, Visibility v) {
        double r = q.radiusMetres();
        SqlFragment rows = SqlFragment.join(" AND ", List.of(HazardSql.filter(q.filter()), FeatureSql.visibleRows(v)));
        List<SqlFragment> caps = capBoxes(q.lon(), q.lat(), r / GEODESIC_MIN);
        boolean cells = rows.sql().isEmpty() && caps.size() == 1 && !holdsPole(q.lat(), r / GEODESIC_MIN);
        return cells ? nearFromCells(q, v) : nearFromCaps(q, v, rows, caps);
    }

    /**
     * The general form, for a filtered query or a cap that holds a pole or crosses the
     * antimeridian: every candidate in the cap's boxes is measured on the sphere once, and the
     * k-th nearest, the page and the count are taken from them.
     */
    private static SqlFragment nearFromCaps(NearQuery q, Visibility v, SqlFragment rows, List<SqlFragment> caps) {
        double r = q.radiusMetres();
        double hOuter = haversineOf(r / GEODESIC_MIN), hInner = haversineOf(r / GEODESIC_MAX);
        List<Object> binds = new ArrayList<>(List.of(q.lon(), q.lat()));
        StringBuilder sql = new StringBuilder("WITH c AS (SELECT " + CENTRE + " AS g), cand AS MATERIALIZED (");
        String union = "";
        for (SqlFragment box : caps) {
            SqlFragment where = SqlFragment.join(" AND ", List.of(box, rows));
            // OFFSET 0 keeps h computed once, in the scan, before the box's corners are left out
            sql.append(union).append("SELECT * FROM (SELECT t.id, t.geom, ").append(HAVERSINE).append(" AS h FROM hazard_point t")
                    .append(where.whereClause()).append(" OFFSET 0) b WHERE h <= ?");
            binds.addAll(List.of(q.lat(), q.lat(), q.lon()));
            binds.addAll(where.binds());
            binds.add(hOuter);
            union = " UNION ALL ";
        }
        sql.append("), ");
        return pageFromCandidates(q, v, sql, binds, SqlFragment.of("SELECT count(*) AS n FROM cand, c WHERE h <= ? OR ST_DWithin(cand.geom::geography, c.g, ?)", hInner, r));
    }

    /**
     * Nothing but the radius filters and the cap lies in one box (most queries): the geohash cells
     * of V43 decide both the count and how far the page's candidates reach. The disc of
     * r / GEODESIC_MAX is covered by geohash runs ({@link Disc}); the cells inside it are summed,
     * what they leave counted by their keys, and only the runs on its edge measure their points.
     * The same cells, as their 6-character cells (the finest kept: a coarse cell's corner is far
     * from most of its points), taken by their farthest corner from the centre, say within what arc the
     * limit-th nearest lies at most (once they hold the limit, so does that arc), and only the
     * points within that arc, widened as the page's bound is, are candidates. With 35,856 points
     * in 5 km of 10,000,000, every one was measured before; now the few thousand nearest are.
     */
    private static SqlFragment nearFromCells(NearQuery q, Visibility v) {
        double r = q.radiusMetres(), capAngle = r / GEODESIC_MIN / SPHERE_M;
        List<GeohashCover.Run> cover = GeohashCover.of(new Disc(q.lon(), q.lat(), r), GeohashCounts.COUNT_RUNS);
        SqlFragment cells = GeohashCounts.cellRows(GeohashCounts.finest(GeohashCounts.split(cover).cells()), Collections.HAZARDS);
        StringBuilder sql = new StringBuilder("WITH c AS (SELECT " + CENTRE + " AS g),"
                // each inside cell's farthest corner (its haversine), nearest first, until they hold the limit
                + " reach AS (SELECT h FROM (SELECT h, sum(n) OVER (ORDER BY h, cell) AS held FROM (SELECT g.cell, sum(g.n) AS n,"
                + " (SELECT max(" + haversine("p.geom") + ") FROM ST_DumpPoints(ST_GeomFromGeoHash(g.cell)) p) AS h"
                + " FROM " + cells.sql() + " GROUP BY g.cell) k) w WHERE held >= ? ORDER BY h LIMIT 1),"
                + " x AS MATERIALIZED (SELECT least(coalesce((SELECT 2 * asin(sqrt(h)) FROM reach) * ?, ?), ?) AS a),"
                + " cand AS MATERIALIZED (SELECT * FROM (SELECT t.id, t.geom, " + HAVERSINE + " AS h FROM x, hazard_point t WHERE t.geom && ST_Expand(ST_SetSRID(ST_MakePoint(?, ?), 4326),"
                + " degrees(asin(sin(x.a) / cosd(?))) + " + MARGIN + ", degrees(x.a) + " + MARGIN + ") OFFSET 0) b WHERE h <= ?), ");
        List<Object> binds = new ArrayList<>(List.of(q.lon(), q.lat(), q.lat(), q.lat(), q.lon()));
        binds.addAll(cells.binds());
        binds.addAll(List.of(q.limit(), GEODESIC_MAX / GEODESIC_MIN, capAngle, capAngle, q.lat(), q.lat(), q.lon(), q.lon(), q.lat(), q.lat(), haversineOf(r / GEODESIC_MIN)));
        // the spheroid only where the sphere cannot decide, as the general form's candidates; the haversine
        // computed once a point: width_bucket says inside the inner bound (0), in the ring (1) or beyond it (2)
        // (the bounds one array value: ARRAY[?, ?] would be built again for every point under a generic plan)
        SqlFragment edge = SqlFragment.of("CASE width_bucket(" + HAVERSINE + ", ?::float8[]) WHEN 0 THEN true WHEN 1 THEN ST_DWithin(t.geom::geography, (SELECT g FROM c), ?) ELSE false END",
                q.lat(), q.lat(), q.lon(), new double[] {haversineOf(r / GEODESIC_MAX), haversineOf(r / GEODESIC_MIN)}, r);
        SqlFragment n = GeohashCounts.count(Collections.HAZARDS, List.of(), new PageOrder(cover, null, edge, null), cover);
        return pageFromCandidates(q, v, sql, binds, new SqlFragment("SELECT " + n.sql() + " AS n", n.binds()));
    }

    /** The page of the limit nearest from {@code cand} (h: their haversine), and {@code count} as {@code _number_matched}. */
    private static SqlFragment pageFromCandidates(NearQuery q, Visibility v, StringBuilder sql, List<Object> binds, SqlFragment count) {
        double r = q.radiusMetres();
        sql.append("kth AS (SELECT h FROM cand ORDER BY h LIMIT 1 OFFSET ?),"
                + " page AS (SELECT id, ST_Distance(cand.geom::geography, c.g) AS distance_m FROM cand, c"
                + " WHERE h <= coalesce((SELECT power(sin(least(asin(sqrt(h)) * ?, pi() / 2)), 2) FROM kth), ?)"
                + " AND (h <= ? OR ST_DWithin(cand.geom::geography, c.g, ?)) ORDER BY distance_m, id LIMIT ?)," // the spheroid where the sphere cannot decide
                + " matched AS MATERIALIZED (" + count.sql() + ")"
                + " SELECT " + FeatureSql.textSelectList(Collections.HAZARDS, v) + ", p.distance_m::text AS distance_m, " + HazardSql.AZIMUTH + "::text AS bearing_deg,"
                + " matched.n AS _number_matched FROM page p JOIN hazard_point t ON t.id = p.id, c, matched ORDER BY p.distance_m, t.id");
        binds.addAll(List.of(q.limit() - 1, GEODESIC_MAX / GEODESIC_MIN, haversineOf(r / GEODESIC_MIN), haversineOf(r / GEODESIC_MAX), r, q.limit()));
        binds.addAll(count.binds());
        return new SqlFragment(sql.toString(), binds);
    }

    /**
     * The sphere disc of r / GEODESIC_MAX around the centre, as a geohash cover sees it: a cell
     * touches it when its nearest point lies within the cap of r / GEODESIC_MIN, and lies inside
     * when its four corners lie within the disc. On a sphere the farthest point of a lon/lat cell
     * from a point is a corner: along a parallel the distance grows with the difference in
     * longitude (up to 180°), along a meridian it falls and then rises. Cells wider than 90° of
     * longitude are never inside. Testing the cap rather than its box keeps the cover's edge runs
     * off the box's four corners, which held 60% of the points the count's edge read (10M points:
     * about 9,000 of 15,000 for a 5 km disc).
     */
    record Disc(double lon, double lat, double minX, double minY, double maxX, double maxY, double hInner, double hOuter, double sinLat, double cosLat)
            implements GeohashCover.Region {
        Disc(double lon, double lat, double metres) {
            this(lon, lat, lon - capDLon(lat, metres / GEODESIC_MIN), lat - capDLat(metres / GEODESIC_MIN),
                    lon + capDLon(lat, metres / GEODESIC_MIN), lat + capDLat(metres / GEODESIC_MIN),
                    haversineOf(metres / GEODESIC_MAX), haversineOf(metres / GEODESIC_MIN), Math.sin(Math.toRadians(lat)), Math.cos(Math.toRadians(lat)));
        }

        @Override
        public boolean touches(double x0, double y0, double x1, double y1) {
            return x1 >= minX && x0 <= maxX && y1 >= minY && y0 <= maxY && nearest(x0, y0, x1, y1) <= hOuter * (1 + 1e-9);
        }

        /**
         * The haversine from the centre to the cell's nearest point. Each point of the cell has one
         * as near at its latitude on the meridian of the cell nearest the centre's longitude (along a
         * parallel the distance grows with the difference in longitude), so the nearest lies on that
         * meridian. A meridian is a great circle, whose distance from the centre falls to the foot of
         * the perpendicular (tan φ = tan φ0 / cos Δλ, for |Δλ| &lt; 90°, which the cap's box ensures)
         * and then rises: its nearest is the foot's latitude clamped to the cell. One haversine and
         * at most one arctangent a cell: a cover tests a few thousand cells.
         */
        private double nearest(double x0, double y0, double x1, double y1) {
            double x = clamp(lon, x0, x1);
            double foot = x == lon ? lat : Math.toDegrees(Math.atan2(sinLat, cosLat * Math.cos(Math.toRadians(x - lon))));
            double y = clamp(foot, y0, y1);
            return x == lon && y == lat ? 0 : h(x, y);
        }

        private static double clamp(double v, double min, double max) {
            return Math.max(min, Math.min(max, v));
        }

        /** Whether the four corners lie within the disc, from the sines and cosines of the cell's two latitudes and two longitudes. */
        @Override
        public boolean contains(double x0, double y0, double x1, double y1) {
            if (x1 - x0 > 90) return false;
            double limit = hInner - hInner * 1e-9; // float rounding, here and in PostgreSQL's haversine
            double a0 = halfSine(y0 - lat), a1 = halfSine(y1 - lat), b0 = halfSine(x0 - lon), b1 = halfSine(x1 - lon);
            double c0 = Math.cos(Math.toRadians(y0)) * cosLat, c1 = Math.cos(Math.toRadians(y1)) * cosLat;
            return haversine(a0, c0, b0) <= limit && haversine(a1, c1, b0) <= limit && haversine(a0, c0, b1) <= limit && haversine(a1, c1, b1) <= limit;
        }

        /** The haversine from the centre, as {@link #HAVERSINE} computes it. */
        private double h(double x, double y) {
            return haversine(halfSine(y - lat), Math.cos(Math.toRadians(y)) * cosLat, halfSine(x - lon));
        }

        /** sin²(Δφ/2) + cos φ cos φ0 sin²(Δλ/2) from its three factors: {@code a}, {@code cosines}, {@code b}. */
        private static double haversine(double a, double cosines, double b) {
            return a * a + cosines * b * b;
        }

        private static double halfSine(double degrees) {
            return Math.sin(Math.toRadians(degrees) / 2);
        }
    }

    /** What the properties' text of {@link #near}'s rows is in JSON: the hazard's, then the distance and the bearing. */
    static List<GeoJsonWriter.Text> nearTexts(Visibility v) {
        List<GeoJsonWriter.Text> texts = new ArrayList<>(FeatureSql.texts(Collections.HAZARDS, v));
        texts.addAll(List.of(GeoJsonWriter.Text.NUMBER, GeoJsonWriter.Text.NUMBER));
        return texts;
    }

    /** sin²(m / 2R): the haversine of a sphere distance of m metres. */
    static double haversineOf(double metres) {
        double s = Math.sin(Math.min(metres / (2 * SPHERE_M), Math.PI / 2));
        return s * s;
    }

    /**
     * The boxes that together hold the sphere cap of {@code metres} around the centre, as index
     * conditions: around the centre itself, computed by PostgreSQL from the bound centre
     * (sin Δλ = sin(angle) / cos(lat) at the cap's widest point); two where the cap crosses the
     * antimeridian; all longitudes where it holds a pole. A nanodegree of margin keeps float
     * rounding from cutting off a point on the edge.
     */
    static List<SqlFragment> capBoxes(double lon, double lat, double metres) {
        double angle = metres / SPHERE_M;
        double dLat = capDLat(metres);
        double minLat = lat - dLat, maxLat = lat + dLat;
        if (holdsPole(lat, metres)) {
            return List.of(envelope(-180, Math.max(-90, minLat), 180, Math.min(90, maxLat)));
        }
        double dLon = capDLon(lat, metres);
        double minLon = lon - dLon, maxLon = lon + dLon;
        if (minLon < -180) return List.of(envelope(minLon + 360, minLat, 180, maxLat), envelope(-180, minLat, maxLon, maxLat));
        if (maxLon > 180) return List.of(envelope(minLon, minLat, 180, maxLat), envelope(-180, minLat, maxLon - 360, maxLat));
        return List.of(SqlFragment.of("t.geom && ST_Expand(ST_SetSRID(ST_MakePoint(?, ?), 4326),"
                + " degrees(asin(sin(?) / cosd(?))) + " + MARGIN + ", degrees(?) + " + MARGIN + ")", lon, lat, angle, lat, angle));
    }

    /** Whether the sphere cap of {@code metres} around latitude {@code lat} reaches a pole (its box then spans every longitude). */
    private static boolean holdsPole(double lat, double metres) {
        double dLat = capDLat(metres);
        return lat - dLat <= -90 || lat + dLat >= 90;
    }

    /** Half the height in degrees of the box around the sphere cap of {@code metres}, with the margin. */
    private static double capDLat(double metres) {
        return Math.toDegrees(metres / SPHERE_M) + MARGIN;
    }

    /** Half its width at latitude {@code lat} (sin Δλ = sin(angle) / cos(lat) at the cap's widest point), with the margin; no pole in the cap. */
    private static double capDLon(double lat, double metres) {
        return Math.toDegrees(Math.asin(Math.sin(metres / SPHERE_M) / Math.cos(Math.toRadians(lat)))) + MARGIN;
    }

    /**
     * The haversine of {@code geom} (a point) from the centre, whose lat, lat, lon are bound. In
     * radians: PostgreSQL's {@code sind} and {@code cosd}, exact at whole degrees, cost about
     * 0.2 µs a call (13 ms against 5 ms over 13,825 index entries, of which the bare count was
     * 4 ms); the bounds it is compared with are rounded outwards far beyond a float's last bits.
     */
    private static String haversine(String geom) {
        return "power(sin(radians(ST_Y(" + geom + ") - ?) / 2), 2) + cos(radians(ST_Y(" + geom + "))) * cos(radians(?)) * power(sin(radians(ST_X(" + geom + ") - ?) / 2), 2)";
    }

    private static SqlFragment envelope(double minLon, double minLat, double maxLon, double maxLat) {
        return SqlFragment.of("t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", minLon, minLat, maxLon, maxLat);
    }
}
