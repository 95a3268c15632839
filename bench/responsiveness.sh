#!/usr/bin/env bash
# The desktop monitor under 2 000 webhooks/s for 10 s: headless vs GUI on a real X desktop, the
# longest event-loop stall and the GUI/headless ratio (bench/README.md, responsiveness.py).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/bench/common.sh"
bench_install redis-server:redis-server redis-cli:redis-tools python3:python3 Xvfb:xvfb \
    openbox:openbox trayer:trayer xdotool:xdotool xdpyinfo:x11-utils
bench_binary
T6_BIN="$T6_BIN" timeout 300 python3 "$ROOT/bench/responsiveness.py" "$@"
