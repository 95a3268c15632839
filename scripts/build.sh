#!/usr/bin/env bash
# Configures and builds into build/ (or $T6_BUILD_DIR), the targets given as arguments, all by
# default. T6_CMAKE_ARGS adds configure options (e.g. -DT6_SANITIZE=ON).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${T6_BUILD_DIR:-build}"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${T6_CMAKE_ARGS:-} >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$dir" -j2 "${targets[@]}"
