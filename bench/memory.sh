#!/usr/bin/env bash
# Resident memory (VmRSS of the riskmap JVM, sampled every 0.5 s) while it streams large request
# bodies, with GET /health/live and /health/ready polled every 0.5 s throughout:
#   (a) one CSV import of about 1 GB (2,200,000 rows, dry run);
#   (b) at once: 4 CSV imports of about 300 MB each (dry run; max_concurrent_imports=4 so all four
#       stream together) and 4 bodies of 300 MB to /api/hazards/within — two with Content-Length,
#       two chunked — which must get 413 body_too_large.
#   bench/memory.sh [rows=2200000] [rows_per_part=650000]
# Own riskmap on 127.0.0.1:18112 with its private cluster under bench/var/memory/ (port 55612);
# the CSVs are generated once by bench/hazards_csv.sh under bench/var/memory/files/. Prints
# start / peak / end RSS per phase, the bound (peak − start) and the health answers that failed
# or took over 1 s; stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
ROWS=${1:-2200000}; PART=${2:-650000}
HTTP_PORT=18112; PG_PORT=55612; DATA=$PWD/bench/var/memory; FILES=$DATA/files; OUT=$DATA/run
BASE=http://127.0.0.1:$HTTP_PORT
. bench/lib.sh
mkdir -p "$FILES" "$OUT"
big=$FILES/hazards-$ROWS.csv; part=$FILES/hazards-$PART.csv
[ -s "$big" ] || { echo "generating $big…" >&2; bench/hazards_csv.sh "$ROWS" > "$big"; }
[ -s "$part" ] || head -n $((PART + 1)) "$big" > "$part"
export RISKMAP_MAX_CONCURRENT_IMPORTS=4
start_riskmap
JPID=$BENCH_PID # ./riskmap run execs java, so this is the JVM
TOKEN=$(./riskmap token create --role editor --name 内存基准 2>/dev/null | tail -1)

now() { date +%s.%N; }
( while kill -0 "$JPID" 2>/dev/null; do echo "$(now) $(awk '/^VmRSS/ {print $2}' /proc/$JPID/status)"; sleep 0.5; done ) > "$OUT/rss.log" &
SAMPLER=$!
poll() { while :; do curl -s -o /dev/null -m 10 -w "$(now) $1 %{http_code} %{time_total}\n" "$BASE/health/$1" || true; sleep 0.5; done; }
poll live > "$OUT/live.log" & LIVE=$!
poll ready > "$OUT/ready.log" & READY=$!
trap 'kill $SAMPLER $LIVE $READY 2>/dev/null; kill $BENCH_PID 2>/dev/null; wait $BENCH_PID 2>/dev/null || true' EXIT

import() { # $1 = file, $2 = answer file; prints the status
  curl -s -X POST "$BASE/api/import?collection=hazards&format=csv&dry_run=true" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: text/csv' -T "$1" -o "$2" -w '%{http_code}'
}
within() { # $1 = chunked|sized, $2 = answer file; prints the status
  local h=(-H 'Content-Type: application/json'); [ "$1" = chunked ] && h+=(-H 'Transfer-Encoding: chunked')
  curl -s -X POST "$BASE/api/hazards/within" "${h[@]}" -T "$part" -o "$2" -w '%{http_code}' || true
}
sleep 5
t_a=$(now)
echo "(a) $(du -m "$big" | cut -f1) MB CSV, $ROWS rows: $(import "$big" "$OUT/a.json") $(grep -o '"read":[0-9]*' "$OUT/a.json")" >&2
t_a_done=$(now); sleep 5; t_b=$(now)
pids=()
for i in 1 2 3 4; do (echo "(b) import $i: $(import "$part" "$OUT/b$i.json") $(grep -o '"read":[0-9]*' "$OUT/b$i.json")" >&2) & pids+=($!); done
for k in sized1 sized2 chunked1 chunked2; do (echo "(b) within, $k: $(within "${k%?}" "$OUT/$k.json") $(grep -o '"error":"[a-z_]*"' "$OUT/$k.json")" >&2) & pids+=($!); done
wait "${pids[@]}"
t_b_done=$(now); sleep 5; t_end=$(now)

# phase from to: start = last sample before, peak = highest within, end = last sample 5 s after
phase() {
  awk -v a="$2" -v b="$3" -v c="$4" -v name="$1" '
    $1 < a { start = $2 } $1 >= a && $1 <= c && $2 > peak { peak = $2 } $1 <= c { end = $2 }
    END { printf "%-40s start %6.0f MB  peak %6.0f MB  end %6.0f MB  peak-start %6.0f MB\n", name, start/1024, peak/1024, end/1024, (peak-start)/1024 }' "$OUT/rss.log"
}
health() {
  cat "$OUT/live.log" "$OUT/ready.log" | awk -v a="$2" -v b="$3" '$1 >= a && $1 <= b { n++; if ($3 != 200) bad++; else if ($4 > 1) slow++; if ($4 > max) max = $4 }
    END { printf "%-40s %d answers, %d failed, %d over 1 s, slowest %.2f s\n", "  health/live+ready", n, bad, slow, max }'
}
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
phase "(a) $(du -m "$big" | cut -f1) MB CSV import, dry run" "$t_a" "$t_a_done" "$(echo "$t_a_done + 5" | bc)"; health a "$t_a" "$t_a_done"
phase "(b) 4 × $(du -m "$part" | cut -f1) MB imports + 4 × within" "$t_b" "$t_b_done" "$t_end"; health b "$t_b" "$t_b_done"
awk 'NR == 1 { start = $2 } $2 > peak { peak = $2 } END { printf "whole run: first sample %.0f MB, peak %.0f MB: peak - start = %.0f MB\n", start/1024, peak/1024, (peak-start)/1024 }' "$OUT/rss.log"
