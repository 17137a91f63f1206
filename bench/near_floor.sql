-- The raw-SQL floor for /api/hazards/near: the server's statement (store/HazardSql.near), with the
-- whole GeoJSON document built inside PostgreSQL, for a centre drawn from bench_centre.
\set i random(1, 200)
WITH c AS (SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography AS g FROM bench_centre WHERE id = :i),
f AS (
  SELECT t.id, t.geom, t.category, t.name, t.risk_level, t.status, t.admin_code, t.county, t.township, t.village,
         t.threatened_people, t.responsible_person, t.responsible_unit, t.updated_at,
         ST_Distance(t.geom::geography, c.g) AS distance_m,
         degrees(ST_Azimuth(c.g, t.geom::geography)) AS bearing_deg,
         count(*) OVER () AS number_matched
  FROM hazard_point t, c
  WHERE ST_DWithin(t.geom::geography, c.g, 5000)
  ORDER BY distance_m, t.id LIMIT 1000)
SELECT json_build_object('type', 'FeatureCollection',
                         'features', coalesce(json_agg(ST_AsGeoJSON(f.*, 'geom', 7)::json), '[]'::json),
                         'numberMatched', max(number_matched))::text
FROM f;
