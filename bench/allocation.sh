#!/usr/bin/env bash
# Shelter allocation benchmark: POST /api/evacuation/allocate with HOUSEHOLDS households and SHELTERS
# shelters in the body (bench/AllocationBench.java generates them: villages around towns, 1–6 persons a
# household), once with room for 1.1× the persons and once for 0.9× (a shortfall). For each: the
# endpoint's wall time (curl: upload, JSON, the exact method, the answer), its answer checked (no shelter
# over capacity, every person placed or listed, objective recomputed from its pairs), then the greedy
# nearest-shelter-with-room baseline timed in one JVM (no HTTP), with both person-km.
#   bench/allocation.sh [households=100000] [shelters=2000]
# Starts its own riskmap (port 18117) with its own private cluster under bench/var-allocation/ (port
# 55617); every step is bounded by a timeout; stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-100000}; M=${2:-2000}
HTTP_PORT=18117; PG_PORT=55617; DATA=$PWD/bench/var-allocation
. bench/lib.sh
start_riskmap
CP="target/classes:target/lib/*"
work=$(mktemp -d /tmp/riskmap-bench-allocation.XXXXXX)
echo "uptime before: $(uptime)"
for ratio in 1.1 0.9; do
  body=$work/body-$ratio.json answer=$work/answer-$ratio.json
  timeout 120 java -cp "$CP" bench/AllocationBench.java generate "$N" "$M" "$ratio" 42 > "$body"
  echo "== $N households, $M shelters, room ${ratio}× ($(( $(stat -c %s "$body") / 1024 )) KB body)"
  code=$(curl -s --max-time 900 -o "$answer" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
      --data-binary @"$body" "http://127.0.0.1:$HTTP_PORT/api/evacuation/allocate")
  echo "endpoint: HTTP ${code% *}, ${code#* } s wall ($(( $(stat -c %s "$answer") / 1024 )) KB answer); uptime: $(uptime)"
  [ "${code% *}" = 200 ] || { head -c 500 "$answer"; echo; exit 1; }
  timeout 1800 java -Xmx1g -cp "$CP" bench/AllocationBench.java compare "$body" "$answer"
  echo "uptime after: $(uptime)"
done
rm -rf "$work"
