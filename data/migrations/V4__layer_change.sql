-- Where each change to a layer happened, so a cached map tile stays valid when the change lay
-- elsewhere (store/TileCache). Replaces V3's bare counter trigger: every statement that changes
-- rows raises the layer's version and records the extent of the rows it touched (old and new
-- positions); TRUNCATE records NULL, meaning "anywhere". Statement-level with transition tables,
-- so a bulk import adds one row. Only the last 10,000 changes per layer are kept: a cache entry
-- older than that is simply re-rendered.
CREATE TABLE layer_change (
  layer    text NOT NULL,
  version  bigint NOT NULL,
  extent   geometry,
  PRIMARY KEY (layer, version)
);

DROP TRIGGER hazard_point_version ON hazard_point;
DROP TRIGGER risk_zone_version ON risk_zone;
DROP TRIGGER shelter_version ON shelter;
DROP FUNCTION bump_layer_version();

CREATE FUNCTION record_layer_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed geometry;
  v bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT ST_Extent(geom)::geometry INTO changed FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT ST_Extent(geom)::geometry INTO changed FROM old_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT ST_Extent(geom)::geometry INTO changed FROM (SELECT geom FROM new_rows UNION ALL SELECT geom FROM old_rows) r;
  END IF;
  IF TG_OP <> 'TRUNCATE' AND changed IS NULL THEN
    RETURN NULL; -- the statement touched no row: nothing changed anywhere
  END IF;
  UPDATE layer_version SET version = version + 1 WHERE layer = TG_TABLE_NAME RETURNING version INTO v;
  INSERT INTO layer_change (layer, version, extent) VALUES (TG_TABLE_NAME, v, ST_SetSRID(changed, 4326));
  DELETE FROM layer_change WHERE layer = TG_TABLE_NAME AND version <= v - 10000;
  RETURN NULL;
END $$;

-- Four triggers per layer table: PostgreSQL allows transition tables only on single-event triggers.
DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['hazard_point', 'risk_zone', 'shelter'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change()', tbl || '_inserted', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change()', tbl || '_updated', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change()', tbl || '_deleted', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change()', tbl || '_truncated', tbl);
  END LOOP;
END $$;
