# Shared by the benchmark scripts: bring up a riskmap of their own and the generated points.
# Source it after setting HTTP_PORT, PG_PORT and DATA; it stops what it starts on exit.

# Seconds of load that warm up the JVM before a timed run. C2 keeps compiling the request path for
# about a minute under load: radius requests measured 121-127 req/s in the first 20 s after the
# start and 140-142 in the next 30 s, while the compiler's CPU fell from 2.5 to 0.3 s per 10 s; after
# a 5 s warm-up near.sh gave 0.77-0.86 of its SQL floor, after 60 s 0.93-0.94 (2026-12-07). Small
# bbox pages take longer: 15 s windows of wrk after 25, 40, 55 and 70 s of them saw 1,473, 1,025,
# 124 and 99 compilations and 1,087, 1,282, 1,409 and 1,320 req/s; C2 was 31% of the JVM's CPU in
# the first window and 1% after 100 s (async-profiler, 2026-12-08). Hence two minutes.
JIT_WARMUP=${JIT_WARMUP:-120}

# Starts riskmap on 127.0.0.1:$HTTP_PORT with its private cluster in $DATA (port $PG_PORT), no
# seeds, and points psql at that cluster (PG* variables).
start_riskmap() {
  command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
  # no access log unless asked for (RISKMAP_ACCESS_LOG=true): the figures in the README were taken without one
  export RISKMAP_PORT=$HTTP_PORT RISKMAP_LOCAL_PG_PORT=$PG_PORT RISKMAP_DATA_DIR=$DATA RISKMAP_SEED=false RISKMAP_BIND_HOST=127.0.0.1
  export RISKMAP_ACCESS_LOG=${RISKMAP_ACCESS_LOG:-false}
  ./riskmap run > "/tmp/riskmap-bench-$HTTP_PORT.log" 2>&1 &
  BENCH_PID=$!
  trap 'kill $BENCH_PID 2>/dev/null; wait $BENCH_PID 2>/dev/null || true' EXIT
  # up to 15 minutes: a migration that rewrites a table of 10 million points (V41) takes a few
  for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null && break; kill -0 $BENCH_PID 2>/dev/null || break; sleep 1; done
  curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { echo "riskmap did not start; see /tmp/riskmap-bench-$HTTP_PORT.log" >&2; exit 1; }
  export PGPASSWORD=$(cat "$DATA/pg/superuser.password") PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=riskmap
}

# Makes hazard_point hold exactly $1 generated points (bench/generate.sql, seed 0.42), once.
ensure_points() {
  local n=$1 have t0
  have=$(psql -Atc "SELECT count(*) FROM hazard_point")
  if [ "$have" != "$n" ]; then
    echo "generating $n points (bench/generate.sql)…" >&2
    psql -q -c "TRUNCATE hazard_point CASCADE"
    t0=$(date +%s); psql -q -v ON_ERROR_STOP=1 -v n="$n" -v seed=0.42 -f bench/generate.sql >/dev/null
    echo "  generated in $(( $(date +%s) - t0 )) s" >&2
    # what a deployment's hourly jobs and autovacuum do next: the tile grid folded in cell order,
    # the visibility map set (index-only scans need it); and the rows in geohash order, as an
    # import into the empty table stores them (V47, riskmap.store.BulkIndexes)
    java -cp target/classes bench/TileGridCompactSql.java | psql -q
    psql -q -c "CLUSTER hazard_point" -c "VACUUM ANALYZE hazard_point, hazard_tile_delta"
  fi
  warm_points
}

# Reads the hazard tables and their indexes into shared buffers (pg_prewarm), so that a figure is
# that of a server that has been running, whatever the cluster's start just lost: right after a
# start the first pass over 10 million points read its pages from the kernel's cache or the disk
# and gave the radius 35 req/s instead of 85. 5.7 GB at 10 million points, within the 6 GB of
# shared buffers riskmap gives its cluster on this 24 GB machine.
warm_points() {
  local t0; t0=$(date +%s)
  psql -q -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" -c "SELECT sum(pg_prewarm(c.oid)) FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    WHERE c.relkind IN ('r', 'i') AND (c.relname LIKE 'hazard\_point%' OR c.relname LIKE 'hazard\_geohash\_count%' OR c.relname LIKE 'hazard\_tile\_delta%')" >/dev/null
  echo "  hazard tables in shared buffers in $(( $(date +%s) - t0 )) s" >&2
}

# CPU seconds process $1 has spent so far: its own, its live children's and (cutime/cstime) those
# of the children it has reaped. For the postmaster that is the cluster, backends that ended included.
cpu_seconds() {
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"
    for c in $(cat "/proc/$1/task/$1/children"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done # a child may end meanwhile
  } | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.2f", s / hz}'
}
