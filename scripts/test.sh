#!/usr/bin/env bash
# One command from a fresh Debian 12 to the whole test suite: installs, builds, runs ctest.
# Tests start their own redis-server on free ports; widget tests use the offscreen platform.
#   scripts/test.sh              the suite
#   scripts/test.sh --sanitize   the same suite built with AddressSanitizer and UBSan (build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ "${1:-}" = "--sanitize" ]; then
    shift
    export T6_BUILD_DIR=build-asan
    export T6_CMAKE_ARGS="-DT6_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"
fi
scripts/build.sh
cd "${T6_BUILD_DIR:-build}"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "$@"
