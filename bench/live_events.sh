#!/usr/bin/env bash
# Live map updates across servers (issue 16): two riskmap servers on one database (A with its
# private cluster, B on A's database), STREAMS event streams on B, EDITS edits of one point
# through A; prints how long each edit took to reach every stream (bench/live_events.py).
#   bench/live_events.sh [edits=200] [streams=20]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
EDITS=${1:-200}; STREAMS=${2:-20}
HTTP_PORT=${LIVE_HTTP_PORT:-18091}; PG_PORT=${LIVE_PG_PORT:-55491}; DATA=${LIVE_DATA:-$PWD/bench/var/live}
source bench/lib.sh
start_riskmap
PORT_B=$((HTTP_PORT + 1))
RISKMAP_PORT=$PORT_B RISKMAP_DB_URL="postgresql://postgres:$PGPASSWORD@127.0.0.1:$PG_PORT/riskmap" RISKMAP_JOB_WORKERS=0 \
  ./riskmap run > "/tmp/riskmap-bench-$PORT_B.log" 2>&1 &
PID_B=$!
trap 'kill $PID_B $BENCH_PID 2>/dev/null; wait $PID_B $BENCH_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT_B/health/ready" >/dev/null && break; sleep 1; done
psql -qc "DELETE FROM hazard_point WHERE id = 'LIVEBENCH'" # the point of an earlier run
TOKEN=$(./riskmap token create --role editor --name live-bench | tail -1)
echo "load before: $(uptime)"
python3 bench/live_events.py "http://127.0.0.1:$HTTP_PORT" "http://127.0.0.1:$PORT_B" "$TOKEN" "$EDITS" "$STREAMS"
echo "load after:  $(uptime)"
