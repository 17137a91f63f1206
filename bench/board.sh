#!/usr/bin/env bash
# Board benchmark: GET /api/warnings/{id}/board for a province-wide warning with 50,000 targets,
# as the duty desk reads it (a token that sees every phone): the default (the first 10,000 rows,
# what the map page reads) and ?limit=50, next to the floor — the same statements timed in
# pgbench (one repeatable-read snapshot: counts per tier and state, the overdue count, the first
# rows in the board's order), printed from warning/WarningSql by bench/BoardSql.java.
#   bench/board.sh [targets=50000] [seconds=15]
# The warning is issued through the API over region 50 (Chongqing) while no person exists, so the
# issue calls nobody and queues no job; the people (village, township and county duty people of
# Chongqing's regions, as bench/warnings.sh makes them) and their targets are then inserted with
# SQL, in a fixed mix of states and deadlines (15% overdue). Starts its own riskmap (port
# 18115) with its own private cluster under bench/var-board/ (port 55615); wrk 2 threads,
# 8 connections (a 60 s timeout, so slow answers are timed rather than dropped); pgbench 8 clients;
# stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-50000}; DUR=${2:-15}
HTTP_PORT=18115; PG_PORT=55615; DATA=$PWD/bench/var-board
. bench/lib.sh
start_riskmap
ADMIN=$(./riskmap token create --role admin --name bench-board 2>/dev/null)
auth=(-H "Authorization: Bearer $ADMIN")
psql -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; TRUNCATE person, hazard_point, warning, job CASCADE"
body='{"level":4,"category":"flood","headline":"重庆市暴雨洪涝红色预警","description":"全市范围强降雨。","instruction":"请立即到岗，组织转移。",
 "effective":"2026-01-01T08:00:00+08:00","expires":"2099-01-01T08:00:00+08:00","sender_code":"50000000000000","area":{"description":"重庆市","region_codes":["50"]}}'
created=$(curl -s "${auth[@]}" -H "Content-Type: application/json" -d "$body" "http://127.0.0.1:$HTTP_PORT/api/warnings")
id=$(echo "$created" | sed -n "s/^{\"id\":\"\([^\"]*\)\".*/\1/p"); [ -n "$id" ] || { echo "create failed: $created" >&2; exit 1; }
code=$(curl -s -o /tmp/riskmap-bench-board-issue.json -w '%{http_code}' "${auth[@]}" -X POST "http://127.0.0.1:$HTTP_PORT/api/warnings/$id/issue")
[ "$code" = 200 ] || { echo "issue failed ($code): $(head -c 500 /tmp/riskmap-bench-board-issue.json)" >&2; exit 1; }
echo "inserting $N people and targets of $id…" >&2
t0=$(date +%s.%N)
# person i: 2% county, 8% township, the rest village, each in a region of that level of Chongqing;
# target state by i % 20: 0–7 notified (deadline ahead), 8–9 notified past the deadline (overdue),
# 10–13 acknowledged, 14–15 on_duty, 16 no_answer (overdue), 17 escalated, 18 failed, 19 pending
psql -q -v ON_ERROR_STOP=1 -c "
  INSERT INTO person (id, name, phone, tier, admin_code)
  WITH r AS (SELECT code, level, row_number() OVER (PARTITION BY level ORDER BY code) - 1 AS k FROM region WHERE level IN (3, 4, 5) AND code LIKE '50%'),
       n AS (SELECT level, count(*) AS n FROM r GROUP BY level),
       p AS (SELECT i, CASE WHEN i % 50 = 0 THEN 3 WHEN i % 50 < 5 THEN 4 ELSE 5 END AS level FROM generate_series(1, $N) i)
  SELECT 'BP' || lpad(p.i::text, 7, '0'), '责任人' || p.i, '139' || lpad(p.i::text, 8, '0'),
         CASE p.level WHEN 3 THEN 'county' WHEN 4 THEN 'township' ELSE 'village' END, r.code
  FROM p JOIN n USING (level) JOIN r ON r.level = p.level AND r.k = p.i % n.n;
  INSERT INTO warning_target (warning_id, person_id, tier, reasons, state, deadline, answered_at, answer, answered_via)
  SELECT '$id', p.id, p.tier, ARRAY['duty'], s.state, s.deadline, s.answered_at, s.answer, s.via
  FROM person p, LATERAL (SELECT substr(p.id, 3)::int % 20 AS k) k, LATERAL (SELECT
      CASE WHEN k < 10 THEN 'notified' WHEN k < 14 THEN 'acknowledged' WHEN k < 16 THEN 'on_duty' WHEN k = 16 THEN 'no_answer'
           WHEN k = 17 THEN 'escalated' WHEN k = 18 THEN 'failed' ELSE 'pending' END AS state,
      CASE WHEN k = 19 THEN NULL WHEN k IN (8, 9, 16) THEN now() - (substr(p.id, 3)::int % 240) * interval '1 s'
           ELSE now() + interval '5 min' + (substr(p.id, 3)::int % 240) * interval '1 s' END AS deadline,
      CASE WHEN k BETWEEN 10 AND 15 THEN now() END AS answered_at,
      CASE WHEN k BETWEEN 10 AND 13 THEN 'received' WHEN k IN (14, 15) THEN 'on_duty' END AS answer,
      CASE WHEN k BETWEEN 10 AND 15 THEN 'link' END AS via) s;
  ANALYZE person; ANALYZE warning_target;"
