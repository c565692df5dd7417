#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster (as root): UTF-8 with a C.UTF-8 ctype (pg_trgm makes no
# trigrams for Cyrillic under locale C), a random free port on 127.0.0.1, its socket in the temporary folder,
# trust authentication. The cluster is stopped and its folder removed when the command ends, however it ends.
# Usage: scripts/with-postgres.sh VARIABLE command [args…] — VARIABLE is exported as the server's URL.
# TMKIT_POSTGRES_SETTINGS adds server settings (e.g. "-c shared_buffers=3GB" for the 1M-unit load test).
set -euo pipefail
variable=$1
shift
if [ -n "${!variable:-}" ]; then exec "$@"; fi  # a server is configured already
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] || [ "$(id -u)" != 0 ]; then
  echo "with-postgres: needs root and PostgreSQL (apt-get install postgresql); running without it" >&2
  exec "$@"
fi
folder=$(mktemp -d)
chown postgres: "$folder"
stop() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
runuser -u postgres -- "$PGBIN/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$folder/data" -l "$folder/log" -w start \
  -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off ${TMKIT_POSTGRES_SETTINGS:-}" >/dev/null
export "$variable=postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: throwaway PostgreSQL at ${!variable}" >&2
"$@"
