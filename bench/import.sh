#!/usr/bin/env bash
# Import throughput: `riskmap import` of an N-point GeoJSON and CSV (default 1,000,000) next to
# `ogr2ogr -f PostgreSQL` loading the same files into the same database.
#   bench/import.sh [points=1000000]
# Starts its own riskmap (HTTP on 127.0.0.1:18093, no seeds) so its private cluster under
# bench/var/import/ stays up; the imports attach to that cluster. Generates the files once with awk
# (fixed seed) under bench/var/import/files/, prints a table, and stops what it started.
# What differs: riskmap checks every row (api.md §1) and loads hazard_point with its seven indexes
# (two GiST, one of them covering), two foreign keys, checks, the change-log and tile-grid statement
# triggers (the grid's hazard_tile_delta gets ~1.3 rows per point, and its index) and a history row;
# ogr2ogr loads a new table with one GiST index, a serial integer key (ogc_fid) and no checks or triggers.
# Set BENCH_JAR to use a jar built elsewhere (default: target/riskmap.jar, built by ./riskmap).
# Each row: wall seconds (riskmap's include the JVM start), features per wall second, CPU seconds
# of the command itself and of the database cluster, and the 1-minute load average before it.
# ROUNDS=2 (default) runs the pairs twice, interleaved; ROW_BY_ROW=1 adds an import into the empty
# table while a reader holds it (indexes row by row, as before BulkIndexes); APPEND=1 one into the full table.
# REAL_TABLE=1 adds ogr2ogr -append into hazard_point itself, the comparison issue 15 names: its
# PostgreSQL driver sends one INSERT per feature there (it does not COPY when a column it leaves
# unset has a default: id, version, updated_at), and each fires the statement triggers; about
# 1.7 ms of database CPU a row, so a million rows take ~30 minutes (try 100000 points).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-1000000}
HTTP_PORT=18093; PG_PORT=55493; DATA=$PWD/bench/var/import; FILES=$DATA/files
JAR=${BENCH_JAR:-target/riskmap.jar}
command -v ogr2ogr >/dev/null || { echo "needs ogr2ogr: apt-get install gdal-bin" >&2; exit 1; }
[ -f "$JAR" ] || ./riskmap help >/dev/null # builds target/riskmap.jar
rm_java() { java -Dfile.encoding=UTF-8 -cp "$JAR:$(dirname "$JAR")/lib/*" riskmap.Main "$@"; }
export RISKMAP_PORT=$HTTP_PORT RISKMAP_LOCAL_PG_PORT=$PG_PORT RISKMAP_DATA_DIR=$DATA RISKMAP_SEED=false RISKMAP_BIND_HOST=127.0.0.1
mkdir -p "$FILES"
# exec: $! must be java itself, so the trap below stops the server (and with it the cluster)
( exec java -Dfile.encoding=UTF-8 -cp "$JAR:$(dirname "$JAR")/lib/*" riskmap.Main run ) > /tmp/riskmap-bench-import.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
sleep 1; kill -0 $PID 2>/dev/null || { echo "riskmap did not start; see /tmp/riskmap-bench-import.log" >&2; exit 1; }
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { echo "riskmap did not start; see /tmp/riskmap-bench-import.log" >&2; exit 1; }
export PGPASSWORD=$(cat "$DATA/pg/superuser.password") PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=riskmap
PG="PG:host=127.0.0.1 port=$PG_PORT dbname=riskmap user=postgres password=$PGPASSWORD"

# Points scattered over Chongqing, with the attributes a census spreadsheet has.
gen() { # $1 = csv|geojson
  awk -v n="$N" -v fmt="$1" 'BEGIN {
    srand(42); split("landslide flood forest_fire", cat, " ")
    if (fmt == "csv") print "name,category,risk_level,status,admin_code,county,threatened_people,responsible_person,responsible_phone,lon,lat"
    else printf "{\"type\":\"FeatureCollection\",\"features\":[\n"
    for (i = 1; i <= n; i++) {
      lon = 105.3 + rand() * 4.8; lat = 28.2 + rand() * 3.9; c = cat[1 + int(rand() * 3)]; lv = 1 + int(rand() * 4)
      code = 500101 + int(rand() * 40); people = int(rand() * 500)
      if (fmt == "csv") printf "隐患点%d,%s,%d,active,%d,某区县,%d,张三,1390000%04d,%.7f,%.7f\n", i, c, lv, code, people, i % 10000, lon, lat
      else printf "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"隐患点%d\",\"category\":\"%s\",\"risk_level\":%d,\"status\":\"active\",\"admin_code\":\"%d\",\"county\":\"某区县\",\"threatened_people\":%d,\"responsible_person\":\"张三\",\"responsible_phone\":\"1390000%04d\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}\n", (i > 1 ? "," : ""), i, c, lv, code, people, i % 10000, lon, lat
    }
    if (fmt != "csv") print "]}"
  }'
}
for f in csv geojson; do
  file=$FILES/points-$N.$f
  [ -s "$file" ] || { echo "generating $file…" >&2; gen "$f" > "$file"; }
done

