#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on a loopback port, then stops and deletes the cluster.
# The command sees XF_TEST_POSTGRES (a connection string to the server, database "postgres").
# Installs PostgreSQL with apt-get when it is missing. Usage: scripts/with-postgres.sh COMMAND [ARGS…]
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(find_pg_bin)" ]; then
  echo "with-postgres: installing PostgreSQL" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(find_pg_bin)"
PG_PORT="${XF_PG_PORT:-55432}"
PG_DIR="$(mktemp -d /tmp/xf-pg.XXXXXX)"
pg_as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; fi
cleanup() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# XF_PG_OPTIONS lets the benchmark keep durable settings; tests trade durability for speed.
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 ${XF_PG_OPTIONS:--c fsync=off -c synchronous_commit=off -c full_page_writes=off}" \
  start >/dev/null
export XF_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"
"$@"
