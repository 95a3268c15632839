#!/usr/bin/env bash
# Terminal 6 against its peers, all in one run: nginx (`return 200` after a token check), the seed's
# aiohttp + redis.asyncio design, a bare QHttpServer and terminal6 (headless, and with its window on
# Xvfb), under wrk -c8/-c64, open loop at 1 000/s and 5 000/s, with a subscriber on webhook_raw and
# with Redis stopped; CPU per webhook and memory. Writes bench/RESULTS.md (bench/peers/run.py).
#
#   bench/peers.sh                 # 3 rounds of 10 s (about 12 minutes)
#   ROUNDS=1 DURATION=5 GUI=0 bench/peers.sh
# Environment: T6_BIN (a binary to use as is), RESULTS (where to write; bench/RESULTS.md).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
source "$ROOT/bench/common.sh"
bench_install wrk:wrk nginx:nginx-light redis-server:redis-server redis-cli:redis-tools \
    gcc:gcc Xvfb:xvfb openbox:openbox
/usr/bin/python3 -c 'import aiohttp, redis.asyncio' 2>/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiohttp python3-redis >/dev/null; }
bench_binary

WORK="$(mktemp -d /tmp/t6peers.XXXXXX)"
cleanup() {
    local rc=$?
    pkill -TERM -P $$ 2>/dev/null || true
    [ -z "${X_SESSION_PIDS:-}" ] || "$ROOT/tests/desktop/x-session.sh" stop >/dev/null 2>&1 || true
    if [[ $rc -ne 0 ]]; then echo "work dir kept: $WORK"; else rm -rf "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp "$T6_BIN" "$WORK/terminal6"
gcc -O2 -o "$WORK/openloop" "$BENCH_DIR/peers/openloop.c"
cmake -S "$BENCH_DIR/peers" -B "$WORK/bare-build" -G Ninja >/dev/null
cmake --build "$WORK/bare-build" >/dev/null
if [[ "${GUI:-1}" == 1 ]]; then
    eval "$("$ROOT/tests/desktop/x-session.sh" start)"
fi
WORK="$WORK" T6_COPY="$WORK/terminal6" OPENLOOP="$WORK/openloop" \
    BARE="$WORK/bare-build/bare_qhttpserver" /usr/bin/python3 "$BENCH_DIR/peers/run.py"
