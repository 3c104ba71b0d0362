#!/usr/bin/env bash
# Runs the whole test suite: installs missing system packages, starts two
# throwaway PostgreSQL 15 servers (one shared, one the outage test stops and
# starts), builds, runs every test against SQLite and PostgreSQL, and removes
# the servers afterwards. Arguments, if any, are passed to one `swift test` run
# instead (e.g. `scripts/test.sh --filter LedgerTests`).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test

work=$(mktemp -d /tmp/herald-test-XXXXXX)
chmod 755 "$work"
main_dir="$work/pg-main"
outage_dir="$work/pg-outage"
# First port at or after $1 on which nothing listens.
free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2> /dev/null; do port=$((port + 1)); done
    echo "$port"
}
main_port=$(free_port "${HERALD_TEST_PG_PORT:-54329}")
outage_port=$(free_port $((main_port + 1)))

cleanup() {
    scripts/pg-cluster.sh destroy "$main_dir" || true
    scripts/pg-cluster.sh destroy "$outage_dir" || true
    rm -rf "$work"
}
trap cleanup EXIT

scripts/pg-cluster.sh start "$main_dir" "$main_port"
scripts/pg-cluster.sh start "$outage_dir" "$outage_port"

export HERALD_TEST_POSTGRES_URL="postgres://herald:herald@127.0.0.1:$main_port/postgres"
export HERALD_TEST_OUTAGE_POSTGRES_URL="postgres://herald:herald@127.0.0.1:$outage_port/herald"
export HERALD_TEST_OUTAGE_PGDATA="$outage_dir"
export HERALD_TEST_PG_CLUSTER="$PWD/scripts/pg-cluster.sh"

swift build --build-tests
if [ $# -gt 0 ]; then
    exec swift test --skip-build --disable-xctest "$@"
fi
# Suites that measure time, pace against fakes or run child processes get the
# machine to themselves, one suite at a time; everything else runs in parallel.
# ReadinessOutageTests stops and starts a PostgreSQL server.
timed=(CurlTransportTests DispatcherTests DiscordChannelTests SharedSenderTests RateLimitFeedbackTests RelayMetricsTests
    MarkupDeliveryTests WebhookChannelTests CrashSafetyTests ProcessLifecycleTests ReadinessOutageTests)
status=0
# A run that outlives its bound is stopped, and killed 30 s later if it ignores SIGTERM.
timeout -k 30 1200 swift test --skip-build --disable-xctest --skip "$(IFS='|'; echo "${timed[*]}")" || status=1
for suite in "${timed[@]}"; do
    timeout -k 30 600 swift test --skip-build --disable-xctest --filter "$suite" || status=1
done
exit $status
