# Shared by the benchmark scripts that run weizhi on a freshly seeded demo street: a temp dir cleaned up
# on exit, the server on a free port, signing in, authenticated requests, and the server's CPU time.
# The sourcing script sets BENCH_NAME and WEIZHI, and defines no EXIT trap of its own.

die() {
  echo "bench/$BENCH_NAME: $*" >&2
  exit 1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/weizhi-$BENCH_NAME-bench.XXXXXX")
WEIZHI_PID=""

bench_cleanup() {
  local status=$?
  set +e
  if [[ -n $WEIZHI_PID ]] && kill -0 "$WEIZHI_PID" 2>/dev/null; then
    kill -TERM "$WEIZHI_PID"
    wait "$WEIZHI_PID" 2>/dev/null
  fi
  if ((status != 0)) && [[ -s $WORK/weizhi.log ]]; then
    echo "--- last lines of weizhi.log:" >&2
    tail -n 15 "$WORK/weizhi.log" >&2
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "bench/$BENCH_NAME: kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Seeds the demo street into a fresh SQLite file; sets KEY, DB and SEED_SECONDS.
seed_demo() {
  KEY="$WORK/data.key"
  DB="sqlite:$WORK/weizhi.db"
  "$WEIZHI" keygen "$KEY" >"$WORK/keygen.log" 2>&1 || die "weizhi keygen failed: $(tail -n 5 "$WORK/keygen.log")"
  local started
  started=$(now)
  WEIZHI_DATA_KEY_FILE="$KEY" "$WEIZHI" seed demo --db "$DB" >"$WORK/seed.log" 2>&1 ||
    die "weizhi seed demo failed: $(tail -n 15 "$WORK/seed.log")"
  SEED_SECONDS=$(elapsed "$started" "$(now)")
}

# Serves the seeded database on a free loopback port; sets WEIZHI_PID and BASE.
start_server() {
  local port attempt
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 30000))
    port_is_free "$port" && break
  done
  WEIZHI_DATA_KEY_FILE="$KEY" "$WEIZHI" serve --db "$DB" --listen "127.0.0.1:$port" >"$WORK/weizhi.stdout" \
    2>"$WORK/weizhi.log" &
  WEIZHI_PID=$!
  BASE="http://127.0.0.1:$port"
  for attempt in $(seq 300); do
    kill -0 "$WEIZHI_PID" 2>/dev/null || die "weizhi exited at start"
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" || true) == 200 ]] && return 0
    sleep 0.1
  done
  die "weizhi did not answer /healthz within 30 s"
}

