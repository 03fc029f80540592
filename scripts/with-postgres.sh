#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a PostgreSQL server the tests may create
# and drop databases on. Uses $TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
# when a server answers there; otherwise starts a throwaway one from Debian's `postgresql`
# package (installed if missing) in a temporary directory on a free port, and stops it after.
set -euo pipefail

URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}

answers() { command -v psql >/dev/null && psql "$1" -Atqc 'select 1' >/dev/null 2>&1; }

if answers "$URL"; then
  echo "==> PostgreSQL for tests: $URL"
  TEST_DATABASE_URL=$URL exec "$@"
fi

echo "==> no PostgreSQL answers at $URL; starting a throwaway server"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DIR=$(mktemp -d /tmp/reserver-pg.XXXXXX)

# PostgreSQL refuses to run as root: use its own system user then.
if [ "$(id -u)" = 0 ]; then
  chown postgres "$DIR"
  run_pg() { runuser -u postgres -- "$@"; }
else
  run_pg() { "$@"; }
fi
stop() {
  run_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

run_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >/dev/null
run_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "==> PostgreSQL for tests: $TEST_DATABASE_URL (throwaway)"
"$@"
