#!/usr/bin/env bash
# Delivery benchmark: a province-wide warning (region code 50, Chongqing) to 50,000 generated
# village duty people — time from the issue request to the last message handed to a local
# webhook receiver (bench/webhook_receiver.py) — then answer throughput: wrk POSTs each
# received one-time link once (POST /ack/{token}), next to a bare one-row INSERT per transaction
# in pgbench (the floor: an answer is one small write transaction, plus its lookups).
#   bench/warnings.sh [people=50000] [seconds=10]
# Starts its own riskmap (port 18090, 8 job threads) with its own private cluster under
# bench/var-warnings/ (port 55490) and the receiver (port 18091); stops what it started.
# BENCH_HTTP_PORT, BENCH_PG_PORT, BENCH_HOOK_PORT and BENCH_DATA override them (two runs side by side).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-50000}; DUR=${2:-10}
HTTP_PORT=${BENCH_HTTP_PORT:-18090}; PG_PORT=${BENCH_PG_PORT:-55490}; HOOK_PORT=${BENCH_HOOK_PORT:-18091}
DATA=${BENCH_DATA:-$PWD/bench/var-warnings}
TOKENS=/tmp/riskmap-bench-ack-tokens-$HTTP_PORT.txt
# deadlines an hour out: the retries and escalations they start would run into the figures
export RISKMAP_WEBHOOK_URL=http://127.0.0.1:$HOOK_PORT/hook RISKMAP_JOB_WORKERS=8 RISKMAP_PUBLIC_URL=http://127.0.0.1:$HTTP_PORT RISKMAP_ACK_DEADLINE_SECONDS=3600
. bench/lib.sh
start_riskmap
# the receiver starts after the server: start_riskmap sets its own EXIT trap, and a failed start left the receiver running
python3 bench/webhook_receiver.py $HOOK_PORT $TOKENS &
HOOK_PID=$!
trap 'kill $BENCH_PID $HOOK_PID 2>/dev/null; wait $BENCH_PID 2>/dev/null || true' EXIT
ADMIN=$(./riskmap token create --role admin --name bench 2>/dev/null)
echo "generating $N people in Chongqing's villages…" >&2
# a previous run's deadline jobs may be running on start: the TRUNCATE can deadlock with them, so it tries again
for try in 1 2 3 4 5; do psql -q -v ON_ERROR_STOP=1 -c "TRUNCATE person, hazard_point, warning, job CASCADE" && break; sleep 2; done
psql -q -v ON_ERROR_STOP=1 -c "
  INSERT INTO person (id, name, phone, tier, admin_code)
  SELECT 'BP' || lpad(i::text, 7, '0'), '责任人' || i, '139' || lpad(i::text, 8, '0'), 'village', v.code
  FROM generate_series(1, $N) i
  JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS n FROM region WHERE level = 5 AND code LIKE '50%') v
    ON v.k = i % v.n; ANALYZE person;"
body='{"level":4,"category":"flood","headline":"重庆市暴雨洪涝红色预警","description":"全市范围强降雨。","instruction":"请立即到岗，组织转移。",
 "effective":"2026-01-01T08:00:00+08:00","expires":"2099-01-01T08:00:00+08:00","sender_code":"50000000000000","area":{"description":"重庆市","region_codes":["50"]}}'
created=$(curl -s -H "Authorization: Bearer $ADMIN" -H "Content-Type: application/json" -d "$body" "http://127.0.0.1:$HTTP_PORT/api/warnings")
id=$(echo "$created" | sed -n "s/^{\"id\":\"\([^\"]*\)\".*/\1/p"); [ -n "$id" ] || { echo "create failed: $created" >&2; exit 1; }
# CPU seconds used so far by the server, its cluster (postmaster and backends) and the receiver: a
# figure per message that a loaded machine's waiting does not inflate
cpu() { ps -o times= -p "$(echo "$@" | tr ' ' ',')" 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
pg_pids() { local pm; pm=$(head -1 "$DATA/pg/data/postmaster.pid"); echo "$pm $(pgrep -d' ' -P "$pm")"; }
cpu_srv0=$(cpu $BENCH_PID); cpu_pg0=$(cpu $(pg_pids)); cpu_hook0=$(cpu $HOOK_PID)
t0=$(date +%s.%N)
code=$(curl -s -o /tmp/riskmap-bench-issue-$HTTP_PORT.json -w '%{http_code}' -H "Authorization: Bearer $ADMIN" -X POST "http://127.0.0.1:$HTTP_PORT/api/warnings/$id/issue")
[ "$code" = 200 ] || { echo "issue failed ($code): $(head -c 500 /tmp/riskmap-bench-issue-$HTTP_PORT.json)" >&2; exit 1; }
t_issue=$(date +%s.%N)
targets=$(psql -Atc "SELECT count(*) FROM warning_target WHERE warning_id = '$id'")
for _ in $(seq 1 9000); do  # at most half an hour
  read -r got distinct _span last < <(curl -s "http://127.0.0.1:$HOOK_PORT/count"; echo) || true
  [ "$got" -ge "$targets" ] && break
  sleep 0.2
done
cpu_srv=$(echo "$(cpu $BENCH_PID) - $cpu_srv0" | bc); cpu_pg=$(echo "$(cpu $(pg_pids)) - $cpu_pg0" | bc); cpu_hook=$(echo "$(cpu $HOOK_PID) - $cpu_hook0" | bc)
printf "issue of %s (%s targets): issue request %.2f s; last of %s messages (%s distinct keys) at the webhook %.2f s after the request (%.0f messages/s)\n" \
  "$id" "$targets" "$(echo "$t_issue - $t0" | bc)" "$got" "$distinct" "$(echo "$last - $t0" | bc)" "$(echo "$got / ($last - $t0)" | bc -l)"
printf "CPU per message: riskmap %.2f ms, PostgreSQL %.2f ms, receiver %.2f ms; load average %s\n" "$(echo "$cpu_srv * 1000 / $got" | bc -l)" \
  "$(echo "$cpu_pg * 1000 / $got" | bc -l)" "$(echo "$cpu_hook * 1000 / $got" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-28s %10s %9s %9s %9s\n" what req/s p50_ms p99_ms non-2xx
r=$(wrk -t2 -c16 -d"${DUR}s" --latency -s bench/ack.lua "http://127.0.0.1:$HTTP_PORT" -- $TOKENS 2 | grep RESULT)
eval "$(echo "$r" | sed 's/RESULT //')"
printf "%-28s %10s %9s %9s %9s\n" "riskmap POST /ack/{token}" "$req_s" "$p50_ms" "$p99_ms" "$errors"
echo "answered: $(psql -Atc "SELECT count(*) FROM warning_target WHERE warning_id = '$id' AND answered_via = 'link'") of $targets" >&2
psql -q -c "DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), note text)"
echo "INSERT INTO bench_floor (note) VALUES ('received');" > /tmp/riskmap-bench-floor-$HTTP_PORT.sql
out=$(pgbench -n -c 16 -j 2 -T "$DUR" -f /tmp/riskmap-bench-floor-$HTTP_PORT.sql 2>&1)
printf "%-28s %10.1f %9s %9s %9s\n" "pgbench bare INSERT (floor)" "$(echo "$out" | awk '/^tps/{print $3}')" "$(echo "$out" | awk '/latency average/{print $4}')avg" - -
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
