#!/usr/bin/env bash
# One command from a fresh Debian 12 to the whole test suite: installs, builds, runs ctest.
# Tests start their own redis-server on free ports; widget tests use the offscreen platform.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "$@"
