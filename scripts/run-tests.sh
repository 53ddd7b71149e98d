#!/usr/bin/env bash
# Runs every Weizhi test suite (source checks, unit, API on SQLite and PostgreSQL, ASan/UBSan, crash,
# browser) and ends with the line "N passed, N failed"; exits non-zero on any failure or crashed suite.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Per-suite time limit (a hung suite must not eat the whole CI budget).
SUITE_TIMEOUT="${WEIZHI_TEST_TIMEOUT:-20m}"
# The browser files run two at a time beside the other suites, sharing two cores with them; their lane
# has a limit of its own.
BROWSER_TIMEOUT="${WEIZHI_BROWSER_TEST_TIMEOUT:-20m}"

TMP=""
PG_STATE=""
PG_STARTED=0
TOTAL_PASSED=0
TOTAL_FAILED=0
SUITE_LINES=()

# Each banner says how far into the run it comes (minutes:seconds), so a slow step shows in the log.
banner() { printf '\n==== %s [%d:%02d] ====\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

record() { # record NAME PASSED FAILED [NOTE]
  local line="suite $1: $2 passed, $3 failed${4:+ ($4)}"
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  SUITE_LINES+=("$line")
  printf '%s\n' "$line"
}

skip() { # skip NAME REASON
  local line="skipped: $1 ($2)"
  SUITE_LINES+=("$line")
  printf '%s\n' "$line"
}

# First occurrence of the integer field "KEY": N in a gtest JSON report (the top-level totals).
json_field() {
  grep -o "\"$1\": *[0-9][0-9]*" "$2" | head -n 1 | grep -o '[0-9][0-9]*$' || true
}

# Prints "PASSED FAILED SKIPPED" from a gtest JSON report; fails if the report is unusable.
gtest_counts() {
  local file=$1 tests failures disabled skipped
  [[ -s $file ]] || return 1
  tests="$(json_field tests "$file")"
  failures="$(json_field failures "$file")"
  [[ -n $tests && -n $failures ]] || return 1
  disabled="$(json_field disabled "$file")"
  skipped="$(grep -c '"result": *"SKIPPED"' "$file" || true)"
  printf '%s %s %s\n' "$((tests - failures - ${disabled:-0} - ${skipped:-0}))" "$failures" "${skipped:-0}"
}

# run_gtest_process JSON FILTER BINARY [VAR=VALUE...]: runs the GoogleTest binary's tests matching
# FILTER with extra env (env's own options such as -u VAR too), streaming its output and writing its
# JSON report to JSON; returns the binary's exit code.
run_gtest_process() {
  local json=$1 filter=$2 bin=$3 rc=0
  shift 3
  local suite_tmp="${json%.json}-tmp"
  mkdir -p "$suite_tmp"
  rm -f -- "$json"
  env "$@" TMPDIR="$suite_tmp" timeout --kill-after=30s "$SUITE_TIMEOUT" \
    "$bin" --gtest_filter="$filter" --gtest_output="json:$json" </dev/null || rc=$?
  return "$rc"
}

# record_gtest_reports NAME EXIT_CODE:JSON...: records one suite from the reports of the processes
# that ran it. A process with no usable report, or that failed with no failed test, counts as a failure.
record_gtest_reports() {
  local name=$1 report rc json counts passed failed skipped
  local total_passed=0 total_failed=0 total_skipped=0 notes=()
  shift
  for report in "$@"; do
    rc="${report%%:*}"
    json="${report#*:}"
    if ! counts="$(gtest_counts "$json")"; then
      if [[ $rc -eq 124 || $rc -eq 137 ]]; then notes+=("timed out after $SUITE_TIMEOUT"); else notes+=("crashed, exit code $rc, no JSON report"); fi
      total_failed=$((total_failed + 1))
      continue
    fi
    read -r passed failed skipped <<<"$counts"
    if [[ $rc -ne 0 && $failed -eq 0 ]]; then
      # e.g. a sanitizer report or crash after the report was written
      failed=1
      notes+=("exit code $rc with no failed test")
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
  done
  if [[ $total_skipped -gt 0 ]]; then notes=("$total_skipped skipped" "${notes[@]}"); fi
  local note="" part
  for part in "${notes[@]}"; do note="${note:+$note, }$part"; done
  record "$name" "$total_passed" "$total_failed" "$note"
}

# True when BINARY exists; otherwise records NAME as failed.
gtest_binary_present() { # gtest_binary_present NAME BINARY
  [[ -x $2 ]] && return 0
  printf 'error: %s not found (build it first: make build build-asan)\n' "$2" >&2
  record "$1" 0 1 "could not run: $2 missing"
  return 1
}

# run_gtest NAME BINARY [VAR=VALUE...]: runs a GoogleTest binary with extra env, streams its output,
# and records the counts. A missing binary, a crash or a non-zero exit count as failures.
run_gtest() {
  local name=$1 bin=$2 rc=0
  shift 2
  banner "$name: $bin"
  gtest_binary_present "$name" "$bin" || return 0
  local json="$TMP/${name//[^A-Za-z0-9]/_}.json"
  run_gtest_process "$json" '*' "$bin" "$@" || rc=$?
  record_gtest_reports "$name" "$rc:$json"
}

# run_api_gtest NAME BINARY DEMO_DATABASE_URL [VAR=VALUE...]: the API tests, as run_gtest, but the
# suites of the full demo street (named *Demo*, tests/support/test_server.hpp), whose seeding takes
# minutes on PostgreSQL, run in a process of their own beside the others, on DEMO_DATABASE_URL when
# given; their output follows the others'. With API_SHARDS=N (SQLite only) the others are split
# between N processes run at once (GoogleTest's sharding), for a stage that has the cores to itself.
run_api_gtest() {
  local name=$1 bin=$2 demo_url=$3 shards=${API_SHARDS:-1} demo_pid shard
  shift 3
  banner "$name: $bin"
  gtest_binary_present "$name" "$bin" || return 0
  local json="$TMP/${name//[^A-Za-z0-9]/_}.json"
  local demo_json="${json%.json}-demo.json"
  run_gtest_process "$demo_json" '*Demo*.*' "$bin" "$@" ${demo_url:+WEIZHI_TEST_DATABASE_URL="$demo_url"} \
    >"${demo_json%.json}.log" 2>&1 &
  demo_pid=$!
  local reports=() pids=() shard_json
  for ((shard = 1; shard < shards; shard++)); do
    shard_json="${json%.json}-shard$shard.json"
    run_gtest_process "$shard_json" '-*Demo*.*' "$bin" "$@" GTEST_TOTAL_SHARDS="$shards" GTEST_SHARD_INDEX="$shard" \
      >"${shard_json%.json}.log" 2>&1 &
    pids+=("$!")
  done
  local rc=0
  if [[ $shards -gt 1 ]]; then
    run_gtest_process "$json" '-*Demo*.*' "$bin" "$@" GTEST_TOTAL_SHARDS="$shards" GTEST_SHARD_INDEX=0 || rc=$?
  else
    run_gtest_process "$json" '-*Demo*.*' "$bin" "$@" || rc=$?
  fi
  reports+=("$rc:$json")
  for ((shard = 1; shard < shards; shard++)); do
    shard_json="${json%.json}-shard$shard.json"
    rc=0
    wait "${pids[shard - 1]}" || rc=$?
    banner "$name: shard $((shard + 1)) of $shards, run beside the first"
    cat "${shard_json%.json}.log"
    reports+=("$rc:$shard_json")
  done
  rc=0
  wait "$demo_pid" || rc=$?
  banner "$name: the demo street's suites (*Demo*), run beside the others"
  cat "${demo_json%.json}.log"
  record_gtest_reports "$name" "${reports[@]}" "$rc:$demo_json"
}

# Sum of the numbers on the lines of FILE matching the extended regex RE.
sum_matches() { # sum_matches RE FILE
  { grep -oE "$1" "$2" || true; } | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'
}

# Prints "PASSED FAILED" from the output of the browser tests: node's test runner
# ("# pass N"/"# fail N"/"# cancelled N", or "ℹ pass N" with the spec reporter), else Playwright
# ("N passed", "N flaky" (passed on retry), "N failed"). Fails if no counts are found.
browser_counts() {
  local clean
  clean="$(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1")" # strip colour codes
  if grep -qE '^(# |ℹ )(pass|fail) [0-9]+' <<<"$clean"; then
    printf '%s %s\n' "$(sum_matches '^(# |ℹ )pass [0-9]+' - <<<"$clean")" \
      "$(sum_matches '^(# |ℹ )(fail|cancelled) [0-9]+' - <<<"$clean")"
  elif grep -qE '^ *[0-9]+ (passed|failed|flaky)' <<<"$clean"; then
    printf '%s %s\n' "$(sum_matches '^ *[0-9]+ (passed|flaky)' - <<<"$clean")" \
      "$(sum_matches '^ *[0-9]+ failed' - <<<"$clean")"
  else
    return 1
  fi
}

