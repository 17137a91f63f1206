#!/usr/bin/env bash
# Evacuation-event benchmark: household state changes (POST /api/evacuation/events/{id}/households/{hid}/state)
# on one event of N households, as a township's transfer group reports them, next to the floor — the
# bare UPDATE of one event_household row in pgbench. A change also locks its event (changes of one
# event are serialised, so the counts each reports are exact), records the change, counts the states,
# reads the shelter's occupancy and sends a NOTIFY; the gap to the floor is that and HTTP.
#   bench/evacuation_event.sh [households=10000] [seconds=10]
# The village, its plan, N households (1–5 people each) and 20 shelters are inserted with SQL; the
# event is started through the API. Starts its own riskmap (port 18130) with its own private cluster
# under bench/var-evacuation/ (port 55630); wrk 1 thread, 4 connections (one thread: the script's
# counter walks the households in order); pgbench 4 clients; stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-10000}; DUR=${2:-10}
HTTP_PORT=18130; PG_PORT=55630; DATA=$PWD/bench/var-evacuation
. bench/lib.sh
start_riskmap
ADMIN=$(./riskmap token create --role admin --name bench-evacuation 2>/dev/null)
auth=(-H "Authorization: Bearer $ADMIN")
psql -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning;
  TRUNCATE evacuation_event, event_household, event_household_change, plan_household, evacuation_plan, household, job CASCADE;
  DELETE FROM shelter WHERE id LIKE 'SHB%';
  INSERT INTO shelter (id, name, capacity, admin_code, geom)
  SELECT 'SHB' || lpad(s::text, 5, '0'), '测试避难所' || s, 2000, '500101145', ST_SetSRID(ST_MakePoint(108.3 + s * 0.005, 30.8), 4326) FROM generate_series(1, 20) s;
  INSERT INTO evacuation_plan (id, admin_code, name) VALUES ('EPB00001', '500101145200', '压测预案');
  INSERT INTO household (id, admin_code, head_name, members, vulnerable, phone, geom)
  SELECT 'HB' || lpad(i::text, 6, '0'), '500101145200', '户主' || i, 1 + i % 5, 0, '139' || lpad(i::text, 8, '0'),
         ST_SetSRID(ST_MakePoint(108.3 + (i % 100) * 0.001, 30.8 + (i / 100) * 0.001), 4326) FROM generate_series(1, $N) i;
  INSERT INTO plan_household (plan_id, household_id, shelter_id)
  SELECT 'EPB00001', 'HB' || lpad(i::text, 6, '0'), 'SHB' || lpad((1 + i % 20)::text, 5, '0') FROM generate_series(1, $N) i;
  ANALYZE household; ANALYZE plan_household;"
started=$(curl -s "${auth[@]}" -X POST "http://127.0.0.1:$HTTP_PORT/api/evacuation/plans/EPB00001/events")
event=$(echo "$started" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p'); [ -n "$event" ] || { echo "start failed: $(echo "$started" | head -c 300)" >&2; exit 1; }
echo "event $event: $(psql -Atc "SELECT count(*) FROM event_household WHERE event_id = '$event'") households" >&2
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf "%-44s %9s %9s %9s %7s\n" "what ($N households)" req/s p50_ms p99_ms errors
r=$(wrk -t1 -c4 -d"${DUR}s" --timeout 30s --latency "${auth[@]}" -s bench/evacuation_event.lua "http://127.0.0.1:$HTTP_PORT" -- "$event" "$N" HB | grep RESULT)
eval "$(echo "$r" | sed 's/RESULT //')"
printf "%-44s %9s %9s %9s %7s\n" "riskmap POST …/households/{hid}/state" "$req_s" "$p50_ms" "$p99_ms" "$errors"
changed=$(psql -Atc "SELECT count(*) FROM event_household_change WHERE event_id = '$event'")
# the floor: one UPDATE of one household's row (random household), no lock, no history, no counts, no NOTIFY
cat > /tmp/riskmap-bench-evacuation.sql <<SQL
\set k random(1, $N)
UPDATE event_household SET state = 'moving', updated_at = now(), updated_by = 'bench' WHERE event_id = '$event' AND household_id = 'HB' || lpad(:k::text, 6, '0');
SQL
rm -f /tmp/riskmap-bench-evacuation-log.*
(cd /tmp && pgbench -n -c 4 -j 2 -T "$DUR" -l --log-prefix=riskmap-bench-evacuation-log -f /tmp/riskmap-bench-evacuation.sql >/tmp/riskmap-bench-evacuation-pgbench.txt 2>&1)
tps=$(awk '/^tps/{print $3}' /tmp/riskmap-bench-evacuation-pgbench.txt)
# per-transaction log: the third column is the latency in µs
read -r p50 p99 < <(cat /tmp/riskmap-bench-evacuation-log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')
printf "%-44s %9.1f %9s %9s %7s\n" "  SQL floor: bare UPDATE (pgbench)" "$tps" "$p50" "$p99" -
echo "state changes recorded by riskmap: $changed" >&2
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
