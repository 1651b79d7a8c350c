#!/usr/bin/env bash
# Installs the Debian packages Parley needs to build, run and test, when they
# are missing. Idempotent and quiet when everything is already there, so
# `make run` and `make test` can call it every time on a fresh machine.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libsqlite3-dev libsodium-dev libssl-dev
    libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    libvips-dev
    python3 python3-pytest python3-websocket python3-requests
    chromium irssi tmux
)
# The web client needs Node.js 20.19 or newer; a machine without node gets
# Debian's, which is older, and the build says so plainly.
if ! command -v node > /dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