# After the browser run hit its time limit: node's runner had not printed the files still running, so
# the progress log the tests append to (web/e2e/support/progress.mjs) tells what passed, what failed
# and what was running. Each test still running counts as failed (at least one: the run itself).
report_stopped_browser_run() { # report_stopped_browser_run PROGRESS_LOG
  local progress=$1 passed failed running
  touch "$progress"
  printf 'browser tests stopped after %s. From the progress log:\n' "$BROWSER_TIMEOUT"
  awk -F'\t' '$1 == "pass" { printf "  passed  %5ss  %s\n", $2, $3 }
               $1 == "fail" { printf "  FAILED  %5ss  %s\n", $2, $3 }' "$progress"
  awk -F'\t' '$1 == "start" { open[$3] = 1 } $1 != "start" { delete open[$3] }
               END { for (name in open) printf "  RUNNING when stopped: %s\n", name }' "$progress"
  passed="$(awk -F'\t' '$1 == "pass"' "$progress" | wc -l)"
  failed="$(awk -F'\t' '$1 == "fail"' "$progress" | wc -l)"
  running="$(awk -F'\t' '$1 == "start" { open[$3] = 1 } $1 != "start" { delete open[$3] }
                        END { n = 0; for (name in open) n++; print n }' "$progress")"
  record browser "$passed" "$((failed + (running > 0 ? running : 1)))" "timed out after $BROWSER_TIMEOUT"
}

