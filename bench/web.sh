#!/usr/bin/env bash
# Benchmarks the web app in Debian's Chromium: the gzip size of the console's first-screen JavaScript and the
# time until the compound page with 2,000 parts is interactive (web/bench/first-load.mjs). Prints figures and the
# goals; exits 0 when goals are missed, non-zero when something is missing or fails.
set -euo pipefail

# Knobs (environment): WEIZHI_BIN (build/weizhi), BENCH_WEB_RUNS loads of the compound page (5).
cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() {
  echo "bench/web: $*" >&2
  exit 1
}

WEIZHI_BIN=$(realpath -m "${WEIZHI_BIN:-build/weizhi}")
[[ -x $WEIZHI_BIN ]] || die "$WEIZHI_BIN not found: build it first (ninja -C build weizhi)"
[[ -f web/dist/index.html ]] || die "web/dist is missing: run npm --prefix web run build"
[[ -d web/node_modules/playwright-core ]] || die "web/node_modules is missing: run npm --prefix web ci"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found (scripts/install-deps.sh installs it)"

echo "== weizhi web benchmark: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
WEIZHI_BIN="$WEIZHI_BIN" node web/bench/first-load.mjs
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
