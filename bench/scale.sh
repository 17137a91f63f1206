#!/usr/bin/env bash
# The same benchmarks at two table sizes, side by side: OGC items with a small and a large bbox
# (bench/items.sh), radius 5 km (bench/near.sh) and cold tiles at zoom 5 and 8 (bench/tiles.sh
# with RISKMAP_TILE_CACHE_MB=0), each over 1,000,000 and over 10,000,000 points of
# bench/generate.sql, with the ratio large/small of every p50.
#   bench/scale.sh [points=1000000] [more_points=10000000] [seconds=10] [rounds=1]
# Each size has its own private cluster and ports: bench/var-items (riskmap 18143, PostgreSQL
# 55643) and bench/var-10m (18142, 55642); the points are generated once per cluster (10 million
# take about 20 minutes on 2 cores). The boxes and the radius centres are drawn from the first
# `points` points at both sizes (ITEMS_BOX_POINTS, NEAR_CENTRE_POINTS): generate.sql makes those
# the same rows in the larger table, so both sizes answer the same requests, and the larger one
# has about more_points/points times the matches in each. The two sizes run in turns, `rounds`
# times (the machine may be shared: the load average stands next to each figure); the scripts'
# own output is kept in /tmp/riskmap-scale-<points>-<round>-{items,near,tiles}.log.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
SMALL=${1:-1000000}; LARGE=${2:-10000000}; DUR=${3:-10}; ROUNDS=${4:-1}

measure() { # points round http_port pg_port data_dir → the three logs
  local n=$1 log=/tmp/riskmap-scale-$1-$2; shift 2
  echo "$(date -u +%H:%M:%S) $n points: items (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  ITEMS_HTTP_PORT=$1 ITEMS_PG_PORT=$2 ITEMS_DATA=$3 ITEMS_BOX_POINTS=$SMALL bench/items.sh "$n" "$DUR" 1 > "$log-items.log" 2>&1
  echo "$(date -u +%H:%M:%S) $n points: radius 5 km" >&2
  NEAR_HTTP_PORT=$1 NEAR_PG_PORT=$2 NEAR_DATA=$3 NEAR_CENTRE_POINTS=$SMALL bench/near.sh "$n" "$DUR" > "$log-near.log" 2>&1
  echo "$(date -u +%H:%M:%S) $n points: cold tiles" >&2
  { echo "load1 $(cut -d' ' -f1 /proc/loadavg)" # tiles.sh prints none
    RISKMAP_TILE_CACHE_MB=0 TILES_ZOOMS="5 8" TILES_HTTP_PORT=$1 TILES_PG_PORT=$2 TILES_DATA=$3 bench/tiles.sh "$n" "$DUR"; } > "$log-tiles.log" 2>&1
}

figures() { # points round → lines "name req/s p50 p99 load"
  local log=/tmp/riskmap-scale-$1-$2
  awk '$3 == "riskmap" {r[$2] = $4 " " $5 " " $6 " " $9} END {for (k in r) print "bbox_" k, r[k]}' "$log-items.log"
  awk '/^riskmap \/api\/hazards\/near/ {r = $3 " " $4 " " $5 " " $8} END {print "radius_5km", r}' "$log-near.log"
  awk '$1 == "load1" {l = $2} $1 ~ /^[0-9]+$/ {print "cold_tile_z" $1, $3, $4, $5, l}' "$log-tiles.log"
}

for round in $(seq 1 "$ROUNDS"); do
  measure "$SMALL" "$round" 18143 55643 "$PWD/bench/var-items"
  measure "$LARGE" "$round" 18142 55642 "$PWD/bench/var-10m"
done
printf "%-5s %-14s | %9s %8s %8s %6s | %9s %8s %8s %6s | %9s\n" "" "" "req/s" p50_ms p99_ms load1 "req/s" p50_ms p99_ms load1 "p50 ratio"
printf "%-5s %-14s | %-34s | %-34s |\n" round "" "$SMALL points" "$LARGE points"
for round in $(seq 1 "$ROUNDS"); do
  join <(figures "$SMALL" "$round" | sort) <(figures "$LARGE" "$round" | sort) |
    awk -v r="$round" '{printf "%-5s %-14s | %9s %8s %8s %6s | %9s %8s %8s %6s | %9.2f\n", r, $1, $2, $3, $4, $5, $6, $7, $8, $9, $7 / $3}'
done
grep -H "mean matches\|densest" /tmp/riskmap-scale-"$SMALL"-1-*.log /tmp/riskmap-scale-"$LARGE"-1-*.log || true
