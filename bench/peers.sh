#!/usr/bin/env bash
# Side-by-side run with the peer servers (../shared/bench/peers: MapServer 8 and QGIS Server 3.22
# serving 1,000,000 points through OGC API – Features, and the raw-SQL floor): riskmap serves
# the very same points from its own schema, and the peers' run.sh times all of them in one run.
#   bench/peers.sh [seconds-per-test=15]
# Needs (Debian): postgresql-15-postgis-3 cgi-mapserver qgis-server python3-qgis nginx spawn-fcgi wrk
# Uses the system cluster (15/main, port 5432) like the peers do; riskmap gets its own database
# riskmap_peer there (collation C; drop it to have it made again) and listens on 127.0.0.1:18080.
# Stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
DUR=${1:-15}; PEERS=$(readlink -f ../shared/bench/peers); PORT=18080
. bench/lib.sh # for JIT_WARMUP; riskmap runs here on the system cluster, not through start_riskmap
pg() { su postgres -c "psql -q -X -v ON_ERROR_STOP=1 $*"; }
pg_lsclusters -h | awk '$4=="online"' | grep -q . || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
# The peers' data first (their run.sh creates it when missing; a 1-second run does just that).
su postgres -c "psql -Atc 'select 1 from hazard_point limit 1' peerbench" >/dev/null 2>&1 || "$PEERS/run.sh" 1 >/dev/null
pg "-c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='riskmap') THEN CREATE ROLE riskmap LOGIN PASSWORD 'riskmap'; END IF; END \\\$\\\$\""
if ! su postgres -c "psql -Atc 'select 1 from hazard_point limit 1' riskmap_peer" >/dev/null 2>&1; then
  # the byte-order collation, as riskmap's private cluster has it (README, Configuration)
  su postgres -c "createdb -O riskmap -T template0 -E UTF8 --lc-collate=C riskmap_peer" 2>/dev/null || true
  pg "-d riskmap_peer -c 'CREATE EXTENSION IF NOT EXISTS postgis'"
fi
export RISKMAP_DB_URL="postgresql://riskmap:riskmap@127.0.0.1:5432/riskmap_peer" RISKMAP_PORT=$PORT RISKMAP_SEED=false RISKMAP_BIND_HOST=127.0.0.1
export RISKMAP_ACCESS_LOG=${RISKMAP_ACCESS_LOG:-false}
./riskmap run > /tmp/riskmap-peers.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "riskmap did not start; see /tmp/riskmap-peers.log" >&2; exit 1; }
have=$(PGPASSWORD=riskmap psql -h 127.0.0.1 -U riskmap -Atc "select count(*) from hazard_point" riskmap_peer)
if [ "$have" != 1000000 ]; then
  echo "copying the peers' 1,000,000 points into riskmap's schema…" >&2
  PGPASSWORD=riskmap psql -q -h 127.0.0.1 -U riskmap riskmap_peer -c "TRUNCATE hazard_point CASCADE" \
    -c "INSERT INTO category (id, name_zh, name_en, color) VALUES ('debris_flow', '泥石流', 'Debris flow', '#7f3b08'), ('collapse', '崩塌', 'Collapse', '#542788') ON CONFLICT DO NOTHING"
  su postgres -c "psql -X -d peerbench -c \"\\copy (SELECT id::text, category, risk_level, name, county, county, threatened_people, updated_at, geom FROM hazard_point) TO STDOUT\"" \
    | PGPASSWORD=riskmap psql -X -h 127.0.0.1 -U riskmap riskmap_peer \
        -c "\\copy hazard_point (id, category, risk_level, name, admin_code, county, threatened_people, updated_at, geom) FROM STDIN"
  # in geohash order, as riskmap's own import into the empty table stores them (V47)
  PGPASSWORD=riskmap psql -q -h 127.0.0.1 -U riskmap riskmap_peer -c "CLUSTER hazard_point" -c "VACUUM ANALYZE hazard_point"
fi
# The JVM compiles its hot paths for about a minute under load (JIT_WARMUP in bench/lib.sh); warm riskmap up on the same boxes first so
# the timed run measures the server, not the JIT (the peers are native code and need no warm-up).
for k in small large; do
  su postgres -c "psql -Atc \"select minx||','||miny||','||maxx||','||maxy from bench_bbox where kind='$k' order by id\" peerbench" > "/tmp/riskmap-warm-$k.txt"
  wrk -t2 -c8 -d"$((JIT_WARMUP / 2))s" -s "$PEERS/bbox.lua" "http://127.0.0.1:$PORT" -- "/tmp/riskmap-warm-$k.txt" "/ogc/collections/hazards/items?limit=1000" >/dev/null
done
RISKMAP_ITEMS="http://127.0.0.1:$PORT/ogc/collections/hazards/items" "$PEERS/run.sh" "$DUR"
