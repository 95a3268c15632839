#!/usr/bin/env bash
# Fault run: 20 000 webhooks at 2 000/s while redis-server (~25 %) and terminal6 (~60 %) are
# SIGKILLed and restarted; checks that every acknowledged webhook is in the Redis stream once, in
# order. See fault_run.py for the details. Arguments are passed on (e.g. --count 5000, --keep).
# Exit status: 0 when lost, duplicated and out_of_order are all 0; 1 otherwise.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
    echo "installing: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Set T6_BIN to use a given binary as it is (no build).
if [[ -z "${T6_BIN:-}" ]]; then
    T6_BIN="$ROOT/build/app/terminal6"
    if [[ ! -x "$T6_BIN" ]] || [[ -n "$(find "$ROOT/app" -newer "$T6_BIN" -type f -print -quit 2>/dev/null)" ]]; then
        echo "building terminal6 (scripts/build.sh terminal6)..."
        if ! "$ROOT/scripts/build.sh" terminal6 >/tmp/t6bench-build.$$.log 2>&1; then
            tail -5 /tmp/t6bench-build.$$.log
            if [[ -x "$T6_BIN" ]]; then
                echo "build failed: using the existing $T6_BIN"
            else
                echo "build failed and there is no $T6_BIN (set T6_BIN to a binary)"
                exit 1
            fi
        fi
        rm -f /tmp/t6bench-build.$$.log
    fi
fi
export T6_BIN
# The script bounds itself (~10 s of load, 60 s of draining at most); this is a last resort.
exec timeout -k 10 240 python3 "$HERE/fault_run.py" "$@"
