#!/usr/bin/env bash
# Single-feature edits: POST /api/hazards (create one point: checks, scope, history row, the
# statement triggers of the change log, tile grid and geohash counts) through riskmap's HTTP
# server, next to the floor: an INSERT of the same point straight into PostgreSQL (pgbench), its
# triggers included (the server writes the history row besides).
#   bench/edits.sh [seconds=10]
# Starts its own riskmap (port 18117) with a new private cluster under bench/var-edits/ (port
# 55617). The change log starts full (10,000 versions of hazard_point, as on a server that has run
# a while: the window's size decides what its trigger reads). wrk 2 threads, 8 connections;
# prints a table; stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
DUR=${1:-10}
HTTP_PORT=18117; PG_PORT=55617; DATA=$PWD/bench/var-edits
rm -rf "$DATA"
. bench/lib.sh
start_riskmap
B=http://127.0.0.1:$HTTP_PORT
psql -q -c "UPDATE layer_version SET version = 10000 WHERE layer = 'hazard_point';
  DELETE FROM layer_change WHERE layer = 'hazard_point';
  INSERT INTO layer_change (layer, version, extent) SELECT 'hazard_point', v, NULL FROM generate_series(1, 10000) v;
  ANALYZE layer_change"
TOKEN=$(./riskmap token create --actions edit --region 500101 --name 压测编辑员 2>/dev/null | tail -1)
W=/tmp/riskmap-bench-edits; mkdir -p $W
printf '%s' '{"type":"Feature","properties":{"category":"landslide","name":"压测滑坡点","risk_level":3,"admin_code":"500101105","threatened_people":40},"geometry":{"type":"Point","coordinates":[108.41,30.83]}}' > $W/feature.json
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/geo+json' --data-binary @$W/feature.json $B/api/hazards >/dev/null
post() { wrk -t2 -c8 -d"$1" --latency -H "Authorization: Bearer $TOKEN" -s bench/post_file.lua $B -- /api/hazards $W/feature.json application/geo+json; }
post "${JIT_WARMUP}s" >/dev/null # JIT warm-up
echo "INSERT INTO hazard_point (category, name, risk_level, admin_code, threatened_people, geom) VALUES ('landslide', '压测滑坡点', 3, '500101105', 40, ST_SetSRID(ST_MakePoint(108.41, 30.83), 4326));" > $W/floor.sql
printf "%-34s %10s %9s %9s %7s %6s\n" what req/s p50_ms p99_ms errors load1
for round in $(seq 1 "${ROUNDS:-1}"); do
  l=$(cut -d' ' -f1 /proc/loadavg)
  eval "$(post "${DUR}s" | grep RESULT | sed 's/RESULT //')"
  printf "%-34s %10s %9s %9s %7s %6s\n" "riskmap POST /api/hazards" "$req_s" "$p50_ms" "$p99_ms" "$errors" "$l"
  l=$(cut -d' ' -f1 /proc/loadavg); out=$(pgbench -n -c 8 -j 2 -T "$DUR" -f $W/floor.sql 2>&1)
  printf "%-34s %10.1f %9s %9s %7s %6s\n" "SQL floor: the INSERT (pgbench)" "$(echo "$out" | awk '/^tps/{print $3}')" "$(echo "$out" | awk '/latency average/{print $4}')avg" - - "$l"
done
echo "points: $(psql -Atc 'SELECT count(*) FROM hazard_point'), change log: $(psql -Atc "SELECT count(*) FROM layer_change WHERE layer = 'hazard_point'") versions of hazard_point" >&2
