#!/usr/bin/env bash
# First useful paint of the map page on a phone: Chromium emulating a 390×844 touch screen on
# 1.6 Mbit/s down / 150 ms latency, cache disabled (bench/PhonePaint.java, through DevTools), the
# time from the navigation's start to the first hazard symbols or clusters drawn (the page's
# performance mark riskmap-first-data), over RUNS page loads; p50, max and the bytes per resource.
#   bench/phone_paint.sh [runs=5] [points=100000] [view=#map=zoom/lat/lon, default: the page's own]
# PHONE_PAINT_NETWORK=unthrottled keeps the phone screen without the network limits (what the machine costs).
# Starts its own riskmap (port 18614) with its own private cluster under bench/var/ (port 55614),
# generates the points once with bench/generate.sql, and stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
RUNS=${1:-5}; N=${2:-100000}; VIEW=${3:-}
HTTP_PORT=18614; PG_PORT=55614; DATA=$PWD/bench/var
. bench/lib.sh
start_riskmap
ensure_points "$N"
CP=/tmp/riskmap-phone-paint-cp.txt
[ -s "$CP" ] || mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$(cat "$CP")" bench/PhonePaint.java "http://127.0.0.1:$HTTP_PORT/$VIEW" "$RUNS" "${PHONE_PAINT_NETWORK:-throttled}" 2> >(grep -v '^SLF4J\|WARNING' >&2)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