# Signs in a demo account (password weizhi-demo); sets COOKIE and CSRF.
sign_in() {
  local code session
  code=$(curl -sS -o "$WORK/login.json" -D "$WORK/login.headers" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "{\"login\":\"$1\",\"password\":\"weizhi-demo\"}" "$BASE/api/v1/session")
  [[ $code == 200 ]] || die "login as $1 answered $code: $(head -c 300 "$WORK/login.json")"
  session=$(tr -d '\r' <"$WORK/login.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *weizhi_session=\([^;]*\).*/\1/p' | head -n 1)
  CSRF=$(grep -o '"csrf_token" *: *"[^"]*"' "$WORK/login.json" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/' || true)
  [[ -n $session && -n $CSRF ]] || die "no session cookie or CSRF token in the login response"
  COOKIE="weizhi_session=$session"
}

first_id() { grep -o '"id" *: *[0-9]*' | head -n 1 | grep -o '[0-9]*$' || true; }

get_json() {  # PATH OUTFILE: authenticated GET that must answer 200
  local code
  code=$(curl -sS -o "$2" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$1")
  [[ $code == 200 ]] || die "GET $1 answered $code: $(head -c 300 "$2")"
}

# curl asks large uploads to wait for "100 Continue", which the server never sends (it reads whole
# bodies before answering), so each upload over 1 MB would idle for curl's 1 s timeout: the empty
# Expect header turns that off, as browsers and most HTTP clients do anyway.
NO_EXPECT='Expect:'

send() {  # METHOD PATH CONTENT_TYPE BODY_FILE EXPECTED_STATUS OUTFILE: authenticated write
  local code
  code=$(curl -sS -X "$1" -o "$6" -w '%{http_code}' -H "$NO_EXPECT" -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
    -H "Content-Type: $3" --data-binary "@$4" "$BASE$2")
  [[ $code == "$5" ]] || die "$1 $2 answered $code: $(head -c 500 "$6")"
}

# The street and its first community, as seen by the signed-in street admin; sets STREET and COMMUNITY.
find_street_and_community() {
  get_json /api/v1/me "$WORK/me.json"
  STREET=$(grep -o '"scope_node_id" *: *[0-9]*' "$WORK/me.json" | head -n 1 | grep -o '[0-9]*$' || true)
  [[ -n $STREET ]] || die "no roles[0].scope_node_id in /api/v1/me"
  get_json "/api/v1/org/nodes/$STREET/children" "$WORK/street.json"
  COMMUNITY=$(first_id <"$WORK/street.json")
  [[ -n $COMMUNITY ]] || die "street $STREET has no communities"
}

# Creates compound NAME in COMMUNITY; sets COMPOUND.
create_compound() {
  printf '{"parent_id": %s, "kind": "compound", "name": "%s"}' "$COMMUNITY" "$1" >"$WORK/compound-request.json"
  send POST /api/v1/org/nodes application/json "$WORK/compound-request.json" 201 "$WORK/compound.json"
  COMPOUND=$(first_id <"$WORK/compound.json")
}

# Writes $WORK/parts.csv and $WORK/people.csv for COUNT parts, each with one owner whose phone is
# PREFIX followed by 8 digits (prefixes the demo street never uses keep them apart). Parts are laid out
# 20 to a floor, 25 floors to a unit, 8 units to a building.
write_parts_and_owners() {
  awk -v n="$1" -v prefix="$2" -v rooms=20 -v floors=25 -v units=8 -v parts="$WORK/parts.csv" \
    -v people="$WORK/people.csv" 'BEGIN {
    print "楼栋,总层数,单元,房号,楼层,面积" > parts
    print "姓名,手机,楼栋,单元,房号,关系" > people
    for (i = 0; i < n; i++) {
      room = i % rooms + 1; floor = int(i / rooms) % floors + 1
      unit = int(i / (rooms * floors)) % units + 1; building = int(i / (rooms * floors * units)) + 1
      place = sprintf("%d幢,%d单元,%d%02d", building, unit, floor, room)
      split(place, p, ",")
      printf "%s,%d,%s,%s,%d,%d.%02d\n", p[1], floors, p[2], p[3], floor, 50 + i % 70, i % 100 > parts
      printf "业主%d,%s%08d,%s,业主\n", i + 1, prefix, i, place > people
    }
  }'
}

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
server_ticks() {  # user + system CPU time of the server (all threads), in clock ticks
  sed 's/.*) //' "/proc/$WEIZHI_PID/stat" | awk '{print $12 + $13}'
}

answered() {  # ROUTE STATUS: how many requests of the route the server answered with STATUS so far
  curl -sS -m 5 "$BASE/metrics" 2>/dev/null |
    awk -v label="route=\"$1\",method=\"POST\",status=\"$2\"" 'index($1, label) { n = $2 } END { print n + 0 }'
}

# Posts every line of BODIES to ROUTE with wrk (THREADS threads, CONNECTIONS connections; as the signed-in
# account when WEIZHI_BENCH_COOKIE and WEIZHI_BENCH_CSRF are exported) until the server has answered them
# all with STATUS (or none came for 5 s); prints "seconds rate p99_ms cpu_us_per_request answered". ROUTE is
# the route as /metrics names it; TARGET, the path posted to, when it has ids in it ({id}).
run_lines() {  # BODIES ROUTE STATUS [TARGET]
  local bodies=$1 route=$2 status=$3 target=${4:-$2} total before done_count still=0 ticks_before wrk_pid
  total=$(wc -l <"$bodies")
  before=$(answered "$route" "$status")
  ticks_before=$(server_ticks)
  WEIZHI_BENCH_BODIES=$bodies WEIZHI_BENCH_PATH=$target WEIZHI_BENCH_THREADS=$THREADS \
    "$WRK" -t "$THREADS" -c "$CONNECTIONS" -d 600s --latency -s bench/post_lines.lua "$BASE/" >"$WORK/wrk.txt" 2>&1 &
  wrk_pid=$!
  done_count=0
  while kill -0 "$wrk_pid" 2>/dev/null && ((done_count < total && still < 5)); do
    sleep 0.5
    local now_count=$(($(answered "$route" "$status") - before))
    if ((now_count == done_count)); then still=$((still + 1)); else still=0; fi
    done_count=$now_count
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || { cat "$WORK/wrk.txt" >&2; die "wrk failed on $route"; }
  local cpu_ticks=$(($(server_ticks) - ticks_before)) seconds p99
  done_count=$(($(answered "$route" "$status") - before))
  ((done_count > 0)) || die "the server answered no request of $route with $status: $(head -c 600 "$WORK/wrk.txt")"
  seconds=$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  awk -v n="$done_count" -v s="$seconds" -v p="$p99" -v t="$cpu_ticks" -v hz="$CLK_TCK" 'BEGIN {
    if (p ~ /us$/) p = p / 1000; else if (p ~ /ms$/) p = p + 0; else if (p ~ /s$/) p = p * 1000
    printf "%s %.0f %.2f %.0f %d\n", s, n / s, p, t / hz * 1e6 / n, n }'
}
