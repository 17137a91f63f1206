-- hazard_point loses its geography GiST index (issue 15). Since the radius query reads the covering
-- geometry index (riskmap.store.RadiusSql), only the dual-control suggestions still used it. It
-- cost every load its slowest index build (geography has no sorted build: 5.6 s of database CPU per
-- million points) and every write a second GiST insertion. Geodesic searches reach the geometry
-- index through the box below, then measure on the spheroid as before.

-- A box in degrees that holds every point within `metres` (geodesic, WGS84) of g. Along any path a
-- degree of latitude is at least 110,574 m (the meridian's radius of curvature at the equator), a
-- degree of longitude at least 111,319 m × cos(latitude) (a, the prime vertical's smallest radius),
-- and the path stays within the latitude band it can reach; 110,000 and 111,000 leave room. Where
-- the box would reach a pole or cross the antimeridian it takes every longitude instead.
CREATE FUNCTION geodesic_search_box(g geometry, metres float8) RETURNS geometry
  IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
  SELECT CASE
    WHEN b.ymax + b.dlat >= 90 OR b.ymin - b.dlat <= -90 OR b.xmin - l.dlon < -180 OR b.xmax + l.dlon > 180
      THEN ST_MakeEnvelope(-180, greatest(-90, b.ymin - b.dlat), 180, least(90, b.ymax + b.dlat), 4326)
    ELSE ST_MakeEnvelope(b.xmin - l.dlon, b.ymin - b.dlat, b.xmax + l.dlon, b.ymax + b.dlat, 4326) END
  FROM (SELECT ST_XMin(g) AS xmin, ST_YMin(g) AS ymin, ST_XMax(g) AS xmax, ST_YMax(g) AS ymax, metres / 110000.0 AS dlat) b,
  LATERAL (SELECT metres / (111000.0 * cosd(least(89.99, greatest(abs(b.ymin), abs(b.ymax)) + b.dlat))) AS dlon) l
$$;

DROP INDEX hazard_point_geog_idx;