echo "  inserted in $(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)") s" >&2
targets=$(psql -Atc "SELECT count(*) FROM warning_target WHERE warning_id = '$id'")
curl -s "${auth[@]}" "http://127.0.0.1:$HTTP_PORT/api/warnings/$id/board?limit=1" | head -c 600 >&2; echo >&2
for limit in 10000 50; do
  echo "/api/warnings/$id/board?limit=$limit" > "/tmp/riskmap-bench-board-$limit.txt"
  bytes=$(curl -s -o /dev/null -w '%{size_download}' "${auth[@]}" "http://127.0.0.1:$HTTP_PORT/api/warnings/$id/board?limit=$limit")
  echo "board?limit=$limit: $bytes bytes" >&2
done
wrk -t2 -c8 -d5s "${auth[@]}" -s bench/tiles.lua "http://127.0.0.1:$HTTP_PORT" -- /tmp/riskmap-bench-board-50.txt >/dev/null # JIT warm-up
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf "%-36s %9s %9s %9s %7s\n" "what ($targets targets)" req/s p50_ms p99_ms errors
for limit in 10000 50; do
  r=$(wrk -t2 -c8 -d"${DUR}s" --timeout 60s --latency "${auth[@]}" -s bench/tiles.lua "http://127.0.0.1:$HTTP_PORT" -- "/tmp/riskmap-bench-board-$limit.txt" | grep RESULT)
  eval "$(echo "$r" | sed 's/RESULT //')"
  printf "%-36s %9s %9s %9s %7s\n" "riskmap board?limit=$limit" "$req_s" "$p50_ms" "$p99_ms" "$errors"
  java -cp target/classes bench/BoardSql.java "$id" "$limit" "$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)" > "/tmp/riskmap-bench-board-$limit.sql"
  out=$(pgbench -n -c 8 -j 2 -T "$DUR" -f "/tmp/riskmap-bench-board-$limit.sql" 2>&1)
  printf "%-36s %9.1f %9s %9s %7s\n" "  SQL: the board's statements" "$(echo "$out" | awk '/^tps/{print $3}')" "$(echo "$out" | awk '/latency average/{print $4}')avg" - -
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# where the SQL's time goes: the plans of the counts and of the rows
grep -v -e '^BEGIN' -e '^ROLLBACK' /tmp/riskmap-bench-board-10000.sql | while read -r stmt; do
  psql -Atc "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${stmt%;}" | grep -E 'Scan|Sort Method|Execution' | tr -s ' ' | paste -sd';' >&2
done
