#!/usr/bin/env bash
# Scale-out on one machine, loopback only: a primary PostgreSQL, a streaming replica made with
# pg_basebackup -R, N riskmap servers reading from the replica (db_read_url), nginx in front.
#   bench/cluster-demo.sh [servers=2] [seconds=10] [points=200000]   (also: ./riskmap cluster-demo …)
# Then, through nginx: a read benchmark (/api/hazards/near, 2 km, wrk 2 threads × 16 connections)
# with 1, 2, … N servers, and a failure drill — one 3×seconds run during which a server is
# killed (SIGKILL) at 1/4 and the replica stopped (fast shutdown) at 1/2 — counting every answer
# that was not 2xx. Every port is a free one; everything started is stopped by its PID at the end.
# The primary's files (and the generated points) stay in bench/var-cluster/ for the next run; the
# replica is made afresh each time.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
SERVERS=${1:-2}; DUR=${2:-10}; N=${3:-200000}
[ "$SERVERS" -ge 2 ] || { echo "the drill stops one server: give 2 or more" >&2; exit 1; }
DIR=$PWD/bench/var-cluster
RUN=$(mktemp -d /tmp/riskmap-cluster.XXXXXX)
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
command -v nginx >/dev/null || { echo "needs nginx: apt-get install nginx-light" >&2; exit 1; }
BIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -1)/bin
AS_PG=(); [ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)  # PostgreSQL refuses to run as root

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
say() { echo "cluster-demo: $*" >&2; }

