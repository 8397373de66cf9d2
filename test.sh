#!/usr/bin/env bash
# Runs every test: installs what is missing (PostgreSQL, Chromium, CJK fonts on Debian), starts a throwaway
# PostgreSQL cluster on a loopback port for the provider tests, runs `dotnet test` on the solution, and stops
# the cluster again. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(find_pg_bin)" ]; then
  echo "test.sh: installing PostgreSQL" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(find_pg_bin)"

PG_PORT="${XF_PG_PORT:-55432}"
PG_DIR="$(mktemp -d /tmp/xf-pg.XXXXXX)"
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; fi
cleanup() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export XF_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"

LOG="$PG_DIR/test.log"
set +e
dotnet test XinchuangFlow.sln "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test assemblies, in the plain "N passed, N failed" form.
awk '/(Passed|Failed)! +- +Failed: /{
  for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$LOG"
exit "$status"
