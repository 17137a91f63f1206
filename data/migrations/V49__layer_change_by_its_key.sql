-- The change log's trigger (V4, V33) without its scans of whole tables on every statement that
-- changes a layer (issue 15). It compared the text key `layer` with TG_TABLE_NAME, a `name`, which
-- the primary keys' text indexes cannot serve, so the version UPDATE and the window's DELETE read
-- their whole tables: layer_change holds 10,000 rows a layer, and both tables bloat during a long
-- transaction of small statements (after a load by single-row INSERTs, ogr2ogr -append at 2.6 ms a
-- row, one DELETE read 1,176 pages). The window's DELETE was also a range, for which PL/pgSQL's
-- generic plan scans the table anyway. Versions rise by exactly one a statement (this function
-- alone raises them, and TileCache counts on it), so each statement now deletes the one version
-- that leaves the window, by its key. A single-row INSERT into hazard_point took 1.6 ms of
-- database time, 0.75 ms now. The rows already past the window go once, here.
DELETE FROM layer_change c USING layer_version v WHERE c.layer = v.layer AND c.version <= v.version - 10000;

CREATE OR REPLACE FUNCTION record_layer_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed geometry;
  v bigint;
  n bigint;
  msg jsonb;
  -- as text: TG_TABLE_NAME is a name, and layer = name cannot use the text column's index
  tbl constant text := TG_TABLE_NAME;
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
  UPDATE layer_version SET version = version + 1 WHERE layer = tbl RETURNING version INTO v;
  INSERT INTO layer_change (layer, version, extent) VALUES (tbl, v, ST_SetSRID(changed, 4326));
  -- versions rise by one a statement, so one version leaves the window: deleted by its key
  DELETE FROM layer_change WHERE layer = tbl AND version = v - 10000;

  msg := jsonb_build_object(
    'layer', CASE tbl WHEN 'hazard_point' THEN 'hazards' WHEN 'risk_zone' THEN 'risk_zones' ELSE 'shelters' END,
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
