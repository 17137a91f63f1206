#!/usr/bin/env bash
# Region search benchmark: GET /api/regions?q=万州区 over the reference data the migrations load
# (91,245 regions: every province, city, county and township, and the demo counties' villages),
# next to the same SQL timed directly in PostgreSQL (pgbench) — the floor: the server's own
# statement, printed from region/RegionSql by bench/RegionSearchSql.java.
#   bench/regions.sh [seconds=20] [q=万州区]
# Starts its own riskmap (port 18082) with a new private cluster under bench/var-regions/ (port
# 55482), so it also reports how long migration 6.1 took to load the regions; runs wrk (2 threads,
# 8 connections) and pgbench (8 clients), prints a table, and stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
DUR=${1:-20}; Q=${2:-万州区}
HTTP_PORT=18082; PG_PORT=55482; DATA=$PWD/bench/var-regions
rm -rf "$DATA" # a new database each run: the load time below is the migration's
. bench/lib.sh
start_riskmap
grep -o 'loaded [0-9]* regions in [0-9]* ms' "/tmp/riskmap-bench-$HTTP_PORT.log" | sed 's/^/migration 6.1: /' >&2
QE=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$Q")
echo "/api/regions?q=$QE" > /tmp/riskmap-bench-regions.txt
echo "first answer: $(curl -s "http://127.0.0.1:$HTTP_PORT/api/regions?q=$QE&limit=1")" >&2
wrk -t2 -c8 -d5s -s bench/tiles.lua "http://127.0.0.1:$HTTP_PORT" -- /tmp/riskmap-bench-regions.txt >/dev/null # JIT warm-up
printf "%-26s %10s %9s %9s %7s\n" what req/s p50_ms p99_ms errors
r=$(wrk -t2 -c8 -d"${DUR}s" --latency -s bench/tiles.lua "http://127.0.0.1:$HTTP_PORT" -- /tmp/riskmap-bench-regions.txt | grep RESULT)
eval "$(echo "$r" | sed 's/RESULT //')"
printf "%-26s %10s %9s %9s %7s\n" "riskmap /api/regions?q=$Q" "$req_s" "$p50_ms" "$p99_ms" "$errors"
# one client, one request at a time: the latency a person typing in the search box sees
r=$(wrk -t1 -c1 -d"${DUR}s" --latency -s bench/tiles.lua "http://127.0.0.1:$HTTP_PORT" -- /tmp/riskmap-bench-regions.txt | grep RESULT)
eval "$(echo "$r" | sed 's/RESULT //')"
printf "%-26s %10s %9s %9s %7s\n" "  the same, 1 connection" "$req_s" "$p50_ms" "$p99_ms" "$errors"
java -cp target/classes bench/RegionSearchSql.java "$Q" 20 > /tmp/riskmap-bench-regions.sql
echo "plan: $(psql -Atc "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) $(cat /tmp/riskmap-bench-regions.sql | tr -d ';')" | grep -E 'Index Scan|Seq Scan|Execution' | tr -s ' ' | paste -sd';')" >&2
out=$(pgbench -n -c 8 -j 2 -T "$DUR" -f /tmp/riskmap-bench-regions.sql 2>&1)
printf "%-26s %10.1f %9s %9s %7s\n" "SQL: server's statement" "$(echo "$out" | awk '/^tps/{print $3}')" "$(echo "$out" | awk '/latency average/{print $4}')avg" - -