# Browser tests (web/e2e), run through `npm --prefix web run e2e`. They mostly wait on Chromium and the
# server, so they run in the background alongside the GoogleTest suites; their output is shown whole
# when they end (finish_browser_tests), not interleaved with the other suites'.
BROWSER_PID=""
BROWSER_NOTE=""
start_browser_tests() {
  if [[ ! -d web/e2e ]]; then
    BROWSER_NOTE="web/e2e not present yet"
  elif ! command -v npm >/dev/null 2>&1; then
    BROWSER_NOTE="could not run: npm missing"
  else
    # setsid: a session of its own, so cleanup can stop npm, node, Chromium and the servers together.
    WEIZHI_E2E_PROGRESS="$TMP/browser-progress.log" \
      setsid -w timeout --kill-after=30s "$BROWSER_TIMEOUT" npm --prefix web run e2e </dev/null >"$TMP/browser.log" 2>&1 &
    BROWSER_PID=$!
  fi
}

finish_browser_tests() {
  local name=browser
  if [[ $BROWSER_NOTE == "web/e2e not present yet" ]]; then
    skip "browser tests" "$BROWSER_NOTE"
    return 0
  fi
  banner "$name: npm --prefix web run e2e (ran alongside the suites above)"
  if [[ -z $BROWSER_PID ]]; then
    record "$name" 0 1 "$BROWSER_NOTE"
    return 0
  fi
  local log="$TMP/browser.log" rc=0
  wait "$BROWSER_PID" || rc=$?
  BROWSER_PID=""
  cat "$log"

  local counts passed failed note=""
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then
    report_stopped_browser_run "$TMP/browser-progress.log"
    return 0
  fi
  if ! counts="$(browser_counts "$log")"; then
    record "$name" 0 1 "exit code $rc, could not find test counts in the output"
    return 0
  fi
  read -r passed failed <<<"$counts"
  if [[ $rc -ne 0 && $failed -eq 0 ]]; then
    failed=1
    note="exit code $rc with no failed test"
  fi
  record "$name" "$passed" "$failed" "$note"
}

# With --build-asan the ASan/UBSan build is made here, in the background at the lowest CPU priority
# while the release-build suites and the browser tests run: those mostly wait (on the server, the
# database and Chromium) and leave CPU idle, which the build takes without slowing them.
ASAN_BUILD_PID=""
start_asan_build() {
  setsid -w nice -n 19 make -C "$ROOT" build-asan </dev/null >"$TMP/asan-build.log" 2>&1 &
  ASAN_BUILD_PID=$!
}

