#!/usr/bin/env bash
# Inspection photos benchmark: GET /api/inspections/photos/{id} of a 1 MB photo (bytea, with its
# token and scope check), GET /api/hazards/{id}/timeline of a point with 20 inspections, and
# POST /api/hazards/{id}/inspections with one 1 MB photo, next to the floor — the photo's bytes
# read straight from PostgreSQL (pgbench, the server's statement).
#   bench/inspection.sh [seconds=10]
# Starts its own riskmap (port 18116) with a new private cluster under bench/var-inspection/
# (port 55616); wrk 2 threads, 8 connections (1 for the upload); prints a table; stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
DUR=${1:-10}
HTTP_PORT=18116; PG_PORT=55616; DATA=$PWD/bench/var-inspection
rm -rf "$DATA"
. bench/lib.sh
start_riskmap
B=http://127.0.0.1:$HTTP_PORT
psql -q -c "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES ('HPBENCH', 'landslide', '压测点', 3, '500101', ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326))"
TOKEN=$(./riskmap token create --actions inspect --region 500101 --name 压测巡查员 2>/dev/null | tail -1)
W=/tmp/riskmap-bench-inspection; mkdir -p $W
# a 1 MB "photo": JPEG magic, then bytes
{ printf '\xff\xd8\xff'; head -c 1048573 /dev/urandom; } > $W/photo.jpg
for i in $(seq 20); do
  curl -sf -H "Authorization: Bearer $TOKEN" -F kind=routine -F result=normal -F lon=108.4 -F lat=30.8 -F photo=@$W/photo.jpg $B/api/hazards/HPBENCH/inspections >/dev/null
done
PHOTO=$(psql -Atc "SELECT min(id) FROM inspection_photo")
echo "/api/inspections/photos/$PHOTO" > $W/photo.txt
echo "/api/hazards/HPBENCH/timeline" > $W/timeline.txt
BOUNDARY=benchBoundary42
{ for f in kind=routine result=normal lon=108.4 lat=30.8; do printf -- '--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' $BOUNDARY "${f%%=*}" "${f#*=}"; done
  printf -- '--%s\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n' $BOUNDARY; cat $W/photo.jpg
  printf -- '\r\n--%s--\r\n' $BOUNDARY; } > $W/form.bin
wrk -t2 -c8 -d3s -H "Authorization: Bearer $TOKEN" -s bench/tiles.lua $B -- $W/photo.txt >/dev/null # JIT warm-up
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf "%-36s %10s %9s %9s %7s\n" what req/s p50_ms p99_ms errors
row() { eval "$(echo "$2" | grep RESULT | sed 's/RESULT //')"; printf "%-36s %10s %9s %9s %7s\n" "$1" "$req_s" "$p50_ms" "$p99_ms" "$errors"; }
row "GET photo (1 MB)" "$(wrk -t2 -c8 -d"${DUR}s" --latency -H "Authorization: Bearer $TOKEN" -s bench/tiles.lua $B -- $W/photo.txt)"
row "GET timeline (20 inspections)" "$(wrk -t2 -c8 -d"${DUR}s" --latency -H "Authorization: Bearer $TOKEN" -s bench/tiles.lua $B -- $W/timeline.txt)"
row "POST inspection + 1 MB photo" "$(wrk -t1 -c1 -d"${DUR}s" --latency -H "Authorization: Bearer $TOKEN" -s bench/post_file.lua $B -- /api/hazards/HPBENCH/inspections $W/form.bin "multipart/form-data; boundary=$BOUNDARY")"
echo "SELECT data FROM inspection_photo WHERE id = '$PHOTO';" > $W/floor.sql
out=$(pgbench -n -c 8 -j 2 -T "$DUR" -f $W/floor.sql 2>&1)
printf "%-36s %10.1f %9s %9s %7s\n" "SQL floor: photo bytes (pgbench)" "$(echo "$out" | awk '/^tps/{print $3}')" "$(echo "$out" | awk '/latency average/{print $4}')avg" - -
echo "inspections stored: $(psql -Atc 'SELECT count(*) FROM inspection'), photos: $(psql -Atc 'SELECT count(*), pg_size_pretty(sum(size_bytes)) FROM inspection_photo')" >&2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
