#!/usr/bin/env bash
# First useful paint of the map page: Chromium through DevTools (bench/PagePaint.java), a fresh browser
# per run, cache disabled; the time from the navigation's start to the first hazard symbols or clusters
# drawn (the page's performance mark riskmap-first-data), over RUNS page loads; p50, max and, for the
# last run, when each resource was asked for, got its first byte and was done.
#   bench/page_paint.sh [runs=5] [points=100000] [view=#map=zoom/lat/lon, default: the page's own]
# PROFILE=phone (default): a 390×844 touch screen on 1.6 Mbit/s down / 150 ms latency;
#   NETWORK=unthrottled keeps the phone screen without the network limits (what the machine costs).
# PROFILE=desktop: a 1920×1080 screen, no throttling.
# Starts its own riskmap (port 18614) with its own private cluster under bench/var/ (port 55614),
# generates the points once with bench/generate.sql, and stops what it started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
RUNS=${1:-5}; N=${2:-100000}; VIEW=${3:-}
PROFILE=${PROFILE:-phone}; NETWORK=${NETWORK:-$([ "$PROFILE" = phone ] && echo throttled || echo unthrottled)}
HTTP_PORT=18614; PG_PORT=55614; DATA=$PWD/bench/var
. bench/lib.sh
start_riskmap
ensure_points "$N"
CP=/tmp/riskmap-page-paint-cp.txt
[ -s "$CP" ] || mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$(cat "$CP")" bench/PagePaint.java "http://127.0.0.1:$HTTP_PORT/$VIEW" "$RUNS" "$PROFILE" "$NETWORK" 2> >(grep -v '^SLF4J\|WARNING' >&2)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
