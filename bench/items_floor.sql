-- The raw-SQL floor for /ogc/collections/hazards/items?bbox=…&limit=1000, defined as in
-- ../shared/bench/peers/floor_small.sql: the first 1000 rows whose geometry overlaps box number
-- :first + i of bench_bbox (no order, no count), the FeatureCollection built in PostgreSQL, with the
-- properties riskmap returns to an anonymous caller. bench/items.sh sets :first and :boxes.
\set i random(0, :boxes - 1)
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(t.*, 'geom', 7)::json), '[]'::json))::text
FROM (SELECT h.id, h.geom, h.category, h.name, h.risk_level, h.status, h.admin_code, h.county, h.township, h.village,
             h.threatened_people, h.responsible_person, h.responsible_unit, h.responsible_person_id, h.updated_at
      FROM hazard_point h, bench_bbox b
      WHERE b.id = :first + :i AND h.geom && ST_MakeEnvelope(b.minx, b.miny, b.maxx, b.maxy, 4326)
      LIMIT 1000) t;
