#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, run as the postgres user (PostgreSQL
# refuses to run as root) in a temporary folder, on a free port.
#   postgres-cluster.sh start FOLDER   prints the cluster's URL
#   postgres-cluster.sh stop FOLDER
# The tests' cluster does not wait for the disk (fsync off); POSTGRES_DURABLE=1 keeps
# PostgreSQL's durable defaults, for benchmarks.
set -euo pipefail
action=${1:?start or stop}
folder=${2:?folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2; exit 1; }
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
start)
    mkdir -p "$folder"
    [ "$(id -u)" = 0 ] && chown postgres "$folder"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_postgres "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1
    options="-p $port -k $folder -c listen_addresses=127.0.0.1 -c max_connections=300"
    [ "${POSTGRES_DURABLE:-0}" = 1 ] || options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_postgres "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 -o "$options" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -d "$folder/data" ] && as_postgres "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
*)
    echo "usage: $0 start|stop FOLDER" >&2; exit 2 ;;
esac
