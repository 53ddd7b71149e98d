#!/usr/bin/env bash
# Benchmarks weizhi (GET /healthz, authenticated GET /api/v1/me, durable POST /api/v1/org/nodes) against
# nginx serving a static file, with wrk; prints a table, the server's RSS and the performance goals.
set -euo pipefail

# Knobs (environment): BENCH_SECONDS per run (10), BENCH_CONNECTIONS ("64 256"), BENCH_THREADS (2),
# WEIZHI_BIN (build/weizhi), NGINX_BIN, WRK_BIN, BENCH_TMPDIR (parent of the temp dir, default $TMPDIR or /tmp),
# BENCH_KEEP=1 keeps the temp dir (logs, database, raw wrk output).
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64 256}
THREADS=${BENCH_THREADS:-2}
WEIZHI=${WEIZHI_BIN:-build/weizhi}
NGINX=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
WRK=${WRK_BIN:-$(command -v wrk || echo /usr/bin/wrk)}
LOGIN_BODY='{"login":"admin","password":"weizhi-demo"}'

die() {
  echo "bench: $*" >&2
  exit 1
}

[[ $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive whole number, got '$SECONDS_PER_RUN'"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "BENCH_THREADS must be a positive whole number, got '$THREADS'"
for c in $CONNECTIONS; do
  [[ $c =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNECTIONS must be whole numbers, got '$c'"
  ((c >= THREADS)) || die "wrk needs at least as many connections ($c) as threads ($THREADS)"
done
[[ -x $WEIZHI ]] || die "$WEIZHI not found: build it first (ninja -C build weizhi, or make build)"
[[ -x $NGINX ]] || die "nginx not found (apt-get install nginx-light, or set NGINX_BIN)"
[[ -x $WRK ]] || die "wrk not found (apt-get install wrk, or set WRK_BIN)"
command -v curl >/dev/null || die "curl not found"

WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/weizhi-bench.XXXXXX")
NGINX_PID=""
WEIZHI_PID=""

show_log() {  # the tail of a server log, to explain a failure
  if [[ -s $1 ]]; then
    echo "--- last lines of $(basename "$1"):" >&2
    tail -n 15 "$1" >&2
  fi
}

stop_process() {  # PID NAME: SIGTERM, wait up to 30 s, then SIGKILL
  local pid=$1 name=$2 rc=0
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench: $name did not stop within 30 s of SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || rc=$?
  if ((rc != 0)); then echo "bench: $name exited with status $rc after SIGTERM" >&2; fi
}

cleanup() {
  local status=$?
  set +e
  stop_process "$WEIZHI_PID" weizhi
  stop_process "$NGINX_PID" nginx
  if ((status != 0)); then
    show_log "$WORK/weizhi.log"
    show_log "$WORK/nginx/error.log"
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "bench: kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 30000))
    if port_is_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free TCP port found on 127.0.0.1"
}

wait_http() {  # URL PID NAME: until URL answers 200, while PID lives (30 s at most)
  local url=$1 pid=$2 name=$3
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; then return 0; fi
    sleep 0.1
  done
  die "$name did not answer 200 on $url within 30 s"
}

fs_type=$(stat -f -c %T "$WORK" 2>/dev/null || echo unknown)
echo "== weizhi benchmark: $SECONDS_PER_RUN s per run, $THREADS wrk threads, connections: $CONNECTIONS"
echo "   machine: $(nproc) cores, $(awk '/^MemTotal:/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM;" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg); temp dir on $fs_type"
if [[ $fs_type == tmpfs || $fs_type == ramfs ]]; then
  echo "!! WARNING: the SQLite database is on $fs_type, where fsync is free: durable-write figures are not" \
    "representative. Set BENCH_TMPDIR to a directory on a real disk."
fi

# --- nginx, serving a 15-byte JSON file --------------------------------------------------------------------
mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp"
printf '{"status":"ok"}' >"$WORK/nginx/www/status.json"
nginx_user=""
if ((EUID == 0)); then nginx_user="user root;"; fi  # workers must read the temp dir, which is mode 0700
for attempt in 1 2 3; do
  NGINX_PORT=$(pick_port)
  cat >"$WORK/nginx/nginx.conf" <<EOF
# Temporary nginx for bench/run.sh: one static file, no access log.
$nginx_user
daemon off;
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/www;
  }
}
EOF
  "$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log" \
    >"$WORK/nginx/stdout.log" 2>&1 &
  NGINX_PID=$!
  if wait_http "http://127.0.0.1:$NGINX_PORT/status.json" "$NGINX_PID" nginx; then break; fi
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
  show_log "$WORK/nginx/error.log"
  show_log "$WORK/nginx/stdout.log"
  ((attempt < 3)) || die "nginx failed to start (see above)"
done
NGINX_URL="http://127.0.0.1:$NGINX_PORT/status.json"
[[ $(curl -s "$NGINX_URL") == '{"status":"ok"}' ]] || die "nginx does not serve the expected file"
echo "   nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') on 127.0.0.1:$NGINX_PORT (pid $NGINX_PID)"

# --- weizhi, on a freshly seeded SQLite database ------------------------------------------------------------
KEY="$WORK/data.key"
DB="sqlite:$WORK/weizhi.db"
"$WEIZHI" keygen "$KEY" >"$WORK/keygen.log" 2>&1 || { show_log "$WORK/keygen.log"; die "weizhi keygen failed"; }
WEIZHI_DATA_KEY_FILE="$KEY" "$WEIZHI" seed demo --db "$DB" >"$WORK/seed.log" 2>&1 ||
  { show_log "$WORK/seed.log"; die "weizhi seed demo failed"; }
for attempt in 1 2 3; do
  WEIZHI_PORT=$(pick_port)
  WEIZHI_DATA_KEY_FILE="$KEY" "$WEIZHI" serve --db "$DB" --listen "127.0.0.1:$WEIZHI_PORT" \
    >"$WORK/weizhi.stdout" 2>"$WORK/weizhi.log" &
  WEIZHI_PID=$!
  if wait_http "http://127.0.0.1:$WEIZHI_PORT/healthz" "$WEIZHI_PID" weizhi; then break; fi
  wait "$WEIZHI_PID" 2>/dev/null || true
  WEIZHI_PID=""
  show_log "$WORK/weizhi.log"
  ((attempt < 3)) || die "weizhi failed to start (see above)"
done
BASE="http://127.0.0.1:$WEIZHI_PORT"
echo "   weizhi on 127.0.0.1:$WEIZHI_PORT (pid $WEIZHI_PID), database $DB"

# --- log in; find the compound 德胜新村 ------------------------------------------------------------------------
code=$(curl -sS -o "$WORK/login.json" -D "$WORK/login.headers" -w '%{http_code}' \
  -H 'Content-Type: application/json' --data "$LOGIN_BODY" "$BASE/api/v1/session")
[[ $code == 200 ]] || die "login as admin answered $code: $(head -c 300 "$WORK/login.json")"
SESSION=$(tr -d '\r' <"$WORK/login.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *weizhi_session=\([^;]*\).*/\1/p' | head -n 1)
CSRF=$(grep -o '"csrf_token" *: *"[^"]*"' "$WORK/login.json" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/' || true)
[[ -n $SESSION ]] || die "no weizhi_session cookie in the login response"
[[ -n $CSRF ]] || die "no csrf_token in the login response"
COOKIE="weizhi_session=$SESSION"

get_json() {  # PATH OUTFILE: authenticated GET that must answer 200
  local code
  code=$(curl -sS -o "$2" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$1")
  [[ $code == 200 ]] || die "GET $1 answered $code: $(head -c 300 "$2")"
}
first_id() { grep -o '"id" *: *[0-9]*' | head -n 1 | grep -o '[0-9]*$' || true; }

get_json /api/v1/me "$WORK/me.json"
STREET=$(grep -o '"scope_node_id" *: *[0-9]*' "$WORK/me.json" | head -n 1 | grep -o '[0-9]*$' || true)
[[ -n $STREET ]] || die "no roles[0].scope_node_id in /api/v1/me"
get_json "/api/v1/org/nodes/$STREET/children" "$WORK/street.json"
COMMUNITY=$(first_id <"$WORK/street.json")
[[ -n $COMMUNITY ]] || die "street $STREET has no children"
get_json "/api/v1/org/nodes/$COMMUNITY/children" "$WORK/community.json"
COMPOUND=$({ tr '{' '\n' <"$WORK/community.json" | grep '德胜新村' || true; } | first_id)
[[ -n $COMPOUND ]] || die "no compound 德胜新村 under community $COMMUNITY"
NODE_BODY="{\"parent_id\": $COMPOUND, \"kind\": \"building\", \"name\": \"压测楼\"}"
code=$(curl -sS -o "$WORK/probe.json" -w '%{http_code}' -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
  -H 'Content-Type: application/json' --data "$NODE_BODY" "$BASE/api/v1/org/nodes")
[[ $code == 201 ]] || die "probe POST /api/v1/org/nodes answered $code: $(head -c 300 "$WORK/probe.json")"
echo "   logged in as admin; writes go under compound $COMPOUND (street $STREET, community $COMMUNITY)"

# --- runs ---------------------------------------------------------------------------------------------------
to_ms() {  # wrk latency ("812.00us", "1.23ms", "1.01s", "1.50m") → milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; else if (v ~ /m$/) n *= 60000
    printf "%.2f", n }'
}

metric() {  # FILE NAME: value of an unlabelled sample in a Prometheus text file (0 when absent)
  awk -v name="$2" '$1 == name { value = $2 } END { print value + 0 }' "$1"
}

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
process_ticks() {  # PID…: CPU time (user + system, all threads) of the processes, in clock ticks
  local pid total=0 ticks
  for pid in "$@"; do
    # Fields 14 and 15 of /proc/PID/stat; cut after the ")" that ends the command name.
    ticks=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}')
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}
server_pids() {  # KEY: the processes serving that scenario (nginx: master and workers)
  if [[ $1 == nginx ]]; then
    { echo "$NGINX_PID"; cat "/proc/$NGINX_PID/task/"*/children 2>/dev/null || true; } | tr '\n' ' '
  else
    echo "$WEIZHI_PID"
  fi
}

declare -A RPS P50 P99 ERRORS ERROR_TEXT CPU_US
SCENARIOS=()
LABELS=()
WRITE_NOTES=()

run_wrk() {  # KEY LABEL URL [wrk args…]
  local key=$1 label=$2 url=$3
  shift 3
  local c out
  SCENARIOS+=("$key")
  LABELS+=("$label")
  for c in $CONNECTIONS; do
    out="$WORK/wrk-$key-$c.txt"
    local before="$WORK/metrics-$key-$c-before.txt" after="$WORK/metrics-$key-$c-after.txt"
    curl -sS -o "$before" "$BASE/metrics" || die "GET /metrics failed"
    printf '   %-24s %4s connections … ' "$label" "$c"
    local pids ticks_before ticks_after
    pids=$(server_pids "$key")
    # shellcheck disable=SC2086  # a list of pids
    ticks_before=$(process_ticks $pids)
    "$WRK" -t "$THREADS" -c "$c" -d "${SECONDS_PER_RUN}s" --latency "$@" "$url" >"$out" 2>&1 ||
      { cat "$out" >&2; die "wrk failed for $label at $c connections"; }
    # shellcheck disable=SC2086
    ticks_after=$(process_ticks $pids)
    curl -sS -o "$after" "$BASE/metrics" || die "GET /metrics failed"
    kill -0 "$WEIZHI_PID" 2>/dev/null || die "weizhi died during $label at $c connections"
    local rps p50 p99 non2xx socket
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    [[ -n $rps && -n $p50 && -n $p99 ]] || { cat "$out" >&2; die "cannot parse the wrk output for $label"; }
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
    non2xx=${non2xx:-0}
    socket=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
    socket=${socket:-0}
    RPS[$key:$c]=$rps
    P50[$key:$c]=$(to_ms "$p50")
    P99[$key:$c]=$(to_ms "$p99")
    ERRORS[$key:$c]=$((non2xx + socket))
    CPU_US[$key:$c]=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$CLK_TCK" \
      -v n="$(awk '/ requests in / {print $1}' "$out")" 'BEGIN { if (n > 0) printf "%.0f", 1e6 * t / hz / n; else print "-" }')
    ERROR_TEXT[$key:$c]=$( ((non2xx + socket == 0)) && echo 0 || echo "$non2xx non-2xx, $socket socket")
    printf '%10s req/s  p50 %8s ms  p99 %8s ms  %5s µs CPU/req  errors: %s  (load %s)\n' "$rps" \
      "${P50[$key:$c]}" "${P99[$key:$c]}" "${CPU_US[$key:$c]}" "${ERROR_TEXT[$key:$c]}" "$(cut -d' ' -f1 /proc/loadavg)"
    if [[ $key == write ]]; then
      local batches batch_sum commits commit_sum
      batches=$(($(metric "$after" weizhi_write_batch_size_count) - $(metric "$before" weizhi_write_batch_size_count)))
      batch_sum=$(awk -v a="$(metric "$after" weizhi_write_batch_size_sum)" \
        -v b="$(metric "$before" weizhi_write_batch_size_sum)" 'BEGIN { print a - b }')
      commits=$(($(metric "$after" weizhi_commit_seconds_count) - $(metric "$before" weizhi_commit_seconds_count)))
      commit_sum=$(awk -v a="$(metric "$after" weizhi_commit_seconds_sum)" \
        -v b="$(metric "$before" weizhi_commit_seconds_sum)" 'BEGIN { print a - b }')
      WRITE_NOTES+=("$(awk -v c="$c" -v n="$batches" -v s="$batch_sum" -v k="$commits" -v t="$commit_sum" \
        -v d="$SECONDS_PER_RUN" 'BEGIN {
          if (n == 0 || k == 0) { printf "%4d connections: no batches committed", c; exit }
          printf "%4d connections: %d batches, one every %.2f ms on average; average batch %.1f requests; " \
                 "average COMMIT (fsync included) %.2f ms", c, n, 1000 * d / n, s / n, 1000 * t / k }')")
    fi
    sleep 1
  done
}

echo
run_wrk nginx "nginx static file" "$NGINX_URL"
run_wrk healthz "GET /healthz" "$BASE/healthz"
run_wrk me "GET /api/v1/me" "$BASE/api/v1/me" -H "Cookie: $COOKIE"
WEIZHI_BENCH_COOKIE="$COOKIE" WEIZHI_BENCH_CSRF="$CSRF" WEIZHI_BENCH_BODY="$NODE_BODY" \
  run_wrk write "POST /api/v1/org/nodes" "$BASE/api/v1/org/nodes" -s bench/post_json.lua

RSS_MB=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$WEIZHI_PID/status")
HWM_MB=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$WEIZHI_PID/status")

# --- report -------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

echo
printf '%-24s %6s %12s %10s %10s %9s %12s  %s\n' scenario conns req/s "p50 ms" "p99 ms" "vs nginx" \
  "CPU us/req" errors
printf '%s\n' "-------------------------------------------------------------------------------------------------------"
failed_runs=0
for i in "${!SCENARIOS[@]}"; do
  key=${SCENARIOS[$i]}
  for c in $CONNECTIONS; do
    printf '%-24s %6s %12s %10s %10s %9s %12s  %s\n' "${LABELS[$i]}" "$c" "${RPS[$key:$c]}" "${P50[$key:$c]}" \
      "${P99[$key:$c]}" "$(ratio "${RPS[$key:$c]}" "${RPS[nginx:$c]}")" "${CPU_US[$key:$c]}" "${ERROR_TEXT[$key:$c]}"
    if [[ ${ERRORS[$key:$c]} -gt 0 ]]; then failed_runs=$((failed_runs + 1)); fi
  done
done
echo
echo "CPU µs/req: user + system CPU time of the server process(es) during the run, divided by the requests"
echo "completed (wrk's own CPU not included; the machine's cores are shared by wrk and the server)."
echo "weizhi RSS after all runs: $RSS_MB MB (peak $HWM_MB MB)"
echo "group commit during the write runs (from /metrics):"
for note in "${WRITE_NOTES[@]}"; do echo "  $note"; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((failed_runs > 0)); then
  echo
  echo "!!!!!!!! $failed_runs RUN(S) HAD ERRORS (non-2xx responses or socket errors): their figures count failed"
  echo "!!!!!!!! requests and must not be quoted as throughput. See the errors column above."
fi

verdict() { if "$@"; then echo "met"; else echo "NOT MET"; fi; }
me_goal() {
  local c
  for c in $CONNECTIONS; do
    [[ ${ERRORS[me:$c]} -eq 0 && ${ERRORS[nginx:$c]} -eq 0 ]] || return 1
    ge "$(ratio "${RPS[me:$c]}" "${RPS[nginx:$c]}")" 0.80 || return 1
  done
}
write_goal() {
  [[ -n ${RPS[write:256]:-} ]] || return 1
  [[ ${ERRORS[write:256]} -eq 0 ]] && ge "${RPS[write:256]}" 20000 && le "${P99[write:256]}" 25
}
me_detail=""
for c in $CONNECTIONS; do me_detail+="${me_detail:+, }$(ratio "${RPS[me:$c]}" "${RPS[nginx:$c]}") at $c"; done
if [[ -n ${RPS[write:256]:-} ]]; then
  write_detail="${RPS[write:256]} req/s, p99 ${P99[write:256]} ms, errors ${ERROR_TEXT[write:256]}"
else
  write_detail="not measured: 256 is not in BENCH_CONNECTIONS"
fi
echo
echo "goals (a run with errors never meets a goal):"
printf '  %-62s %-8s (%s)\n' "GET /api/v1/me >= 80% of nginx req/s" "$(verdict me_goal)" "$me_detail"
printf '  %-62s %-8s (%s)\n' "durable write >= 20,000 req/s at 256 connections, p99 <= 25 ms" \
  "$(verdict write_goal)" "$write_detail"
printf '  %-62s %-8s (%s)\n' "RSS <= 40 MB" "$(verdict le "$RSS_MB" 40)" "$RSS_MB MB"

# The registry figures: demo seeding time, CSV import rate and the organisation statistics.
echo
BENCH_NGINX_RPS=${RPS[nginx:64]:-} bash "$(dirname "${BASH_SOURCE[0]}")/registry.sh"

# The vote tally figures: `weizhi tally` on a 1,000,000-part export.
echo
bash "$(dirname "${BASH_SOURCE[0]}")/voting.sh"

# The service case figures: case creation, and the overdue inbox over 1,000,000 cases.
echo
bash "$(dirname "${BASH_SOURCE[0]}")/cases.sh"

# The residents' figures: sign-in codes asked, and first sign-ins by phone, per second.
echo
bash "$(dirname "${BASH_SOURCE[0]}")/residents.sh"

# The survey figures: paper forms entered per second, and the results of a survey of 20,000 households.
echo
bash "$(dirname "${BASH_SOURCE[0]}")/surveys.sh"

# The property evaluation figure: closing a month for a city's 3,000 contracts (built by `make bench`).
echo
PROPERTY_BENCH=${PROPERTY_BENCH_BIN:-build/property_close_bench}
if [[ -x $PROPERTY_BENCH ]]; then
  "$PROPERTY_BENCH" "${PROPERTY_CONTRACTS:-3000}"
else
  echo "bench: $PROPERTY_BENCH not found: build it first (cmake --build build --target property_close_bench)" >&2
  exit 1
fi

# The access figure: a terminal's full sync of 5,000 credentials (built by `make bench`).
echo
ACCESS_BENCH=${ACCESS_BENCH_BIN:-build/access_sync_bench}
if [[ -x $ACCESS_BENCH ]]; then
  "$ACCESS_BENCH" "${ACCESS_CREDENTIALS:-5000}"
else
  echo "bench: $ACCESS_BENCH not found: build it first (cmake --build build --target access_sync_bench)" >&2
  exit 1
fi

# The visitor pass figure: a terminal's offline check of a signed pass (built by `make bench`).
echo
VISITOR_BENCH=${VISITOR_BENCH_BIN:-build/visitor_check_bench}
if [[ -x $VISITOR_BENCH ]]; then
  "$VISITOR_BENCH" "${VISITOR_CHECKS:-20000}"
else
  echo "bench: $VISITOR_BENCH not found: build it first (cmake --build build --target visitor_check_bench)" >&2
  exit 1
fi

# The web figures: the console's first-screen JavaScript and the compound page's time to interactive.
echo
bash "$(dirname "${BASH_SOURCE[0]}")/web.sh"
