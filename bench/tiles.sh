#!/usr/bin/env bash
# Vector-tile benchmark: GET /tiles/hazards/{z}/{x}/{y}.mvt at zoom 5, 9 and 13 over the densest
# area of a 1,000,000-point layer — latency p50/p99 (wrk, 2 threads, CONNS connections, default 8;
# CONNS=1 for one user alone) and bytes per tile, uncompressed and gzip.
#   bench/tiles.sh [points=1000000] [seconds=10]
# Starts its own riskmap with its own private cluster (ports and directory below, overridable by
# TILES_HTTP_PORT, TILES_PG_PORT, TILES_DATA), generates the points once with bench/generate.sql
# (deterministic), prints a table, and stops what it started.
# The "viewport" at each zoom is the 4×3 block of tiles (1024×768 px) centred on the 0.05° cell
# holding the most points, so every zoom is measured where the data is densest. TILES_ZOOMS
# replaces the zooms, e.g. TILES_ZOOMS="5 8".
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-1000000}; DUR=${2:-10}; CONNS=${CONNS:-8}; THREADS=$(( CONNS < 2 ? 1 : 2 ))
HTTP_PORT=${TILES_HTTP_PORT:-18081}; PG_PORT=${TILES_PG_PORT:-55481}; DATA=${TILES_DATA:-$PWD/bench/var/tiles}
[ -f bench/generate.sql ] || { echo "needs bench/generate.sql (the deterministic point generator)" >&2; exit 1; }
. bench/lib.sh
start_riskmap
ensure_points "$N"
read -r LON LAT CELL <<<"$(psql -AtF' ' -c "SELECT (floor(ST_X(geom) / 0.05) + 0.5) * 0.05, (floor(ST_Y(geom) / 0.05) + 0.5) * 0.05, count(*)
  FROM hazard_point GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1")"
echo "densest 0.05° cell: $CELL points around $LON, $LAT" >&2
BASE="http://127.0.0.1:$HTTP_PORT"
printf "%-5s %6s %8s %8s %8s %7s %11s %10s %10s %9s\n" zoom tiles req/s p50_ms p99_ms errors bytes_mean bytes_max gzip_mean features
for Z in ${TILES_ZOOMS:-5 9 13}; do
  read -r X Y <<<"$(awk -v lon="$LON" -v lat="$LAT" -v z="$Z" 'BEGIN{n=2^z; pi=atan2(0,-1); r=lat*pi/180;
    printf "%d %d", (lon+180)/360*n, (1-log(sin(r)/cos(r)+1/cos(r))/pi)/2*n}')"
  : > /tmp/riskmap-bench-tiles-$HTTP_PORT.txt
  for dx in -2 -1 0 1; do for dy in -1 0 1; do
    echo "/tiles/hazards/$Z/$((X + dx))/$((Y + dy)).mvt" >> /tmp/riskmap-bench-tiles-$HTTP_PORT.txt
  done; done
  sum=0; max=0; gz=0; feats=0; n=0
  while read -r p; do
    b=$(curl -s -o /dev/null -w '%{size_download}' "$BASE$p")
    g=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$BASE$p")
    f=$(curl -s -o /dev/null -D - "$BASE$p" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-tile-features"{print $2}')
    sum=$((sum + b)); gz=$((gz + g)); feats=$((feats + ${f:-0})); n=$((n + 1)); [ "$b" -gt "$max" ] && max=$b
  done < /tmp/riskmap-bench-tiles-$HTTP_PORT.txt
  wrk -t"$THREADS" -c"$CONNS" -d3s --timeout 30s -s bench/tiles.lua "$BASE" -- /tmp/riskmap-bench-tiles-$HTTP_PORT.txt >/dev/null # warm-up
  r=$(wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --timeout 30s --latency -s bench/tiles.lua "$BASE" -- /tmp/riskmap-bench-tiles-$HTTP_PORT.txt | grep RESULT)
  eval "$(echo "$r" | sed 's/RESULT //')"
  printf "%-5s %6s %8s %8s %8s %7s %11s %10s %10s %9s\n" "$Z" "$n" "$req_s" "$p50_ms" "$p99_ms" "$errors" \
    "$((sum / n))" "$max" "$((gz / n))" "$((feats / n))"
done
echo "(bytes: tile body without / with gzip; features: mean per tile — aggregation cells below zoom 9, single points from 9, at most 5000 a tile)"
