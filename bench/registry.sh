#!/usr/bin/env bash
# Benchmarks the registry: (a) seconds for `weizhi seed demo` into a fresh SQLite file; (b) rows/s of
# POST /api/v1/import/parts with a generated 100,000-part CSV (250 buildings × 4 units × 100 rooms) into a new
# compound, dry run and commit, against the goal of 50,000 rows/s; (c) GET /api/v1/stats/organization with wrk
# (skipped when the route answers 404). Prints figures; exits 0 when goals are missed, non-zero when something
# fails to start or answers wrongly.
set -euo pipefail

# Knobs (environment): BENCH_SECONDS for the wrk run (10), WEIZHI_BIN (build/weizhi), WRK_BIN,
# BENCH_TMPDIR (parent of the temp dir, default $TMPDIR or /tmp), BENCH_KEEP=1 keeps the temp dir.
# BENCH_NGINX_RPS: nginx's req/s at 64 connections, which bench/run.sh measured just before, to compare with.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WEIZHI=${WEIZHI_BIN:-build/weizhi}
WRK=${WRK_BIN:-$(command -v wrk || echo /usr/bin/wrk)}
BUILDINGS=250
UNITS=4
FLOORS=25
ROOMS_PER_FLOOR=4
PARTS=$((BUILDINGS * UNITS * FLOORS * ROOMS_PER_FLOOR))
GOAL_ROWS_PER_SECOND=50000

BENCH_NAME=registry
source bench/lib.sh

[[ $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive whole number, got '$SECONDS_PER_RUN'"
[[ -x $WEIZHI ]] || die "$WEIZHI not found: build it first (ninja -C build weizhi)"
[[ -x $WRK ]] || die "wrk not found (apt-get install wrk, or set WRK_BIN)"
command -v curl >/dev/null || die "curl not found"

echo "== weizhi registry benchmark: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- (a) seed the demo street into a fresh SQLite file -------------------------------------------------------
seed_demo
printf '   %-44s %10s s\n' "weizhi seed demo (fresh SQLite file)" "$SEED_SECONDS"

# --- start the server on the seeded database, sign in -------------------------------------------------------
start_server
sign_in admin
find_street_and_community
create_compound 压测小区

# --- (b) import 100,000 parts ---------------------------------------------------------------------------------
awk -v buildings="$BUILDINGS" -v units="$UNITS" -v floors="$FLOORS" -v rooms="$ROOMS_PER_FLOOR" 'BEGIN {
  print "楼栋,总层数,电梯,单元,房号,楼层,用途,面积,面积来源"
  for (b = 1; b <= buildings; b++)
    for (u = 1; u <= units; u++)
      for (f = 1; f <= floors; f++)
        for (r = 1; r <= rooms; r++)
          printf "%d幢,%d,有,%d单元,%d%02d,%d,住宅,%d.%02d,登记\n", b, floors, u, f, r, f, 50 + (b + u + f + r) % 70, (b * r) % 100
}' >"$WORK/parts.csv"
rows=$(($(wc -l <"$WORK/parts.csv") - 1))
((rows == PARTS)) || die "generated $rows rows instead of $PARTS"
echo "   generated $rows parts ($(du -h "$WORK/parts.csv" | cut -f1)) for compound $COMPOUND"

# The machine's cores are often shared: besides wall time, the server's own CPU time tells what the
# import costs, and rows per CPU second what it would reach on an idle core.
import_parts() {  # OPTIONS EXPECTED_STATUS LABEL: POST the file, print its rows/s; sets RATE
  local code seconds ticks_before cpu
  ticks_before=$(server_ticks)
  read -r code seconds < <(curl -sS -o "$WORK/import.json" -w '%{http_code} %{time_total}\n' -H "$NO_EXPECT" -H "Cookie: $COOKIE" \
    -H "X-CSRF-Token: $CSRF" -H 'Content-Type: text/csv' --data-binary "@$WORK/parts.csv" \
    "$BASE/api/v1/import/parts?node=$COMPOUND$1")
  [[ $code == "$2" ]] || die "POST /api/v1/import/parts$1 answered $code: $(head -c 500 "$WORK/import.json")"
  grep -q '"errors":\[\]' "$WORK/import.json" || die "the import reported errors: $(head -c 500 "$WORK/import.json")"
  cpu=$(awk -v t=$(($(server_ticks) - ticks_before)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }')
  RATE=$(awk -v n="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
  printf '   %-44s %10s s  %8s rows/s   (server CPU %s s: %s rows per CPU second)\n' "$3" "$seconds" "$RATE" \
    "$cpu" "$(awk -v n="$rows" -v c="$cpu" 'BEGIN { if (c > 0) printf "%.0f", n / c; else print "-" }')"
}
import_parts "&dry_run=1" 200 "import $rows parts, dry run"
import_parts "" 201 "import $rows parts, commit"
COMMIT_RATE=$RATE

# --- (c) organisation statistics ------------------------------------------------------------------------------
STATS_PATH=/api/v1/stats/organization
code=$(curl -sS -o "$WORK/stats.json" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$STATS_PATH")
STATS_LINE="skipped: $STATS_PATH answered $code"
if [[ $code == 200 ]]; then
  "$WRK" -t 2 -c 64 -d "${SECONDS_PER_RUN}s" --latency -H "Cookie: $COOKIE" "$BASE$STATS_PATH" >"$WORK/wrk.txt" 2>&1 ||
    { cat "$WORK/wrk.txt" >&2; die "wrk failed"; }
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk.txt")
  STATS_LINE="$rps req/s, p99 $p99, non-2xx ${non2xx:-0} (2 threads, 64 connections, ${SECONDS_PER_RUN} s)"
  if [[ -n ${BENCH_NGINX_RPS:-} ]]; then
    STATS_LINE+="; $(awk -v a="$rps" -v b="$BENCH_NGINX_RPS" 'BEGIN { printf "%.2f", a / b }') of nginx's"
    STATS_LINE+=" $BENCH_NGINX_RPS req/s at 64 connections in this run"
  else
    STATS_LINE+="; no nginx ceiling: run through bench/run.sh (make bench) to compare"
  fi
elif [[ $code != 404 ]]; then
  die "GET $STATS_PATH answered $code: $(head -c 300 "$WORK/stats.json")"
fi
printf '   %-44s %s\n' "GET $STATS_PATH" "$STATS_LINE"

echo
verdict=$( ((COMMIT_RATE >= GOAL_ROWS_PER_SECOND)) && echo met || echo "NOT MET")
printf '   goal: import >= %d rows/s (commit of %d parts): %s (%s rows/s)\n' "$GOAL_ROWS_PER_SECOND" "$PARTS" \
  "$verdict" "$COMMIT_RATE"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
