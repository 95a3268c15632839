#!/usr/bin/env bash
# Attack run: 1 000 hostile connections (idle, slow, empty lines) and 100 000 refused requests
# while valid webhooks arrive at 100/s; reports their statuses and p99, and the journal's size
# before and after. See attack_run.py. Arguments are passed on (e.g. --one-address, --keep).
# Exit status: 0 when every valid webhook got 200 and reached the stream.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

source "$ROOT/bench/common.sh"
bench_install redis-server:redis-server python3:python3
bench_binary
export T6_BIN
exec timeout -k 10 300 python3 "$HERE/attack_run.py" "$@"
