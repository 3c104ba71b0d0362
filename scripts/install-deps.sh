#!/usr/bin/env bash
# Installs the Debian packages Herald needs to build, run and test, if any is missing.
#   scripts/install-deps.sh          build and run (the SQLite default)
#   scripts/install-deps.sh --test   also the PostgreSQL 15 server used by the test suite
set -euo pipefail

packages=(pkg-config libssl-dev zlib1g-dev libcurl4-openssl-dev)
if [ "${1:-}" = "--test" ]; then
    packages+=(postgresql-15 postgresql-client-15)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

if ! command -v swift > /dev/null; then
    echo "swift was not found on PATH: install Swift 6.2 or newer (https://www.swift.org/install/)" >&2
    exit 1
fi
