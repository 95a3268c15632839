#!/usr/bin/env bash
# Instructions per webhook, per thread, of terminal6 --headless under wrk -t1 -c8 for 15 s
# (valgrind's callgrind: counts instructions, not time, so two binaries compare on a busy
# machine). Starts its own redis-server and a subscriber on webhook_raw; keeps the callgrind files
# (the load only: start-up is zeroed) in the printed folder for callgrind_annotate --inclusive=yes.
#   bench/profile.sh [BINARY]      (default build/app/terminal6)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/common.sh"
bench_install wrk:wrk valgrind:valgrind redis-server:redis-server redis-cli:redis-tools curl:curl
T6_BIN="${1:-${T6_BIN:-}}"
bench_binary
work="$(mktemp -d /tmp/t6profile.XXXXXX)"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rp="$(free_port)"; tp="$(free_port)"
redis-server --port "$rp" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize no >/dev/null &
redis=$!
trap 'kill $redis 2>/dev/null || true; pkill -P $$ 2>/dev/null || true' EXIT
for _ in $(seq 50); do redis-cli -p "$rp" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$rp" subscribe webhook_raw >/dev/null &
export WEBHOOK_TOKEN="profile-token-$RANDOM" REDIS_URL="redis://127.0.0.1:$rp/0" T6_EMBEDDED_REDIS=never \
    XDG_CONFIG_HOME="$work/config"
(cd "$work" && valgrind --tool=callgrind --separate-threads=yes --dump-instr=no "$T6_BIN" --headless \
    --host 127.0.0.1 --port "$tp" --data-dir "$work/data" >"$work/terminal6.log" 2>&1) &
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$tp/health" && break; sleep 0.3; done
sleep 2
vg="$(pgrep -f "valgrind.*--port $tp" | head -1)"
callgrind_control -z "$vg" >/dev/null
n="$(wrk -t1 -c8 -d15s -s "$ROOT/bench/webhook.lua" "http://127.0.0.1:$tp/webhook" | sed -n 's/.*ok200=\([0-9]*\).*/\1/p')"
sleep 3
callgrind_control -d "$vg" >/dev/null
sleep 2
kill -TERM "$vg"
wait "$vg" 2>/dev/null || true
echo "webhooks answered under callgrind: $n"
for f in "$work"/callgrind.out.*.1-0*; do
    total="$(sed -n 's/^summary: //p' "$f")"
    thread="$(sed -n 's/^thread: //p' "$f")"
    echo "thread $thread: $((total / n)) instructions per webhook"
done
echo "callgrind files: $work (callgrind_annotate --inclusive=yes --threshold=100 FILE)"
