#!/usr/bin/env bash
# Benchmarks casting ballots over HTTP on SQLite (synchronous=FULL): a new compound of VOTERS owners is
# imported into the demo street, a vote on it is opened (its roll frozen), and wrk records one meeting
# ballot per owner with 256 connections — each a durable, audited write. Goal: ≥ 20,000 ballots/s with
# p99 ≤ 25 ms. Prints figures; exits 0 when goals are missed, non-zero when something fails.
set -euo pipefail

# Knobs (environment): VOTERS (100000), BENCH_CONNECTIONS (256), BENCH_THREADS (2), WEIZHI_BIN
# (build/weizhi), WRK_BIN, BENCH_TMPDIR (parent of the temp dir), BENCH_KEEP=1 keeps the temp dir.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VOTERS=${VOTERS:-100000}
CONNECTIONS=${BENCH_CONNECTIONS:-256}
THREADS=${BENCH_THREADS:-2}
WEIZHI=${WEIZHI_BIN:-build/weizhi}
WRK=${WRK_BIN:-$(command -v wrk || echo /usr/bin/wrk)}
GOAL_BALLOTS_PER_SECOND=20000
GOAL_P99_MS=25

BENCH_NAME=voting-cast
source bench/lib.sh

[[ $VOTERS =~ ^[1-9][0-9]*$ ]] || die "VOTERS must be a positive whole number, got '$VOTERS'"
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ && $THREADS =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNECTIONS and BENCH_THREADS must be whole numbers"
[[ -x $WEIZHI ]] || die "$WEIZHI not found: build it first (ninja -C build weizhi)"
[[ -x $WRK ]] || die "wrk not found (apt-get install wrk, or set WRK_BIN)"
command -v curl >/dev/null || die "curl not found"

echo "== weizhi ballot casting benchmark: $VOTERS owners, $CONNECTIONS connections; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
seed_demo
start_server
sign_in admin
find_street_and_community
create_compound 表决压测小区

# One owner per part, each with their own phone (prefix 166, which the demo street never uses), so the
# roll has one voter per part.
write_parts_and_owners "$VOTERS" 166
started=$(now)
send POST "/api/v1/import/parts?node=$COMPOUND" text/csv "$WORK/parts.csv" 201 "$WORK/import-parts.json"
send POST "/api/v1/import/people?node=$COMPOUND" text/csv "$WORK/people.csv" 201 "$WORK/import-people.json"
printf '   %-46s %8s s\n' "import $VOTERS parts and their owners" "$(elapsed "$started" "$(now)")"

opens=$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%SZ)
closes=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
printf '{"compound_id": %s, "title": "压测表决", "matter": 4, "items": ["续聘物业服务企业"], "opens_at": "%s", "closes_at": "%s", "channels": ["online", "paper", "meeting"]}' \
  "$COMPOUND" "$opens" "$closes" >"$WORK/vote-request.json"
send POST /api/v1/votes application/json "$WORK/vote-request.json" 201 "$WORK/vote.json"
# The vote's own id is the one beside its identity check (keys come in alphabetical order).
VOTE=$(grep -o '"id":[0-9]*,"identity_check"' "$WORK/vote.json" | grep -o '[0-9][0-9]*')
echo '{}' >"$WORK/empty.json"
started=$(now)
send POST "/api/v1/votes/$VOTE/open" application/json "$WORK/empty.json" 200 "$WORK/opened.json"
printf '   %-46s %8s s\n' "open the vote (freeze a roll of $VOTERS parts)" "$(elapsed "$started" "$(now)")"
get_json "/api/v1/votes/$VOTE/roll" "$WORK/roll.json"
grep -o '"owner":{"id":[0-9]*' "$WORK/roll.json" | grep -o '[0-9]*$' | sort -un |
  awk '{ printf "{\"voter_id\": %s, \"choices\": [\"agree\"]}\n", $1 }' >"$WORK/ballots.jsonl"
voter_count=$(wc -l <"$WORK/ballots.jsonl")
((voter_count == VOTERS)) || die "the roll has $voter_count voters instead of $VOTERS"

# The organiser watches the turnout while a meeting clerk of the community records the ballots.
sign_in admin
ADMIN_COOKIE=$COOKIE
recorded_ballots() {  # the turnout's ballot count; the last one seen when the server does not answer in time
  local count
  count=$(curl -sS -m 5 -H "Cookie: $ADMIN_COOKIE" "$BASE/api/v1/votes/$VOTE/turnout" 2>/dev/null |
    grep -o '"ballots" *: *[0-9]*' | grep -o '[0-9]*$' || true)
  echo "${count:-${ballots:-0}}"
}
sign_in grid
ticks_before=$(server_ticks)
WEIZHI_BENCH_COOKIE=$COOKIE WEIZHI_BENCH_CSRF=$CSRF WEIZHI_BENCH_BODIES=$WORK/ballots.jsonl \
  WEIZHI_BENCH_PATH=/api/v1/votes/$VOTE/meeting-ballots WEIZHI_BENCH_THREADS=$THREADS \
  "$WRK" -t "$THREADS" -c "$CONNECTIONS" -d 600s --latency -s bench/post_lines.lua "$BASE/" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
# wrk sleeps for its whole duration even when every thread has stopped; SIGINT makes it report the
# time actually taken, so it is sent once every ballot is in, or when none has come for 5 s. The
# turnout reads the whole roll, so it is asked once a second (the console's gauges ask every 5 s).
ballots=0 still=0
while kill -0 "$WRK_PID" 2>/dev/null && ((ballots < VOTERS && still < 5)); do
  sleep 1
  now_ballots=$(recorded_ballots)
  if ((now_ballots == ballots)); then still=$((still + 1)); else still=0; fi
  ballots=$now_ballots
done
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" || { cat "$WORK/wrk.txt" >&2; die "wrk failed"; }
cpu_ticks=$(($(server_ticks) - ticks_before))
ballots=$(recorded_ballots)
seconds=$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' "$WORK/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
p99_ms=$(awk -v v="$p99" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else if (v ~ /s$/) printf "%.2f", v * 1000; else print "" }')
rate=$(awk -v n="$ballots" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
cpu_us=$(awk -v t="$cpu_ticks" -v hz="$CLK_TCK" -v n="$ballots" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
# A request wrk loses (a socket error) leaves its voter without a ballot: said, not fatal.
if ((ballots != VOTERS)); then
  echo "   note: $ballots ballots recorded for $VOTERS voters; wrk: $(grep -i 'errors\|non-2xx' "$WORK/wrk.txt" | tr -s ' ' | paste -sd ';')"
fi
((ballots > 0)) || die "no ballot was recorded: $(head -c 600 "$WORK/wrk.txt")"
printf '   %-46s %8s s   %s ballots/s   p99 %s ms   %s µs server CPU per ballot\n' \
  "cast $ballots meeting ballots" "$seconds" "$rate" "$p99_ms" "$cpu_us"

echo
verdict=$(awk -v r="$rate" -v p="$p99_ms" -v gr="$GOAL_BALLOTS_PER_SECOND" -v gp="$GOAL_P99_MS" \
  'BEGIN { print (r >= gr && p <= gp) ? "met" : "NOT MET" }')
printf '   goal: >= %d ballots/s with p99 <= %d ms at %d connections: %s (%s ballots/s, p99 %s ms)\n' \
  "$GOAL_BALLOTS_PER_SECOND" "$GOAL_P99_MS" "$CONNECTIONS" "$verdict" "$rate" "$p99_ms"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
