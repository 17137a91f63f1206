#!/usr/bin/env bash
# OGC API – Features items with bbox: /ogc/collections/hazards/items?bbox=…&limit=1000 through
# riskmap's HTTP server, next to the raw-SQL floor of ../shared/bench/peers (the same request as
# one SQL statement: the first 1000 rows whose geometry overlaps the box, no order, no count, the
# GeoJSON FeatureCollection built in PostgreSQL — bench/items_floor.sql, over riskmap's table and
# the columns riskmap returns to an anonymous caller), in the same run, interleaved.
#   bench/items.sh [points=1000000] [seconds=15] [rounds=2]
# Boxes: 200 of each size around real points, chosen like the peers' bboxes.sql (seed 0.42):
# small ±0.03°, large ±0.3°. Starts its own riskmap (port 18140) with its own private cluster
# under bench/var-items/ (port 55640), generates the points once with bench/generate.sql, runs wrk
# (2 threads, 8 connections) and pgbench (8 clients) in turns, prints one row per measurement with
# the load average at that moment and the CPU per answer, and stops what it started. ITEMS_BOX_POINTS=n draws the boxes
# around the points numbered 1..n only (default: all): bench/generate.sql makes the first n points
# of a larger table the same, so a larger table is measured on the same boxes (bench/scale.sh). Radius 5 km on the same cluster, in turns
# with its floors (bench/near.sh), once this has stopped:
#   ROUNDS=2 NEAR_HTTP_PORT=18140 NEAR_PG_PORT=55640 NEAR_DATA=$PWD/bench/var-items bench/near.sh 1000000 15
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-1000000}; DUR=${2:-15}; ROUNDS=${3:-2}
HTTP_PORT=${ITEMS_HTTP_PORT:-18140}; PG_PORT=${ITEMS_PG_PORT:-55640}; DATA=${ITEMS_DATA:-$PWD/bench/var-items}
BOX_POINTS=${ITEMS_BOX_POINTS:-$N}
. bench/lib.sh
start_riskmap
ensure_points "$N"
if [ "$(psql -Atc "SELECT count(*) FROM pg_tables WHERE tablename = 'bench_bbox'")" = 0 ]; then
  psql -q -c "VACUUM ANALYZE hazard_point" # sets the visibility map: index-only scans need it
fi
psql -q -c "DROP TABLE IF EXISTS bench_bbox; SELECT setseed(0.42);
    CREATE TABLE bench_bbox AS
    SELECT row_number() OVER (ORDER BY k.kind, p.id) AS id, k.kind,
           ST_X(geom) - d AS minx, ST_Y(geom) - d AS miny, ST_X(geom) + d AS maxx, ST_Y(geom) + d AS maxy
    FROM (SELECT id, geom FROM hazard_point
          WHERE id IN (SELECT 'B' || lpad((1 + floor(random() * $BOX_POINTS))::bigint::text, 8, '0') FROM generate_series(1, 200))) p,
         (VALUES ('small', 0.03), ('large', 0.3)) k(kind, d);"
declare -A FIRST COUNT
for k in small large; do
  FIRST[$k]=$(psql -Atc "SELECT min(id) FROM bench_bbox WHERE kind = '$k'"); COUNT[$k]=$(psql -Atc "SELECT count(*) FROM bench_bbox WHERE kind = '$k'")
  psql -Atc "SELECT minx || ',' || miny || ',' || maxx || ',' || maxy FROM bench_bbox WHERE kind = '$k' ORDER BY id" > "/tmp/riskmap-bench-bbox-$HTTP_PORT-$k.txt"
  echo "$k boxes: $(wc -l < "/tmp/riskmap-bench-bbox-$HTTP_PORT-$k.txt"), mean matches:" \
    "$(psql -Atc "SELECT round(avg(n)) FROM bench_bbox b, LATERAL (SELECT count(*) n FROM hazard_point t
        WHERE ST_Intersects(t.geom, ST_MakeEnvelope(b.minx, b.miny, b.maxx, b.maxy, 4326))) x WHERE b.kind = '$k'")" >&2
done
ITEMS=/ogc/collections/hazards/items?limit=1000
for k in small large; do # JIT warm-up, half of it on each kind of box
  wrk -t2 -c8 -d"$((JIT_WARMUP / 2))s" -s ../shared/bench/peers/bbox.lua "http://127.0.0.1:$HTTP_PORT" -- "/tmp/riskmap-bench-bbox-$HTTP_PORT-$k.txt" "$ITEMS" >/dev/null
done
load() { cut -d' ' -f1 /proc/loadavg; }
# CPU per answer (cpu_ms): riskmap's JVM and the cluster's processes, over a page or a floor
# statement (the JVM idles while pgbench runs); the clients' own CPU (wrk, pgbench) is left out. The wall-clock ratio follows the load of whatever else
# runs on the machine during each half; the CPU ratio (floor CPU / riskmap CPU) hardly does.
PM=$(head -1 "$DATA/pg/data/postmaster.pid")
cpu() { awk -v a="$(cpu_seconds "$BENCH_PID")" -v b="$(cpu_seconds "$PM")" 'BEGIN{print a + b}'; }
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN{printf "%.1f", (b - a) * 1000 / n}'; }
printf "%-8s %-6s %-8s %10s %9s %9s %7s %12s %6s %8s\n" round bbox what req/s p50_ms p99_ms errors bytes/req load1 cpu_ms
for round in $(seq 1 "$ROUNDS"); do
  for k in small large; do
    l=$(load); c0=$(cpu)
    r=$(wrk -t2 -c8 -d"${DUR}s" -s ../shared/bench/peers/bbox.lua "http://127.0.0.1:$HTTP_PORT" -- "/tmp/riskmap-bench-bbox-$HTTP_PORT-$k.txt" "$ITEMS" | grep RESULT)
    http_cpu=$(per "$c0" "$(cpu)" "$(echo "$r" | sed 's/.*req_s=\([0-9.]*\).*/\1/' | awk -v d="$DUR" '{print $1 * d}')")
    eval "$(echo "$r" | sed 's/RESULT //')"
    printf "%-8s %-6s %-8s %10s %9s %9s %7s %12s %6s %8s\n" "$round" "$k" riskmap "$req_s" "$p50_ms" "$p99_ms" "$errors" "$bytes_per_req" "$l" "$http_cpu"
    http_rps=$req_s
    l=$(load); c0=$(cpu)
    out=$(pgbench -n -c 8 -j 2 -T "$DUR" -D "first=${FIRST[$k]}" -D "boxes=${COUNT[$k]}" -f bench/items_floor.sql -r 2>&1)
    sleep 1 # the postmaster reaps pgbench's backends, adding their CPU to its own
    floor_cpu=$(per "$c0" "$(cpu)" "$(echo "$out" | awk '/actually processed/{print $NF}')")
    tps=$(echo "$out" | awk '/^tps/{print $3}')
    printf "%-8s %-6s %-8s %10.1f %9s %9s %7s %12s %6s %8s  ratio %.2f, CPU ratio %.2f\n" "$round" "$k" floor "$tps" "$(echo "$out" | awk '/latency average/{print $4}')avg" - - - "$l" \
      "$floor_cpu" "$(awk -v a="$http_rps" -v b="$tps" 'BEGIN{print a/b}')" "$(awk -v a="$floor_cpu" -v b="$http_cpu" 'BEGIN{print a/b}')"
  done
done
