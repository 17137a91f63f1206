-- Live map updates across servers (issue 16): every statement that changes a layer table also
-- tells every riskmap server on this database what changed, through NOTIFY riskmap_features
-- (delivered at commit, so never for a change rolled back). Same function as V4 plus the NOTIFY.
-- One notification per changed row for small statements — {"layer","id","op","version","bbox"} —
-- and one for the whole statement beyond 100 rows ({"id":null,"count":n}), so a bulk import of a
-- million rows sends one message, not a million. The payload carries no attributes: anonymous map
-- pages receive it, and a phone number must never reach them. "layer" is the collection id of the
-- API (/tiles/{layer}/…); bbox is the extent of the statement's old and new positions (null after
-- TRUNCATE: anywhere). A row's admin_code travels too, only so that a server whose readers see one
-- region's rows passes on that region's changes (riskmap.jobs.LiveFeed removes it before sending).
CREATE OR REPLACE FUNCTION record_layer_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed geometry;
  v bigint;
  n bigint;
  msg jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT ST_Extent(geom)::geometry, count(*) INTO changed, n FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT ST_Extent(geom)::geometry, count(*) INTO changed, n FROM old_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT ST_Extent(geom)::geometry INTO changed FROM (SELECT geom FROM new_rows UNION ALL SELECT geom FROM old_rows) r;
    SELECT count(*) INTO n FROM new_rows;
  END IF;
  IF TG_OP <> 'TRUNCATE' AND changed IS NULL THEN
    RETURN NULL; -- the statement touched no row: nothing changed anywhere
  END IF;
  UPDATE layer_version SET version = version + 1 WHERE layer = TG_TABLE_NAME RETURNING version INTO v;
  INSERT INTO layer_change (layer, version, extent) VALUES (TG_TABLE_NAME, v, ST_SetSRID(changed, 4326));
  DELETE FROM layer_change WHERE layer = TG_TABLE_NAME AND version <= v - 10000;

  msg := jsonb_build_object(
    'layer', CASE TG_TABLE_NAME WHEN 'hazard_point' THEN 'hazards' WHEN 'risk_zone' THEN 'risk_zones' ELSE 'shelters' END,
    'op', lower(TG_OP), 'version', v,
    'bbox', CASE WHEN changed IS NULL THEN NULL
                 ELSE jsonb_build_array(ST_XMin(changed), ST_YMin(changed), ST_XMax(changed), ST_YMax(changed)) END);
  IF TG_OP = 'TRUNCATE' OR n > 100 THEN
    PERFORM pg_notify('riskmap_features', (msg || jsonb_build_object('id', NULL, 'count', n))::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('riskmap_features', (msg || jsonb_build_object('id', id, 'admin_code', admin_code))::text) FROM old_rows;
  ELSE
    PERFORM pg_notify('riskmap_features', (msg || jsonb_build_object('id', id, 'admin_code', admin_code))::text) FROM new_rows;
  END IF;
  RETURN NULL;
END $$;
