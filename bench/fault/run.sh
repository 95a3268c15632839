#!/usr/bin/env bash
# Fault run: 20 000 webhooks at 2 000/s while redis-server (~25 %) and terminal6 (~60 %) are
# SIGKILLed and restarted; checks that every acknowledged webhook is in the Redis stream once, in
# order. See fault_run.py for the details. Arguments are passed on (e.g. --count 5000, --keep).
# Exit status: 0 when lost, duplicated and out_of_order are all 0; 1 otherwise.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

source "$ROOT/bench/common.sh"
bench_install redis-server:redis-server python3:python3
# Set T6_BIN to use a given binary as it is (no build).
bench_binary
export T6_BIN
# The script bounds itself (~10 s of load, 60 s of draining at most); this is a last resort.
exec timeout -k 10 240 python3 "$HERE/fault_run.py" "$@"
