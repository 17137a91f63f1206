-- The tile grid's statement trigger (V37) read each row's position four times: the changed rows
-- were pulled up into the join with the two grids, so ST_X and ST_Y ran once for the cell and once
-- for the sums, per grid. OFFSET 0 keeps the rows a subquery of their own, evaluated once per row;
-- the cells, keys and sums are the same (issue 15: a million-point import spent about 1.3 s of
-- database CPU there). Otherwise as V37.
CREATE OR REPLACE FUNCTION hazard_tile_delta_record() RETURNS trigger LANGUAGE plpgsql AS $$
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
    ' FROM (SELECT * FROM (' || concat_ws(' UNION ALL ',
      CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN format(part, 1, 'new_rows') END,
      CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN format(part, -1, 'old_rows') END) || ') c OFFSET 0) r, tile_grids() gz'
    ' GROUP BY 1, 2, 3, 4, 5, 6, 7'
    ' HAVING sum(sign) <> 0 OR sum(sign * people) <> 0 OR sum(sign * lon) <> 0 OR sum(sign * lat) <> 0';
  RETURN NULL;
END $$;
