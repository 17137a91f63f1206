#!/usr/bin/env bash
# Radius-query benchmark: /api/hazards/near (5 km, random centres) through riskmap's HTTP server,
# next to the same SQL timed directly in PostgreSQL (pgbench) — the floor: the server's own
# statement (printed from store/RadiusSql by bench/NearSql.java), and the same with the whole
# GeoJSON document built inside PostgreSQL.
#   bench/near.sh [points=1000000] [seconds=20]   (ROUNDS=n repeats the measurements in turns)
# Starts its own riskmap (port 18080) with its own private cluster under bench/var/ (port 55480),
# generates the points once with bench/generate.sql (deterministic), runs wrk (2 threads, 8
# connections) and pgbench (8 clients), prints a table, and stops what it started.
# NEAR_CENTRE_POINTS=n takes the centres from the points numbered 1..n only (default: all), the
# same centres in a larger table of bench/generate.sql (bench/scale.sh).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-1000000}; DUR=${2:-20}
HTTP_PORT=${NEAR_HTTP_PORT:-18080}; PG_PORT=${NEAR_PG_PORT:-55480}; DATA=${NEAR_DATA:-$PWD/bench/var}
CENTRE_POINTS=${NEAR_CENTRE_POINTS:-$N}
. bench/lib.sh
start_riskmap
ensure_points "$N"
# 200 centres at real points spread over the whole table (fixed, no randomness), so every query
# lands where the data is; the same centres feed wrk and pgbench.
psql -q -c "DROP TABLE IF EXISTS bench_centre;
  CREATE TABLE bench_centre AS
  SELECT i AS id, ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat
  FROM generate_series(1, 200) i
  JOIN hazard_point h ON h.id = 'B' || lpad((1 + (i::bigint * 7919 * 104729) % $CENTRE_POINTS)::text, 8, '0');"
psql -Atc "SELECT lon || ',' || lat FROM bench_centre ORDER BY id" > /tmp/riskmap-bench-centres-$HTTP_PORT.txt
echo "centres: $(wc -l < /tmp/riskmap-bench-centres-$HTTP_PORT.txt); mean matches per 5 km query:" \
  "$(psql -Atc "SELECT round(avg(n)) FROM bench_centre b, LATERAL (SELECT count(*) n FROM hazard_point t
      WHERE t.geom && geodesic_search_box(ST_SetSRID(ST_MakePoint(b.lon, b.lat), 4326), 5000)
        AND ST_DWithin(t.geom::geography, ST_SetSRID(ST_MakePoint(b.lon, b.lat), 4326)::geography, 5000)) x")" >&2
curl -s "http://127.0.0.1:$HTTP_PORT/api/hazards/near?lon=$(head -1 /tmp/riskmap-bench-centres-$HTTP_PORT.txt | cut -d, -f1)&lat=$(head -1 /tmp/riskmap-bench-centres-$HTTP_PORT.txt | cut -d, -f2)&radius=5000" >/dev/null # warm-up
wrk -t2 -c8 -d"${JIT_WARMUP}s" -s bench/near.lua "http://127.0.0.1:$HTTP_PORT" -- /tmp/riskmap-bench-centres-$HTTP_PORT.txt 5000 >/dev/null # JIT warm-up
psql -Atc "SELECT id, lon, lat FROM bench_centre ORDER BY id" | java -cp target/classes bench/NearSql.java 5000 1000 > /tmp/riskmap-bench-near-rows-$HTTP_PORT.sql
psql -Atc "SELECT id, lon, lat FROM bench_centre ORDER BY id" | java -cp target/classes bench/NearSql.java 5000 1000 geojson > /tmp/riskmap-bench-near-json-$HTTP_PORT.sql
pgfloor() { # label script → prints a row, leaves the throughput in $tps
  local out l; l=$(cut -d' ' -f1 /proc/loadavg); out=$(pgbench -n -c 8 -j 2 -T "$DUR" -f "$2" 2>&1)
  tps=$(echo "$out" | awk '/^tps/{print $3}')
  printf "%-26s %10.1f %9s %9s %7s %12s %6s\n" "$1" "$tps" "$(echo "$out" | awk '/latency average/{print $4}')avg" - - - "$l"
}
# riskmap and both floors in turns, ROUNDS times (the machine may be shared: the load average stands next to each figure)
printf "%-26s %10s %9s %9s %7s %12s %6s\n" what req/s p50_ms p99_ms errors bytes/req load1
for round in $(seq 1 "${ROUNDS:-1}"); do
  l=$(cut -d' ' -f1 /proc/loadavg)
  r=$(wrk -t2 -c8 -d"${DUR}s" --latency -s bench/near.lua "http://127.0.0.1:$HTTP_PORT" -- /tmp/riskmap-bench-centres-$HTTP_PORT.txt 5000 | grep RESULT)
  eval "$(echo "$r" | sed 's/RESULT //')"
  printf "%-26s %10s %9s %9s %7s %12s %6s\n" "riskmap /api/hazards/near" "$req_s" "$p50_ms" "$p99_ms" "$errors" "$bytes_per_req" "$l"
  http_rps=$req_s
  pgfloor "SQL: server's rows" /tmp/riskmap-bench-near-rows-$HTTP_PORT.sql; rows_tps=$tps
  pgfloor "SQL: JSON built in PG" /tmp/riskmap-bench-near-json-$HTTP_PORT.sql
  awk -v a="$http_rps" -v b="$rows_tps" -v c="$tps" \
    'BEGIN{ if (b > 0 && c > 0) printf "riskmap throughput = %.2f of its own SQL, %.2f of the GeoJSON-in-PostgreSQL floor\n", a/b, a/c }'
done
