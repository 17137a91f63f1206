-- RFC 7946 §3.1.6 (the right-hand rule): exterior rings counter-clockwise, holes clockwise.
-- Polygons are stored that way, whoever writes them (API, import's COPY, plain SQL), so OGC items,
-- exports and tiles all agree and no read pays for it.
CREATE FUNCTION force_rings_ccw() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.geom := ST_ForcePolygonCCW(NEW.geom);
  RETURN NEW;
END $$;

CREATE TRIGGER risk_zone_rings_ccw BEFORE INSERT OR UPDATE OF geom ON risk_zone
  FOR EACH ROW EXECUTE FUNCTION force_rings_ccw();
UPDATE risk_zone SET geom = ST_ForcePolygonCCW(geom) WHERE NOT ST_IsPolygonCCW(geom);

-- A warning's area is a generated column: the function that makes it orients it too, and the
-- no-op update recomputes the stored areas.
CREATE OR REPLACE FUNCTION warning_area_geom(polygons jsonb, circles jsonb) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(ST_Union(part), 3)))
  FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(p::text), 4326) AS part FROM jsonb_array_elements(polygons) p
        UNION ALL
        SELECT ST_Buffer(ST_SetSRID(ST_MakePoint((c -> 'center' ->> 0)::float8, (c -> 'center' ->> 1)::float8), 4326)::geography,
                         (c ->> 'radius_m')::float8, 'quad_segs=16')::geometry
        FROM jsonb_array_elements(circles) c) parts
$$;
UPDATE warning SET area_polygons = area_polygons WHERE geom IS NOT NULL AND NOT ST_IsPolygonCCW(geom);
