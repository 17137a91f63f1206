package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.query.NearestSheltersQuery;

/** The SQL of shelter queries. */
public final class ShelterSql {
    private ShelterSql() {
    }

    /**
     * The k nearest shelters with room, by spheroid distance.
     *
     * <p>The geography index answers {@code <->} (KNN) on a sphere, which can differ from the
     * spheroid by about 0.5%: the k sphere-nearest give a search radius, widened by 2% (more than
     * the sphere/spheroid disagreement can move a point) and then ranked exactly on the spheroid.
     */
    public static SqlFragment nearest(NearestSheltersQuery q, Visibility v) {
        SqlFragment room = SqlFragment.join(" AND ", List.of(SqlFragment.of("t.capacity >= ?", q.minCapacity()), FeatureSql.visibleRows(v)));
        List<Object> binds = new ArrayList<>(List.of(q.lon(), q.lat()));
        binds.addAll(room.binds());
        binds.add(q.k());
        binds.addAll(room.binds());
        binds.add(q.k());
        return new SqlFragment("WITH c AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g),"
                + " knn AS (SELECT t.geom::geography <-> c.g AS sphere_m FROM shelter t, c WHERE " + room.sql()
                + " ORDER BY t.geom::geography <-> c.g LIMIT ?),"
                + " bound AS (SELECT max(sphere_m) * 1.02 + 1 AS r FROM knn)"
                + " SELECT " + FeatureSql.selectList(Collections.SHELTERS, v) + ", " + HazardSql.DISTANCE_AND_BEARING
                + " FROM shelter t, c, bound"
                + " WHERE " + room.sql() + " AND ST_DWithin(t.geom::geography, c.g, bound.r, false)"
                + " ORDER BY distance_m, t.id LIMIT ?", binds);
    }
}
