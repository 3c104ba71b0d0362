#!/usr/bin/env bash
# Throwaway PostgreSQL 15 clusters for the test suite.
#   scripts/pg-cluster.sh start DIR PORT   create (if needed) and start a cluster in DIR on 127.0.0.1:PORT,
#                                          with role herald/herald (CREATEDB) and database herald
#   scripts/pg-cluster.sh stop DIR         stop it (fast)
#   scripts/pg-cluster.sh destroy DIR      stop it and delete DIR
# Works as root (runs the server as the postgres user) or as an ordinary user.
set -euo pipefail

# The server daemonizes: close every inherited descriptor above stderr first, so it
# cannot hold open a pipe that the caller watches to learn this script has exited.
for fd in $(ls /proc/$$/fd); do
    if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-"; fi
done

action=${1:?usage: pg-cluster.sh start|stop|destroy DIR [PORT]}
dir=${2:?cluster directory required}
port=${3:-54329}
if [ -z "${3:-}" ] && [ -f "$dir/postgresql.conf" ]; then
    # An existing cluster keeps the port it was created with.
    port=$(sed -n 's/^port = //p' "$dir/postgresql.conf" | tail -n 1)
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg-cluster: PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
        pwfile=$(mktemp)
        echo "herald" > "$pwfile"
        chmod 644 "$pwfile"
        as_owner "$bin/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            --pwfile="$pwfile" -E UTF8 --no-instructions > "$dir.initdb.log" 2>&1 \
            || { cat "$dir.initdb.log" >&2; exit 1; }
        rm -f "$pwfile"
        {
            echo "listen_addresses = '127.0.0.1'"
            echo "port = $port"
            echo "unix_socket_directories = '$dir'"
            echo "max_connections = 1000"
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        } | as_owner tee -a "$dir/postgresql.conf" > /dev/null
    fi
    if as_owner "$bin/pg_ctl" -D "$dir" status > /dev/null 2>&1; then
        exit 0
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 start > /dev/null
    as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<'SQL'
SELECT 'CREATE ROLE herald LOGIN CREATEDB PASSWORD ''herald'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'herald') \gexec
SELECT 'CREATE DATABASE herald OWNER herald'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'herald') \gexec
SQL
    ;;
stop)
    if [ -f "$dir/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$dir" status > /dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop > /dev/null
    fi
    ;;
destroy)
    "$0" stop "$dir"
    rm -rf "$dir" "$dir.initdb.log"
    ;;
*)
    echo "usage: pg-cluster.sh start|stop|destroy DIR [PORT]" >&2
    exit 2
    ;;
esac
