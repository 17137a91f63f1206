-- A version number per layer table, raised by every statement that changes the table (in the
-- same transaction), so caches of derived data — rendered map tiles — know cheaply and exactly
-- when they are stale. Statement-level: a bulk import of a million rows raises it once.
CREATE TABLE layer_version (
  layer    text PRIMARY KEY,
  version  bigint NOT NULL DEFAULT 1
);
INSERT INTO layer_version (layer) VALUES ('hazard_point'), ('risk_zone'), ('shelter');

CREATE FUNCTION bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE layer_version SET version = version + 1 WHERE layer = TG_TABLE_NAME;
  RETURN NULL;
END $$;

CREATE TRIGGER hazard_point_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hazard_point
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER risk_zone_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON risk_zone
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
CREATE TRIGGER shelter_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shelter
  FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();
