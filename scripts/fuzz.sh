#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/ and runs each for [seconds]
# (default 60; `scripts/fuzz.sh 600` is the long run) on a copy of its seed corpus.
# Exits non-zero when any target crashes; reproducers are kept in build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
targets=(fuzz_httpframer fuzz_httpdiff fuzz_token fuzz_envelope)
declare -A dicts=([fuzz_httpframer]=fuzz/http.dict [fuzz_httpdiff]=fuzz/http.dict [fuzz_token]=fuzz/json.dict [fuzz_envelope]=fuzz/json.dict)

scripts/install-deps.sh
missing=()
for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DT6_FUZZ=ON -DT6_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz --target fuzz   # the fuzzers only, not the application

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
crashes="build-fuzz/crashes"
mkdir -p "$crashes"
failed=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
    cp fuzz/corpus/"$t"/* "$work/$t/corpus/"
    echo "== $t: ${seconds}s"
    status=0
    nice -n 10 "build-fuzz/fuzz/$t" "$work/$t/corpus" -dict="${dicts[$t]}" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/$t/artifacts/" >"$work/$t/log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+DONE' "$work/$t/log" | tail -1 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
        "$work/$t/log" || true
    grep -E '^fuzz_httpdiff: [0-9]+ accepted' "$work/$t/log" || true
    if [ "$status" -ne 0 ]; then
        failed+=("$t")
        echo "!! $t crashed (exit $status):"
        grep -E -A30 'ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error|^fuzz_' \
            "$work/$t/log" | head -60 || tail -40 "$work/$t/log"
        for f in "$work/$t/artifacts"/*; do
            [ -e "$f" ] || continue
            cp "$f" "$crashes/$t-$(basename "$f")"
            echo "reproducer: $crashes/$t-$(basename "$f") (replay: build-fuzz/fuzz/$t <file>)"
            head -c 512 "$f" | od -c | head -20
        done
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "Crashes in: ${failed[*]}"
    exit 1
fi
echo "No crash in ${targets[*]} (${seconds}s each)."
