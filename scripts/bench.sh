#!/usr/bin/env bash
# Benchmarks, printed as figures (loopback only, bounded in time).
#   scripts/bench.sh inbound [SECONDS]
#     Release build; for SQLite and for PostgreSQL: verified and persisted Stripe
#     events per second over 1 and 64 connections with p50/p99 latency; then the
#     cost of each signature scheme's verification in microseconds.
#   scripts/bench.sh relay [MESSAGES]
#     Release build; for SQLite and for PostgreSQL: signed webhook deliveries per
#     second to a local endpoint with no limit, and peak RSS; then MESSAGES
#     (default 5000) Telegram messages over MESSAGES/10 chats against a local fake
#     enforcing Telegram's limits ×10: achieved rate as a share of the allowed
#     rate, and the number of 429s.
#   scripts/bench.sh leaderboard [MEMBERS...]
#     Release build; for SQLite and for PostgreSQL: the leaderboard recompute time
#     for boards of MEMBERS members (default 10000 and 100000): first ranking,
#     unchanged board, and after 1% of the scores changed; then, on the last
#     board, `herald serve` answering signed /leaderboard slash commands from
#     32 concurrent clients for 10 s (INTERACTION_SECONDS, INTERACTION_CONCURRENCY):
#     answers per second and p50/p99 latency.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-inbound}
case $what in
inbound | relay | leaderboard) ;;
*) echo "usage: scripts/bench.sh inbound [SECONDS] | scripts/bench.sh relay [MESSAGES] | scripts/bench.sh leaderboard [MEMBERS...]" >&2; exit 2 ;;
esac

scripts/install-deps.sh --test
[ "$what" != relay ] && swift build -c release --product herald > /dev/null
swift build -c release --product herald-bench > /dev/null

work=$(mktemp -d /tmp/herald-bench-XXXXXX)
chmod 755 "$work"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null || true
    scripts/pg-cluster.sh destroy "$work/pg" > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2> /dev/null; do port=$((port + 1)); done
    echo "$port"
}

# The throwaway databases, by name: sqlite (a file named $2 in the work directory) or postgres.
database_url() {
    case $1 in
    sqlite) echo "sqlite://$work/$2" ;;
    postgres) echo "postgres://herald:herald@127.0.0.1:$pg_port/herald" ;;
    esac
}

# Starts the release `herald serve` on a free port with the environment given
# as NAME=VALUE arguments, logging to $1; waits until it listens. Sets $port and $server_pid.
start_server() {
    local log=$1
    shift
    port=$(free_port 18080)
    env "$@" HTTP_PORT="$port" LOG_LEVEL=error .build/release/herald serve > "$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
        sleep 0.1
    done
}

stop_server() {
    kill "$server_pid"
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
}

secret="whsec_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pg_port=$(free_port 55432)
scripts/pg-cluster.sh start "$work/pg" "$pg_port" > /dev/null

if [ "$what" = leaderboard ]; then
    shift
    signer=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
    public_key=$(.build/release/herald-bench public-key "$signer")
    for database in sqlite postgres; do
        url=$(database_url "$database" leaderboard.sqlite)
        echo "leaderboard recompute, $database:"
        .build/release/herald-bench leaderboard "$url" "$@"
        start_server "$work/server-$database.log" DISCORD_PUBLIC_KEY="$public_key" DATABASE_URL="$url"
        .build/release/herald-bench interactions "$port" "$signer" "${INTERACTION_SECONDS:-10}" "${INTERACTION_CONCURRENCY:-32}"
        stop_server
    done
    exit 0
fi

if [ "$what" = relay ]; then
    messages=${2:-5000}
    for database in sqlite postgres; do
        echo "relay, $database:"
        .build/release/herald-bench relay "$(database_url "$database" relay.sqlite)" "$messages"
    done
    exit 0
fi
seconds=${2:-10}

for database in sqlite postgres; do
    start_server "$work/server-$database.log" STRIPE_WEBHOOK_SECRET="$secret" DATABASE_URL="$(database_url "$database" bench.sqlite)"
    echo "inbound Stripe events, $database (${seconds}s each):"
    for connections in 1 64; do
        python3 scripts/bench_inbound.py --port "$port" --secret "$secret" --connections "$connections" --seconds "$seconds"
    done
    stop_server
done

echo "signature verification cost:"
.build/release/herald-bench verify