finish_asan_build() {
  [[ -n $ASAN_BUILD_PID ]] || return 0
  banner "build(asan): make build-asan (ran at low priority alongside the suites above)"
  local rc=0
  wait "$ASAN_BUILD_PID" || rc=$?
  ASAN_BUILD_PID=""
  cat "$TMP/asan-build.log"
  if [[ $rc -ne 0 ]]; then record "build(asan)" 0 1 "the ASan/UBSan build failed, exit code $rc"; fi
}

run_postgres_api_tests() {
  local name="api(postgresql)"
  banner "$name: starting a private PostgreSQL"
  PG_STARTED=1
  if ! WEIZHI_PG_STATE="$PG_STATE" bash scripts/pg-test.sh start; then
    record "$name" 0 1 "could not run: PostgreSQL did not start"
    return 0
  fi
  local url
  url="$(WEIZHI_PG_STATE="$PG_STATE" bash scripts/pg-test.sh url)"
  run_api_gtest "$name" build/tests/api_tests "${url}_demo" WEIZHI_TEST_DATABASE_URL="$url"
  WEIZHI_PG_STATE="$PG_STATE" bash scripts/pg-test.sh stop || true
  PG_STARTED=0
}

# The source checks (scripts/check-*.sh: format, layering, the docs' citations): each is one test, failed when it exits
# non-zero, with its output shown.
run_source_checks() {
  local script passed=0 failed=0 names=()
  banner "checks: scripts/check-*.sh"
  for script in scripts/check-*.sh; do
    if bash "$script"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      names+=("$(basename "$script")")
    fi
  done
  record checks "$passed" "$failed" "${names[*]:+failed: ${names[*]}}"
}

SANITIZER_ENV=(
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
)

cleanup() {
  # Quiet: the summary line must stay the last line of output.
  local pid
  for pid in "$BROWSER_PID" "$ASAN_BUILD_PID"; do
    [[ -n $pid ]] || continue
    kill -- "-$pid" >/dev/null 2>&1 || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $PG_STARTED -eq 1 ]]; then
    WEIZHI_PG_STATE="$PG_STATE" bash scripts/pg-test.sh stop >/dev/null 2>&1 || true
  fi
  [[ -z $TMP ]] || rm -rf -- "$TMP"
}

main() {
  local with_asan_build=0
  case "${1:-}" in
    --build-asan) with_asan_build=1 ;;
    "") ;;
    *) printf 'usage: %s [--build-asan]\n' "$0" >&2; exit 2 ;;
  esac
  cd "$ROOT"
  TMP="$(mktemp -d -t weizhi-tests.XXXXXXXX)"
  PG_STATE="$TMP/pg-test.env"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # Every test binary gets a fresh data-encryption key: 64 hex chars.
  export WEIZHI_DATA_KEY_FILE="$TMP/data.key"
  (umask 077 && head -c32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WEIZHI_DATA_KEY_FILE")

  start_browser_tests
  if [[ $with_asan_build -eq 1 ]]; then start_asan_build; fi
  run_source_checks
  run_gtest unit build/tests/unit_tests
  run_api_gtest "api(sqlite)" build/tests/api_tests "" -u WEIZHI_TEST_DATABASE_URL
  run_postgres_api_tests
  if [[ -x build/weizhi ]]; then
    run_gtest crash build/tests/crash_test WEIZHI_BIN="$ROOT/build/weizhi"
  else
    banner "crash: build/tests/crash_test"
    printf 'error: build/weizhi not found (build it first: make build)\n' >&2
    record crash 0 1 "could not run: build/weizhi missing"
  fi
  finish_asan_build
  run_gtest "unit(asan)" build-asan/tests/unit_tests "${SANITIZER_ENV[@]}"
  # By now the browser tests and the builds are mostly done: the sanitized API tests take both cores.
  API_SHARDS=2 run_api_gtest "api(asan,sqlite)" build-asan/tests/api_tests "" -u WEIZHI_TEST_DATABASE_URL \
    "${SANITIZER_ENV[@]}"
  finish_browser_tests

  banner "summary"
  printf '%s\n' "${SUITE_LINES[@]}"
  printf '%s passed, %s failed\n' "$TOTAL_PASSED" "$TOTAL_FAILED"
  [[ $TOTAL_FAILED -eq 0 ]]
}

# Sourcing the script (for testing the parsers) defines the functions without running the suites.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
