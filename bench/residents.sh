#!/usr/bin/env bash
# Benchmarks residents signing in by phone over HTTP on SQLite: PHONES owners with their own phones are
# imported into the demo street, wrk asks a sign-in code for each (POST /api/v1/session/sms-code, codes
# written by the file: provider), then signs each in with their code (POST /api/v1/session: the code spent,
# the account made with its resident role, the session opened, all audited). Prints both rates; exits 0
# when a goal is missed, non-zero when something fails.
set -euo pipefail

# Knobs (environment): PHONES (20000), BENCH_CONNECTIONS (64), BENCH_THREADS (2), WEIZHI_BIN (build/weizhi),
# WRK_BIN, BENCH_TMPDIR (parent of the temp dir), BENCH_KEEP=1 keeps the temp dir.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PHONES=${PHONES:-20000}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WEIZHI=${WEIZHI_BIN:-build/weizhi}
WRK=${WRK_BIN:-$(command -v wrk || echo /usr/bin/wrk)}
# A street of 20,000 households asked to sign up on one morning: 300/s brings the whole street's
# requests within a minute or so.
GOAL_CODES_PER_SECOND=300
GOAL_SIGN_INS_PER_SECOND=300

BENCH_NAME=residents
source bench/lib.sh

[[ $PHONES =~ ^[1-9][0-9]*$ ]] || die "PHONES must be a positive whole number, got '$PHONES'"
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ && $THREADS =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNECTIONS and BENCH_THREADS must be whole numbers"
[[ -x $WEIZHI ]] || die "$WEIZHI not found: build it first (ninja -C build weizhi)"
[[ -x $WRK ]] || die "wrk not found (apt-get install wrk, or set WRK_BIN)"
command -v curl >/dev/null || die "curl not found"

echo "== weizhi phone sign-in benchmark: $PHONES phones, $CONNECTIONS connections; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
seed_demo
# Every request comes from one address here, so the per-address code limit is lifted for the run.
export WEIZHI_SMS_PROVIDER="file:$WORK/sms.log" WEIZHI_SMS_CODES_PER_ADDRESS_PER_HOUR=100000000
start_server
sign_in admin
find_street_and_community
create_compound 登录压测小区
write_parts_and_owners "$PHONES" 167
send POST "/api/v1/import/parts?node=$COMPOUND" text/csv "$WORK/parts.csv" 201 "$WORK/import-parts.json"
send POST "/api/v1/import/people?node=$COMPOUND" text/csv "$WORK/people.csv" 201 "$WORK/import-people.json"
echo "   imported $PHONES owners with phones 167xxxxxxxx"

awk -F, 'NR > 1 { printf "{\"phone\": \"%s\"}\n", $2 }' "$WORK/people.csv" >"$WORK/code-requests.jsonl"
read -r seconds code_rate code_p99 code_cpu codes < <(run_lines "$WORK/code-requests.jsonl" /api/v1/session/sms-code 202)
sent=$(wc -l <"$WORK/sms.log")
printf '   %-40s %8s s   %s codes/s   p99 %s ms   %s µs server CPU per request\n' \
  "ask $codes sign-in codes ($sent sent)" "$seconds" "$code_rate" "$code_p99" "$code_cpu"

# The file provider's lines are "phone<TAB>message"; the message's only run of six digits is the code.
awk -F'\t' 'match($2, /[0-9][0-9][0-9][0-9][0-9][0-9]/) {
  printf "{\"phone\": \"%s\", \"code\": \"%s\"}\n", $1, substr($2, RSTART, 6) }' "$WORK/sms.log" >"$WORK/sign-ins.jsonl"
read -r seconds sign_in_rate sign_in_p99 sign_in_cpu sign_ins < <(run_lines "$WORK/sign-ins.jsonl" /api/v1/session 200)
printf '   %-40s %8s s   %s sign-ins/s   p99 %s ms   %s µs server CPU per request\n' \
  "first sign-in of $sign_ins residents" "$seconds" "$sign_in_rate" "$sign_in_p99" "$sign_in_cpu"
((sign_ins == sent)) || echo "   note: $sign_ins of $sent codes signed someone in; wrk: $(grep -i 'errors\|non-2xx' "$WORK/wrk.txt" | tr -s ' ' | paste -sd ';')"

echo
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r >= g) ? "met" : "NOT MET" }'; }
printf '   goal: >= %d code requests/s: %s (%s/s)\n' "$GOAL_CODES_PER_SECOND" "$(verdict "$code_rate" "$GOAL_CODES_PER_SECOND")" "$code_rate"
printf '   goal: >= %d first sign-ins/s: %s (%s/s)\n' "$GOAL_SIGN_INS_PER_SECOND" \
  "$(verdict "$sign_in_rate" "$GOAL_SIGN_INS_PER_SECOND")" "$sign_in_rate"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
