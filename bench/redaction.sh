#!/usr/bin/env bash
# What keeping tokens out of records costs: builds t6core (scripts/build.sh t6core), compiles
# bench/redaction.cpp against it with -O2 in a temporary folder, runs it, removes the folder.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$ROOT/${T6_BUILD_DIR:-build}"
WORK="$(mktemp -d /tmp/t6bench-redaction.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

T6_BUILD_DIR="${T6_BUILD_DIR:-build}" "$ROOT/scripts/build.sh" t6core >/dev/null
g++ -std=c++20 -O2 -fPIC "$ROOT/bench/redaction.cpp" -I"$ROOT/app/core" \
    $(pkg-config --cflags Qt6Core) "$BUILD/app/core/libt6core.a" $(pkg-config --libs Qt6Core) \
    -o "$WORK/redaction"
echo "TokenCheck, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$WORK/redaction"