PIDS=()  # riskmap servers, nginx: stopped by PID on exit
SERVER_PIDS=()
PG_DIRS=()  # PostgreSQL data directories: their postmaster's PID is in postmaster.pid
stop_pg() { # fast shutdown by the postmaster's PID, then wait for it
  local pid; pid=$(head -1 "$1/postmaster.pid" 2>/dev/null) || return 0
  kill -INT "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
}
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for d in "${PG_DIRS[@]}"; do stop_pg "$d"; done
  mkdir -p "$DIR/logs"; cp "$RUN"/*.log "$RUN"/nginx/error.log "$DIR/logs/" 2>/dev/null || true  # for a look afterwards
  rm -rf "$RUN"
}
trap cleanup EXIT

pg_start() { # data dir, port, extra settings
  "${AS_PG[@]}" "$BIN/pg_ctl" -D "$1" -l "$1/../$(basename "$1").log" -w -t 120 start \
    -o "-p $2 -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 $3" >/dev/null
  PG_DIRS+=("$1")
}

# --- primary (kept across runs) -------------------------------------------------------------
mkdir -p "$DIR"; [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
if [ ! -f "$DIR/primary/PG_VERSION" ]; then
  say "creating the primary cluster in $DIR/primary"
  head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$DIR/password"
  [ "$(id -u)" -eq 0 ] && chown postgres "$DIR/password"
  "${AS_PG[@]}" "$BIN/initdb" -D "$DIR/primary" -U postgres --pwfile="$DIR/password" -A scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
PW=$(cat "$DIR/password")
PRIMARY_PORT=$(free_port)
pg_start "$DIR/primary" "$PRIMARY_PORT" ""
export PGPASSWORD=$PW PGHOST=127.0.0.1 PGPORT=$PRIMARY_PORT PGUSER=postgres PGDATABASE=riskmap
psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'riskmap'" | grep -q 1 || psql -q -d postgres -c "CREATE DATABASE riskmap"

# --- streaming replica: pg_basebackup -R writes standby.signal and primary_conninfo ---------
REPLICA_PORT=$(free_port)
mkdir -p "$RUN/replica"; chmod 700 "$RUN/replica"; [ "$(id -u)" -eq 0 ] && chown -R postgres "$RUN"
say "pg_basebackup of the primary (127.0.0.1:$PRIMARY_PORT) → replica on 127.0.0.1:$REPLICA_PORT"
t0=$(date +%s)
"${AS_PG[@]}" env PGPASSWORD="$PW" "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$RUN/replica" -R -X stream -c fast
# hot_standby_feedback: the primary's vacuum waits for the replica's long reads (exports) instead of cancelling them
pg_start "$RUN/replica" "$REPLICA_PORT" "-c hot_standby_feedback=on"
say "  replica streaming after $(( $(date +%s) - t0 )) s"

# --- riskmap servers ---------------------------------------------------------------------------
./riskmap help >/dev/null 2>&1 || { say "build failed: run ./riskmap help"; exit 1; }
PORTS=()
start_server() { # index
  local port; port=$(free_port)
  RISKMAP_PORT=$port RISKMAP_BIND_HOST=127.0.0.1 RISKMAP_SEED=false RISKMAP_ACCESS_LOG=false RISKMAP_DATA_DIR="$RUN/var$1" \
  RISKMAP_DB_URL="postgresql://postgres:$PW@127.0.0.1:$PRIMARY_PORT/riskmap" \
  RISKMAP_DB_READ_URL="postgresql://postgres:$PW@127.0.0.1:$REPLICA_PORT/riskmap" RISKMAP_DB_READ_MAX_LAG=5 \
    java -Xmx384m -Dfile.encoding=UTF-8 -jar target/riskmap.jar run > "$RUN/server$1.log" 2>&1 &
  PIDS+=($!); SERVER_PIDS+=($!); PORTS+=("$port")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 0.5; done
  say "server $1 did not start:"; tail -5 "$RUN/server$1.log" >&2; exit 1
}
for i in $(seq 1 "$SERVERS"); do start_server "$i"; done  # the first one migrates the schema
say "servers on ${PORTS[*]}"

. bench/lib.sh  # ensure_points: the same generated points as the other benchmarks
ensure_points "$N"
for _ in $(seq 1 300); do  # the replica has replayed everything the primary flushed
  lsn=$(psql -p "$REPLICA_PORT" -Atc "SELECT pg_last_wal_replay_lsn()")
  [ "$(psql -Atc "SELECT '$lsn'::pg_lsn >= pg_current_wal_flush_lsn()")" = t ] && break; sleep 0.2
done

# --- nginx in front: GETs retried on the next server on error, timeout, 502, 503 ---------------
# max_fails=0: a server is never marked down for its errors — with one server left, marking it down
# would make nginx answer 502 "no live upstreams" to everyone; a dead one refuses at once anyway.
NGINX_PORT=$(free_port)
mkdir -p "$RUN/nginx"
# nginx's workers run as nobody when it is started as root: they need their temporary directories
[ "$(id -u)" -eq 0 ] && chmod 711 "$RUN" && chown nobody "$RUN/nginx"
nginx_conf() { # the servers to balance over, as ports
  {
    echo "worker_processes 1; error_log $RUN/nginx/error.log; pid $RUN/nginx/nginx.pid;"
    echo "events { worker_connections 1024; }"
    echo "http { log_format drill '\$status \$upstream_status'; access_log $RUN/nginx/access.log drill buffer=64k flush=1s;"
    echo "  client_body_temp_path $RUN/nginx/body; proxy_temp_path $RUN/nginx/proxy;"
    echo "  upstream riskmap { keepalive 32;"
    for p in "$@"; do echo "    server 127.0.0.1:$p max_fails=0;"; done
    echo "  }"
    echo "  server { listen 127.0.0.1:$NGINX_PORT;"
    echo "    location / { proxy_pass http://riskmap; proxy_http_version 1.1; proxy_set_header Connection \"\";"
    echo "      proxy_next_upstream error timeout http_502 http_503; proxy_connect_timeout 1s; proxy_read_timeout 30s;"
    echo "      proxy_buffering off; } }"   # off: the live feeds (SSE) pass through as they are written
    echo "}"
  } > "$RUN/nginx/nginx.conf"
}
nginx_conf "${PORTS[0]}"
nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -g "daemon off;" 2>>"$RUN/nginx/error.log" &
PIDS+=($!); NGINX_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/health" >/dev/null && break; sleep 0.2; done
balance() { nginx_conf "$@"; kill -HUP "$NGINX_PID"; sleep 1; }

# --- read benchmark -----------------------------------------------------------------------------
psql -Atc "SELECT ST_X(geom) || ',' || ST_Y(geom) FROM hazard_point
  WHERE id IN (SELECT 'B' || lpad((1 + (i::bigint * 7919 * 104729) % $N)::text, 8, '0') FROM generate_series(1, 200) i)" > "$RUN/centres.txt"
bench() { # label seconds → a row of the table
  local r; r=$(wrk -t2 -c16 -d"$2s" --latency -s bench/near.lua "http://127.0.0.1:$NGINX_PORT" -- "$RUN/centres.txt" 2000 | grep RESULT)
  eval "$(echo "$r" | sed 's/RESULT //')"
  printf "%-34s %9s %8s %8s %7s   load %s\n" "$1" "$req_s" "$p50_ms" "$p99_ms" "$errors" "$(uptime | sed 's/.*average: //')"
}
wrk -t2 -c16 -d3s -s bench/near.lua "http://127.0.0.1:$NGINX_PORT" -- "$RUN/centres.txt" 2000 >/dev/null  # JIT warm-up
for p in "${PORTS[@]:1}"; do wrk -t1 -c4 -d3s -s bench/near.lua "http://127.0.0.1:$p" -- "$RUN/centres.txt" 2000 >/dev/null; done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB; $N points; /api/hazards/near 2 km via nginx; wrk -t2 -c16 -d${DUR}s"
printf "%-34s %9s %8s %8s %7s\n" what req/s p50_ms p99_ms non2xx
for k in $(seq 1 "$SERVERS"); do
  [ "$k" -gt 1 ] && balance "${PORTS[@]:0:$k}"
  bench "$k server$([ "$k" -gt 1 ] && echo s)" "$DUR"
done

# --- failure drill ------------------------------------------------------------------------------
DRILL=$((3 * DUR))
before=$(wc -l < "$RUN/nginx/access.log")
wrk -t2 -c16 -d"${DRILL}s" --latency -s bench/near.lua "http://127.0.0.1:$NGINX_PORT" -- "$RUN/centres.txt" 2000 > "$RUN/drill.txt" &
WRK=$!
sleep $((DRILL / 4)); kill -9 "${SERVER_PIDS[1]}"; say "t=$((DRILL / 4)) s: server 2 killed (SIGKILL)"
sleep $((DRILL / 4)); stop_pg "$RUN/replica"; say "t=$((DRILL / 2)) s: replica stopped (fast shutdown)"
wait "$WRK"
eval "$(grep RESULT "$RUN/drill.txt" | sed 's/RESULT //')"
total=$(awk '/requests in/{print $1}' "$RUN/drill.txt")
sleep 1.5  # nginx flushes its access log every second
echo "failure drill (${DRILL}s, ${SERVERS} servers → $((SERVERS - 1)), replica → primary): $total requests, $errors not answered 2xx, p99 $p99_ms ms"
# per answer: the status the client got, and what each server nginx tried answered ("502, 200": retried on the next one)
tail -n +"$((before + 1))" "$RUN/nginx/access.log" | awk '{ s[$1]++; if (index($0, ",")) r++ }
  END { printf "  statuses:"; for (k in s) printf " %s×%d", k, s[k]; printf "; retried by nginx on another server: %d\n", r }'
survivor=${PORTS[0]}
echo "server on $survivor after the drill:"
curl -s "http://127.0.0.1:$survivor/metrics" | grep -E '^riskmap_db_(reads_total|replica_up)' | sed 's/^/  /'
