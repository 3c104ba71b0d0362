#!/usr/bin/env bash
# Sets up and runs Herald: installs missing system packages, builds a release
# binary and serves on HTTP_HOST:HTTP_PORT (default 127.0.0.1:8080) with the
# SQLite default under ./data/. Arguments are passed to `herald serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product herald
exec .build/release/herald serve "$@"
