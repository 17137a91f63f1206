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

CREATE TRIGGER hazard_point_inserted AFTER INSERT ON hazard_point REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER hazard_point_updated AFTER UPDATE ON hazard_point REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER hazard_point_deleted AFTER DELETE ON hazard_point REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER hazard_point_truncated AFTER TRUNCATE ON hazard_point
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();

CREATE TRIGGER risk_zone_inserted AFTER INSERT ON risk_zone REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER risk_zone_updated AFTER UPDATE ON risk_zone REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER risk_zone_deleted AFTER DELETE ON risk_zone REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER risk_zone_truncated AFTER TRUNCATE ON risk_zone
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();

CREATE TRIGGER shelter_inserted AFTER INSERT ON shelter REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER shelter_updated AFTER UPDATE ON shelter REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER shelter_deleted AFTER DELETE ON shelter REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
CREATE TRIGGER shelter_truncated AFTER TRUNCATE ON shelter
  FOR EACH STATEMENT EXECUTE FUNCTION record_layer_change();
