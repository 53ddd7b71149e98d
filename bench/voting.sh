#!/usr/bin/env bash
# Benchmarks the vote tally: generates a 1,000,000-part roll.csv (one voter per part, a developer
# block, parking spaces) and a ballots.csv with a choice from nine voters in ten, then times
# `weizhi tally` end to end (goal ≤ 2 s) and its tally alone (goal ≤ 1 s). Prints figures; exits 0
# when goals are missed, non-zero when the tally fails.
set -euo pipefail

# Knobs (environment): VOTERS (1000000), WEIZHI_BIN (build/weizhi), BENCH_TMPDIR (parent of the temp
# dir, default $TMPDIR or /tmp), BENCH_KEEP=1 keeps the temp dir.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VOTERS=${VOTERS:-1000000}
WEIZHI=${WEIZHI_BIN:-build/weizhi}

die() {
  echo "bench/voting: $*" >&2
  exit 1
}

[[ $VOTERS =~ ^[1-9][0-9]*$ ]] || die "VOTERS must be a positive whole number, got '$VOTERS'"
[[ -x $WEIZHI ]] || die "$WEIZHI not found: build it first (ninja -C build weizhi)"

WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/weizhi-voting-bench.XXXXXX")
cleanup() {
  local status=$?
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "bench/voting: kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT

echo "== weizhi vote tally benchmark: $VOTERS parts; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Part i belongs to owner i, except the developer's last 1,000 parts (one owner) and every 200th
# part, a parking space. Areas from 40.00 to 139.99 m².
awk -v n="$VOTERS" 'BEGIN {
  print "part_id,owner_id,owner_kind,area,use"
  developer_from = n - 1000
  for (i = 1; i <= n; i++) {
    kind = i > developer_from ? "developer" : "person"
    owner = i > developer_from ? n + 1 : i
    use = i % 200 == 0 ? "parking" : "residential"
    printf "%d,%d,%s,%d.%02d,%s\n", i, owner, kind, 40 + i % 100, i % 97, use
  }
}' >"$WORK/roll.csv"
# Nine owners in ten vote: mostly agree, some oppose, abstain and follow-majority.
awk -v n="$VOTERS" 'BEGIN {
  print "owner_id,item,choice"
  split("agree agree agree agree oppose abstain follow agree oppose agree agree", choices, " ")
  for (i = 1; i <= n - 1000; i++) {
    if (i % 10 == 0 || i % 200 == 0) continue
    printf "%d,1,%s\n", i, choices[i % 11 + 1]
  }
  printf "%d,1,agree\n", n + 1
}' >"$WORK/ballots.csv"
echo "   roll.csv $(($(wc -l <"$WORK/roll.csv") - 1)) lines, ballots.csv $(($(wc -l <"$WORK/ballots.csv") - 1)) lines"

start=$(date +%s.%N)
"$WEIZHI" tally --roll "$WORK/roll.csv" --ballots "$WORK/ballots.csv" --matter 4 --timing \
  >"$WORK/result.json" 2>"$WORK/timing.txt" || { cat "$WORK/timing.txt" >&2; die "weizhi tally failed"; }
end=$(date +%s.%N)
total=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
read_seconds=$(awk '{ print $2 }' "$WORK/timing.txt")
tally_seconds=$(awk '{ print $5 }' "$WORK/timing.txt")
outcome=$(grep -o '"outcome": "[a-z_]*"' "$WORK/result.json" | head -n 1)

verdict() { awk -v a="$1" -v b="$2" 'BEGIN { if (a <= b) print "met"; else print "NOT MET" }'; }
printf '   %-52s %8s s  %s\n' "weizhi tally, whole command (goal <= 2 s)" "$total" "$(verdict "$total" 2)"
printf '   %-52s %8s s\n' "  of which reading and parsing the two files" "$read_seconds"
printf '   %-52s %8s s  %s\n' "  of which the tally of the electorate (goal <= 1 s)" "$tally_seconds" \
  "$(verdict "$tally_seconds" 1)"
echo "   result: $outcome"
