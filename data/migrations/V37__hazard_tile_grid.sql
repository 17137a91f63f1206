-- Aggregated hazard tiles from a pre-aggregated grid (issue 15). An aggregated tile draws one
-- symbol per grid cell (riskmap.store.TileSql): 8 × 8 cells a tile, columns by longitude, rows by
-- Web Mercator latitude. Counting a million points for a national tile took seconds; this table
-- holds the counts per cell of two grids, those of zoom-8 tiles (gz 8: 2048 × 2048 cells over the
-- world) and of zoom-11 tiles (gz 11: 16384 × 16384), which nest into the cells of every lower
-- zoom (a zoom-z cell is 2^(gz-z) × 2^(gz-z) of them), split by the columns the map filters on, so
-- an aggregated tile up to zoom 11 is a sum over at most a few thousand rows.
--
-- The write path keeps it current: statement triggers add one signed delta row per cell and
-- filter key that a statement changed (an insert +1, a delete −1, an update both). Rows are only
-- ever appended, so concurrent writers never wait for each other here; the durable job
-- tile_grid_compact (riskmap.store.TileGridCompaction) folds the deltas into one row per key,
-- hourly and after each import. Readers sum, so they are right before and after a fold.
CREATE TABLE hazard_tile_delta (
  gz          smallint NOT NULL,  -- the grid: that of zoom-8 or of zoom-11 tiles
  cx          integer  NOT NULL,  -- cell column: floor((lon + 180) · 2^(gz+3) / 360)
  cy          integer  NOT NULL,  -- cell row, from the north: floor(mercator_y · 2^(gz+3))
  category    text     NOT NULL,
  risk_level  smallint NOT NULL,
  status      text     NOT NULL,
  admin_code  text     NOT NULL,
  n           bigint   NOT NULL,  -- points
  people      bigint   NOT NULL,  -- sum of threatened_people
  sum_lon     float8   NOT NULL,  -- sums of the positions, for the symbol's place (their mean)
  sum_lat     float8   NOT NULL,
  changed_at  timestamptz NOT NULL
);
CREATE INDEX hazard_tile_delta_cell_idx ON hazard_tile_delta (gz, cx, cy);

-- The same expressions as TileSql's live aggregation, so both put a point in the same cell.
CREATE FUNCTION tile_grid_cx(lon float8, gz integer) RETURNS integer IMMUTABLE PARALLEL SAFE LANGUAGE sql
  AS $$ SELECT floor((lon + 180) * ((2 ^ (gz + 3)) / 360))::integer $$;
CREATE FUNCTION tile_grid_cy(lat float8, gz integer) RETURNS integer IMMUTABLE PARALLEL SAFE LANGUAGE sql
  AS $$ SELECT floor((1 - asinh(tan(radians(lat))) / pi()) / 2 * 2 ^ (gz + 3))::integer $$;
-- the grids kept
CREATE FUNCTION tile_grids() RETURNS SETOF integer IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ VALUES (8), (11) $$;

-- One function for every event: it reads the statement's transition tables (new_rows for the
-- inserted and updated rows, old_rows for the deleted and replaced ones). An update that changes
-- none of the grid's columns adds nothing: its −1 and +1 cancel out.
CREATE FUNCTION hazard_tile_delta_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  part constant text := 'SELECT %s AS sign, ST_X(geom) AS lon, ST_Y(geom) AS lat, category, risk_level,'
    ' status, admin_code, threatened_people AS people, updated_at FROM %I';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE hazard_tile_delta;
    RETURN NULL;
  END IF;
  EXECUTE 'INSERT INTO hazard_tile_delta (gz, cx, cy, category, risk_level, status, admin_code, n, people, sum_lon, sum_lat, changed_at)'
    ' SELECT gz, tile_grid_cx(lon, gz), tile_grid_cy(lat, gz), category, risk_level, status, admin_code, sum(sign),'
    ' sum(sign * people), sum(sign * lon), sum(sign * lat), coalesce(max(updated_at) FILTER (WHERE sign = 1), now())'
    ' FROM (' || concat_ws(' UNION ALL ',
      CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN format(part, 1, 'new_rows') END,
      CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN format(part, -1, 'old_rows') END) || ') r, tile_grids() gz'
    ' GROUP BY 1, 2, 3, 4, 5, 6, 7'
    ' HAVING sum(sign) <> 0 OR sum(sign * people) <> 0 OR sum(sign * lon) <> 0 OR sum(sign * lat) <> 0';
  RETURN NULL;
END $$;

-- Transition tables need one trigger per event.
CREATE TRIGGER hazard_tile_grid_insert AFTER INSERT ON hazard_point
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_tile_delta_record();
CREATE TRIGGER hazard_tile_grid_update AFTER UPDATE ON hazard_point
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_tile_delta_record();
CREATE TRIGGER hazard_tile_grid_delete AFTER DELETE ON hazard_point
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_tile_delta_record();
CREATE TRIGGER hazard_tile_grid_truncate AFTER TRUNCATE ON hazard_point
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_tile_delta_record();

INSERT INTO hazard_tile_delta (gz, cx, cy, category, risk_level, status, admin_code, n, people, sum_lon, sum_lat, changed_at)
SELECT gz, tile_grid_cx(ST_X(geom), gz), tile_grid_cy(ST_Y(geom), gz), category, risk_level, status, admin_code,
       count(*), sum(threatened_people), sum(ST_X(geom)), sum(ST_Y(geom)), max(updated_at)
FROM hazard_point, tile_grids() gz GROUP BY 1, 2, 3, 4, 5, 6, 7;
