#!/usr/bin/env bash
# Starts/stops a private throwaway PostgreSQL server (database weizhi_test) for the test suites.
# Usage: scripts/pg-test.sh start|stop|url   (state file: $WEIZHI_PG_STATE, default build/pg-test.env)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_FILE="${WEIZHI_PG_STATE:-$ROOT/build/pg-test.env}"
DB_NAME=weizhi_test
DATA_PREFIX=weizhi-pg.

die() { printf 'pg-test: %s\n' "$*" >&2; exit 1; }
log() { printf 'pg-test: %s\n' "$*"; }

# PostgreSQL refuses to run as root: run server-side tools as the postgres OS user when we are root.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@") # cd: the caller's cwd may be unreadable for postgres
  else
    "$@"
  fi
}

find_pg_bin() {
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
  [[ -n $dir && -x /usr/lib/postgresql/$dir/bin/pg_ctl ]] ||
    die "no PostgreSQL server found under /usr/lib/postgresql (run scripts/install-deps.sh)"
  printf '%s\n' "/usr/lib/postgresql/$dir/bin"
}

port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

pick_free_port() {
  local port i
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 20001))
    if ! port_in_use "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  die "could not find a free TCP port in 20000-40000"
}

pick_locale() {
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    printf 'C.UTF-8\n'
  else
    printf 'C\n'
  fi
}

# Each API test makes its own copy of the test database: thousands of files made and removed per run. In
# memory (/dev/shm, when it has room for the cluster) that costs a fraction of what a journaling disk costs.
data_parent() {
  local free_kib
  free_kib="$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')"
  if [[ -d /dev/shm && -w /dev/shm && ${free_kib:-0} -ge 2097152 ]]; then
    printf '/dev/shm\n'
  else
    printf '%s\n' "${TMPDIR:-/tmp}"
  fi
}

load_state() {
  [[ -f $STATE_FILE ]] || return 1
  PG_DATA='' PG_PORT='' PG_BIN=''
  # shellcheck source=/dev/null
  source "$STATE_FILE"
  [[ -n $PG_DATA && -n $PG_PORT && -n $PG_BIN ]]
}

server_running() {
  [[ -d $PG_DATA ]] && as_pg "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

# Remove a data dir, but only one that this script created.
remove_data_dir() {
  local dir=$1
  [[ -n $dir && -d $dir ]] || return 0
  [[ $(basename "$dir") == "$DATA_PREFIX"* ]] || die "refusing to delete unexpected data dir: $dir"
  rm -rf -- "$dir"
}

cmd_start() {
  if load_state; then
    if server_running; then
      log "already running on port $PG_PORT (data dir $PG_DATA)"
      return 0
    fi
    log "removing stale state from a previous run"
    remove_data_dir "$PG_DATA"
    rm -f -- "$STATE_FILE"
  fi

  local bin locale data port attempt out started=0
  bin="$(find_pg_bin)"
  locale="$(pick_locale)"
  mkdir -p -- "$(dirname "$STATE_FILE")"

  data="$(mktemp -d -p "$(data_parent)" "${DATA_PREFIX}XXXXXXXX")"
  [[ $EUID -eq 0 ]] && chown postgres:postgres "$data"
  chmod 700 "$data"
  as_pg test -w "$data" || { remove_data_dir "$data"; die "data dir $data is not writable by the postgres user (check \$TMPDIR)"; }

  if ! out="$(as_pg "$bin/initdb" -D "$data" -A trust -U postgres --encoding=UTF8 --locale="$locale" 2>&1)"; then
    printf '%s\n' "$out" >&2
    remove_data_dir "$data"
    die "initdb failed"
  fi

  # The cluster is thrown away after the run and the suites check behaviour, not durability (the crash
  # test does that), so it skips flushing to disk: each test's database copy and commits stay cheap.
  local settings="-c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  # A port can be taken between the check and the start: retry a few times with another one.
  for attempt in 1 2 3 4 5; do
    port="$(pick_free_port)"
    if as_pg "$bin/pg_ctl" start -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $port -k '$data' $settings" >/dev/null; then
      started=1
      break
    fi
    log "start on port $port failed (attempt $attempt)"
  done
  if [[ $started -ne 1 ]]; then
    tail -n 30 "$data/server.log" >&2 || true
    remove_data_dir "$data"
    die "could not start PostgreSQL"
  fi

  printf 'PG_DATA=%q\nPG_PORT=%q\nPG_BIN=%q\n' "$data" "$port" "$bin" >"$STATE_FILE"

  local i
  for ((i = 0; i < 60; i++)); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
    sleep 0.5
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres || {
    tail -n 30 "$data/server.log" >&2 || true
    cmd_stop
    die "PostgreSQL did not become ready"
  }

  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME" || { cmd_stop; die "createdb $DB_NAME failed"; }
  log "PostgreSQL $(basename "$(dirname "$bin")") running on 127.0.0.1:$port (data dir $data)"
}

cmd_stop() {
  if ! load_state; then
    log "not running (no state file)"
    rm -f -- "$STATE_FILE"
    return 0
  fi
  if server_running; then
    as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w >/dev/null || log "pg_ctl stop failed; removing data dir anyway"
  fi
  remove_data_dir "$PG_DATA"
  rm -f -- "$STATE_FILE"
  log "stopped"
}

cmd_url() {
  load_state || die "not started (no state file $STATE_FILE); run: scripts/pg-test.sh start"
  printf 'postgresql://postgres@127.0.0.1:%s/%s\n' "$PG_PORT" "$DB_NAME"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  *) die "usage: $0 start|stop|url" ;;
esac
