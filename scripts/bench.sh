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

secret="whsec_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pg_port=$(free_port 55432)
scripts/pg-cluster.sh start "$work/pg" "$pg_port" > /dev/null

if [ "$what" = leaderboard ]; then
    shift
    signer=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
    public_key=$(.build/release/herald-bench public-key "$signer")
    for database in sqlite postgres; do
        case $database in
        sqlite) url="sqlite://$work/leaderboard.sqlite" ;;
        postgres) url="postgres://herald:herald@127.0.0.1:$pg_port/herald" ;;
        esac
        echo "leaderboard recompute, $database:"
        .build/release/herald-bench leaderboard "$url" "$@"
        port=$(free_port 18080)
        DISCORD_PUBLIC_KEY=$public_key DATABASE_URL=$url HTTP_PORT=$port LOG_LEVEL=error \
            .build/release/herald serve > "$work/server-$database.log" 2>&1 &
        server_pid=$!
        for _ in $(seq 1 100); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
            sleep 0.1
        done
        .build/release/herald-bench interactions "$port" "$signer" "${INTERACTION_SECONDS:-10}" "${INTERACTION_CONCURRENCY:-32}"
        kill "$server_pid"
        wait "$server_pid" 2> /dev/null || true
        server_pid=""
    done
    exit 0
fi

if [ "$what" = relay ]; then
    messages=${2:-5000}
    echo "relay, sqlite:"
    .build/release/herald-bench relay "sqlite://$work/relay.sqlite" "$messages"
    echo "relay, postgres:"
    .build/release/herald-bench relay "postgres://herald:herald@127.0.0.1:$pg_port/herald" "$messages"
    exit 0
fi
seconds=${2:-10}

for database in sqlite postgres; do
    case $database in
    sqlite) url="sqlite://$work/bench.sqlite" ;;
    postgres) url="postgres://herald:herald@127.0.0.1:$pg_port/herald" ;;
    esac
    port=$(free_port 18080)
    STRIPE_WEBHOOK_SECRET=$secret DATABASE_URL=$url HTTP_PORT=$port LOG_LEVEL=error \
        .build/release/herald serve > "$work/server-$database.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
        sleep 0.1
    done
    echo "inbound Stripe events, $database (${seconds}s each):"
    for connections in 1 64; do
        python3 scripts/bench_inbound.py --port "$port" --secret "$secret" --connections "$connections" --seconds "$seconds"
    done
    kill "$server_pid"
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
done

echo "signature verification cost:"
.build/release/herald-bench verify