now() { date +%s.%N; }
. bench/lib.sh
# CPU seconds the cluster has spent so far (backends that have ended included)
PM=$(head -1 "$DATA/pg/data/postmaster.pid")
pg_cpu() { cpu_seconds "$PM"; }
load() { cut -d' ' -f1 /proc/loadavg; }
# timed NAME FEATURES_SQL CMD…: runs CMD, prints one row (wall seconds, the import's own seconds
# from riskmap's report — without the JVM start —, CPU of the command and of the database, load
# before) and sets rate_NAME (features per wall second).
timed() {
  local name=$1 count_sql=$2 l0 d0 t0 t1 d1 cpu n own; shift 2
  l0=$(load); d0=$(pg_cpu); t0=$(now)
  cpu=$( { TIMEFORMAT='%U %S'; time "$@" >/tmp/bench-import-out.txt 2>/dev/null; } 2>&1 | awk 'NF == 2 {c = $1 + $2} END {print c}')
  t1=$(now); sleep 1; d1=$(pg_cpu) # the second: the postmaster reaps the command's backend, adding its CPU to its own
  n=$(psql -Atc "$count_sql")
  own=$(sed -nE '1s/.* in ([0-9.]+) s.*/\1/p' /tmp/bench-import-out.txt)
  printf "%-30s %9s %8.1f %8s %10.0f %8.1f %8.1f %6s\n" "$name" "$n" "$(echo "$t1 - $t0" | bc -l)" "${own:--}" \
    "$(echo "$n / ($t1 - $t0)" | bc -l)" "$cpu" "$(echo "$d1 - $d0" | bc -l)" "$l0"
  eval "rate_${name//[^a-z0-9]/_}=$(echo "$n / ($t1 - $t0)" | bc -l)"
}
ROUNDS=${ROUNDS:-2}
export PGOPTIONS='-c client_min_messages=warning'
printf "%-30s %9s %8s %8s %10s %8s %8s %6s\n" what features wall_s own_s features/s cpu_s db_cpu_s load
for round in $(seq 1 "$ROUNDS"); do
  for f in geojson csv; do
    file=$FILES/points-$N.$f
    psql -q -c "TRUNCATE hazard_point CASCADE"
    timed "riskmap $f" "SELECT count(*) FROM hazard_point" rm_java import "$file" --collection hazards
    opts=(-a_srs EPSG:4326)
    [ "$f" = csv ] && opts+=(-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO)
    psql -q -c "DROP TABLE IF EXISTS ogr_points"
    timed "ogr2ogr $f" "SELECT count(*) FROM ogr_points" ogr2ogr -f PostgreSQL "$PG" "$file" -nln ogr_points -lco GEOMETRY_NAME=geom "${opts[@]}"
    if [ "${REAL_TABLE:-}" = 1 ]; then # ogr2ogr appending to hazard_point itself, its indexes, checks, keys and triggers as they are
      psql -q -c "TRUNCATE hazard_point CASCADE"
      timed "ogr2ogr $f, real table" "SELECT count(*) FROM hazard_point" ogr2ogr --config PG_USE_COPY YES -f PostgreSQL "$PG" "$file" -append -nln hazard_point "${opts[@]}"
    fi
    if [ "${ROW_BY_ROW:-}" = 1 ]; then # as before BulkIndexes: a reader holds the table, so the import cannot take it for a bulk index build
      psql -q -c "TRUNCATE hazard_point CASCADE"
      PGAPPNAME=bench-reader psql -q -c "BEGIN" -c "SELECT count(*) FROM hazard_point" -c "SELECT pg_sleep(3600)" >/dev/null 2>&1 & READER=$!
      sleep 1
      timed "riskmap $f, row by row" "SELECT count(*) FROM hazard_point" rm_java import "$file" --collection hazards
      psql -Atq -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bench-reader'" >/dev/null
      wait $READER 2>/dev/null || true
    fi
    if [ "${APPEND:-}" = 1 ]; then # the same file again, into the table that now holds it: indexes row by row
      timed "riskmap $f, table not empty" "SELECT count(*) - $N FROM hazard_point" rm_java import "$file" --collection hazards
    fi
  done
  awk -v a="$rate_riskmap_geojson" -v b="$rate_ogr2ogr_geojson" -v c="$rate_riskmap_csv" -v d="$rate_ogr2ogr_csv" \
    'BEGIN{printf "round '"$round"': riskmap / ogr2ogr features/s: GeoJSON %.2f×, CSV %.2f×\n", a/b, c/d}'
  if [ "${REAL_TABLE:-}" = 1 ]; then
    awk -v a="$rate_riskmap_geojson" -v b="$rate_ogr2ogr_geojson__real_table" -v c="$rate_riskmap_csv" -v d="$rate_ogr2ogr_csv__real_table" \
      'BEGIN{printf "round '"$round"': riskmap / ogr2ogr into the real table: GeoJSON %.2f×, CSV %.2f×\n", a/b, c/d}'
  fi
done
psql -q -c "DROP TABLE IF EXISTS ogr_points; TRUNCATE hazard_point CASCADE"
