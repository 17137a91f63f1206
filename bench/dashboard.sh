#!/usr/bin/env bash
# Hidden-danger dashboard benchmark: /api/dashboard/hidden-dangers for the province with the most
# points and for its busiest county, over 1,000,000 generated points with 200,000 open
# rectifications (and 100,000 written off over the last 26 weeks), next to the server's own
# statements run directly in PostgreSQL (pgbench; printed from rectification/dashboard/DashboardSql
# by bench/DashboardFloorSql.java) — the floor.
#   bench/dashboard.sh [points=1000000] [seconds=20]
# Starts its own riskmap (port 18117) with its own private cluster under bench/var-dashboard/
# (port 55617), generates the points once (bench/generate.sql) and the rectifications once (SQL
# below, seeded), runs wrk (2 threads, 8 connections; then 1 connection) and pgbench (8 clients), prints a table and
# the load average, and stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:-1000000}; DUR=${2:-20}
HTTP_PORT=${HTTP_PORT:-18117}; PG_PORT=${PG_PORT:-55617}; DATA=${DATA:-$PWD/bench/var-dashboard}
OPEN=$((N / 5)); CLOSED=$((N / 10))
. bench/lib.sh
start_riskmap
ensure_points "$N"
have=$(psql -Atc "SELECT count(*) FILTER (WHERE state <> 'closed') || '/' || count(*) FILTER (WHERE state = 'closed') FROM rectification")
if [ "$have" != "$OPEN/$CLOSED" ]; then
  echo "generating $OPEN open and $CLOSED closed rectifications…" >&2
  # open ones on every 5th point, closed ones on the points after every 10th; states, deadlines
  # (30 days either side of now) and report times (last 26 weeks) drawn with a fixed seed, per row
  # (the lateral draws name i: uncorrelated, PostgreSQL would draw them once)
  psql -q -v ON_ERROR_STOP=1 -c "TRUNCATE rectification CASCADE;
    INSERT INTO person (id, name, phone, tier, admin_code) VALUES ('PSBENCH', '包保责任人', '13900000000', 'county', '510000')
      ON CONFLICT (id) DO NOTHING;
    SELECT setseed(0.11);
    INSERT INTO rectification (hazard_id, state, deadline, responsible_person_id, created_at, created_by)
    SELECT 'B' || lpad((i * 5)::text, 8, '0'), s.state,
           CASE WHEN s.state = 'reported' THEN NULL ELSE now() + (random() * 60 - 30) * interval '1 day' END,
           CASE WHEN s.state = 'reported' THEN NULL ELSE 'PSBENCH' END,
           now() - random() * interval '182 days', 'bench'
    FROM generate_series(1, $OPEN) i,
         LATERAL (SELECT (ARRAY['reported','ordered','rectifying','submitted','county_accepted','rejected','accepted'])[1 + floor(random() * 7 + i * 0)::int] AS state) s;
    INSERT INTO rectification (hazard_id, state, deadline, created_at, created_by, closed_at)
    SELECT 'B' || lpad((i * 10 - 9)::text, 8, '0'), 'closed', c.created + (now() - c.created) / 2, c.created, 'bench',
           c.created + random() * (now() - c.created)
    FROM generate_series(1, $CLOSED) i, LATERAL (SELECT now() - (random() + i * 0) * interval '182 days' AS created) c;
    INSERT INTO rectification_step (rectification_id, seq, action, to_state, actor, at)
    SELECT id, 1, 'report', 'reported', 'bench', created_at FROM rectification;
    INSERT INTO rectification_step (rectification_id, seq, action, from_state, to_state, actor, at)
    SELECT id, 2, 'close', 'accepted', 'closed', 'bench', closed_at FROM rectification WHERE state = 'closed';
" >/dev/null
  psql -q -c "VACUUM ANALYZE rectification" -c "VACUUM ANALYZE rectification_step"
fi
PROVINCE=$(psql -Atc "SELECT left(admin_code, 2) FROM hazard_point GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
COUNTY=$(psql -Atc "SELECT admin_code FROM hazard_point WHERE admin_code LIKE '$PROVINCE%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
ADMIN=$(./riskmap token create --role admin --name bench-dashboard 2>/tmp/riskmap-bench-token.log) || { cat /tmp/riskmap-bench-token.log >&2; exit 1; }
VIEWER=$(./riskmap token create --role viewer --region "$COUNTY" --name bench-county 2>/tmp/riskmap-bench-token.log) || { cat /tmp/riskmap-bench-token.log >&2; exit 1; }
echo "province $PROVINCE: $(psql -Atc "SELECT count(*) FROM rectification r JOIN hazard_point t ON t.id = r.hazard_id WHERE r.state <> 'closed' AND t.admin_code LIKE '$PROVINCE%'") open;" \
  "county $COUNTY: $(psql -Atc "SELECT count(*) FROM rectification r JOIN hazard_point t ON t.id = r.hazard_id WHERE r.state <> 'closed' AND t.admin_code LIKE '$COUNTY%'") open" >&2
java -cp target/classes bench/DashboardFloorSql.java "$PROVINCE" city > /tmp/riskmap-bench-dash-province.sql
java -cp target/classes bench/DashboardFloorSql.java "$COUNTY" township > /tmp/riskmap-bench-dash-county.sql
base="http://127.0.0.1:$HTTP_PORT"
wrk -t2 -c8 -d5s -H "Authorization: Bearer $ADMIN" "$base/api/dashboard/hidden-dangers?region=$PROVINCE" >/dev/null # JIT warm-up
printf "%-34s %10s %9s %9s %7s %10s\n" what req/s p50_ms p99_ms errors bytes/req
run() { # label token path [connections=8]
  local c=${4:-8} r; r=$(wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${DUR}s" --timeout 30s --latency -s bench/result.lua -H "Authorization: Bearer $2" "$base$3" | grep RESULT)
  eval "$(echo "$r" | sed 's/RESULT //')"
  printf "%-34s %10s %9s %9s %7s %10s   load %s\n" "$1" "$req_s" "$p50_ms" "$p99_ms" "$errors" "$bytes_per_req" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
pgfloor() { # label script
  local out; out=$(pgbench -n -c 8 -j 2 -T "$DUR" -f "$2" 2>&1)
  printf "%-34s %10.1f %9s %9s %7s %10s   load %s\n" "$1" "$(echo "$out" | awk '/^tps/{print $3}')" \
    "$(echo "$out" | awk '/latency average/{print $4}')avg" - - - "$(cut -d' ' -f1-3 /proc/loadavg)"
}
run "riskmap province $PROVINCE (by city)" "$ADMIN" "/api/dashboard/hidden-dangers?region=$PROVINCE"
run "  the same, 1 connection" "$ADMIN" "/api/dashboard/hidden-dangers?region=$PROVINCE" 1
pgfloor "SQL floor, province" /tmp/riskmap-bench-dash-province.sql
run "riskmap county $COUNTY (own scope)" "$VIEWER" "/api/dashboard/hidden-dangers"
run "  the same, 1 connection" "$VIEWER" "/api/dashboard/hidden-dangers" 1
pgfloor "SQL floor, county" /tmp/riskmap-bench-dash-county.sql
for f in province county; do
  echo "--- single-client latency of each statement, $f (EXPLAIN ANALYZE execution time, ms):" >&2
  grep -v -e '^BEGIN' -e '^COMMIT' /tmp/riskmap-bench-dash-$f.sql | while read -r q; do
    psql -Atc "EXPLAIN (ANALYZE, FORMAT JSON) $q" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)[0]["Execution Time"], 1))' >&2
  done
done
