#!/usr/bin/env bash
# Installs the Debian packages (and, once web/ exists, the npm packages) needed to build and test Weizhi.
# Idempotent: when everything is already installed it changes nothing and prints one line.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(
  build-essential g++ clang libclang-rt-14-dev clang-format cmake ninja-build pkg-config
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev libsoci-dev libboost-dev
  nlohmann-json3-dev libsodium-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libjpeg62-turbo-dev libturbojpeg0-dev libpng-dev libwebp-dev libexif-dev cracklib-runtime
  libsqlite3-dev sqlite3 libpq-dev libgtest-dev libgmock-dev libcurl4-openssl-dev
  postgresql postgresql-client
  nginx wrk curl ca-certificates chromium fonts-noto-cjk
)
# node and npm come from outside Debian on our machines: never install Debian's nodejs/npm.

log() { printf 'install-deps: %s\n' "$*"; }
warn() { printf 'install-deps: warning: %s\n' "$*" >&2; }

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "install-deps: must run as root (or have sudo) to install: $*" >&2
    exit 1
  fi
}

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# Names of the PostgreSQL clusters currently online ("VERSION NAME" per line).
online_pg_clusters() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $1, $2 }'
}

install_system_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
  done

  if [[ ${#missing[@]} -eq 0 ]]; then
    log "all ${#PACKAGES[@]} system packages already installed, nothing to do"
    return 0
  fi

  log "installing ${#missing[@]} missing package(s): ${missing[*]}"
  local clusters_before
  clusters_before="$(online_pg_clusters)"

  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" </dev/null

  # Installing postgresql creates (and may start) Debian's default cluster. We never use it
  # (tests run a private server via scripts/pg-test.sh), so stop any cluster this install started.
  local ver name
  while read -r ver name; do
    [[ -n $ver ]] || continue
    if ! grep -qxF "$ver $name" <<<"$clusters_before"; then
      log "stopping PostgreSQL cluster $ver/$name started by the package install (not used by Weizhi)"
      as_root pg_ctlcluster "$ver" "$name" stop || warn "could not stop cluster $ver/$name"
    fi
  done < <(online_pg_clusters)
}

check_node() {
  local tool
  for tool in node npm; do
    command -v "$tool" >/dev/null 2>&1 ||
      warn "'$tool' not found on PATH; the web UI and browser tests need Node.js 20+ and npm (not installed by this script)"
  done
}

# npm packages of the web UI: `npm ci` only when node_modules is missing or older than the lock file.
install_web_packages() {
  [[ -f web/package.json ]] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    warn "web/package.json exists but npm is missing; skipping web packages"
    return 0
  fi
  local stamp=web/node_modules/.package-lock.json lock=web/package-lock.json
  if [[ ! -f $lock ]]; then
    log "web/package-lock.json missing; running npm install in web/"
    npm --prefix web install --no-audit --no-fund
  elif [[ ! -f $stamp || $stamp -ot $lock ]]; then
    log "installing web npm packages (npm ci in web/)"
    (cd web && npm ci --no-audit --no-fund)
  fi
}

install_system_packages
check_node
install_web_packages
