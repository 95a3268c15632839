#!/usr/bin/env bash
# Throughput of Terminal 6 with the journal off (--durability memory), normal and full, in one run.
#
# Starts its own redis-server (no persistence) on a free loopback port, then for each durability
# a fresh terminal6 (--require-listener false --dedupe-window 0, its own data dir) loaded by
#   wrk -t2 -c8 -d10s -s bench/webhook.lua
# Prints requests/s, latency p50/p99, the ratios normal/memory and full/memory, and checks that
# the stream holds exactly what wrk saw acknowledged (XLEN == wrk's 200s, no non-2xx).
# Exits 1 when a check fails. Stops everything it started, by pid, even on failure.
#
# Environment: WRK_THREADS (2), WRK_CONNECTIONS (8), WRK_DURATION (10s), MODES ("memory normal
# full"), T6_BIN (a binary to use as is; default build/app/terminal6, built when missing or
# older than app/; when that build fails the existing binary is used).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-8}"
WRK_DURATION="${WRK_DURATION:-10s}"
MODES="${MODES:-memory normal full}"

# --- packages ------------------------------------------------------------------------------------
source "$ROOT/bench/common.sh"
bench_install wrk:wrk redis-server:redis-server redis-cli:redis-tools curl:curl python3:python3
# --- build ---------------------------------------------------------------------------------------
# Set T6_BIN to use a given binary as it is (no build).
bench_binary

# --- bookkeeping ---------------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/t6bench.XXXXXX)"
# A private copy: a rebuild by someone else during the run must not swap the binary under us.
cp "$T6_BIN" "$WORK/terminal6"
PIDS=()
cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    if [[ "${KEEP_WORK:-0}" == 1 || $rc -ne 0 ]]; then
        echo "work dir kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# --- redis ---------------------------------------------------------------------------------------
REDIS_PORT="$(free_port)"
mkdir -p "$WORK/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$WORK/redis" --logfile "$WORK/redis/redis.log" --daemonize no &
PIDS+=($!)
rcli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }
for _ in $(seq 50); do rcli ping >/dev/null 2>&1 && break; sleep 0.1; done
rcli ping >/dev/null

export WEBHOOK_TOKEN="bench-token-$RANDOM$RANDOM"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
STREAM=webhook_raw:stream

health_field() { # $1 port, $2 field
    curl -s --max-time 2 "http://127.0.0.1:$1/health" |
        python3 -c "import json,sys; print(json.load(sys.stdin).get('$2', ''))" 2>/dev/null || true
}

declare -A RPS P50 P99 OK XLEN VERDICT
failures=0

echo "terminal6 (copy of $T6_BIN), wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION, $(nproc) cores, redis $(redis-server --version | awk '{print $3}')"
for mode in $MODES; do
    rcli del "$STREAM" >/dev/null
    port="$(free_port)"
    data="$WORK/data-$mode"
    log="$WORK/terminal6-$mode.log"
    "$WORK/terminal6" --headless --host 127.0.0.1 --port "$port" --data-dir "$data" \
        --durability "$mode" --require-listener false --dedupe-window 0 \
        --replay-max-age 0 --stream-maxlen 100000000 >"$log" 2>&1 &
    app=$!
    PIDS+=("$app")
    for _ in $(seq 100); do
        [[ "$(health_field "$port" redis)" == ok ]] && break
        kill -0 "$app" 2>/dev/null || { echo "terminal6 ($mode) died at start:"; cat "$log"; exit 1; }
        sleep 0.1
    done
    [[ "$(health_field "$port" redis)" == ok ]] || { echo "terminal6 ($mode) not ready"; cat "$log"; exit 1; }

    load_before="$(cut -d' ' -f1 /proc/loadavg)"
    out="$WORK/wrk-$mode.txt"
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency \
        -s "$BENCH_DIR/webhook.lua" "http://127.0.0.1:$port/webhook" >"$out" 2>&1 || true
    line="$(grep '^T6WRK ' "$out" || true)"
    [[ -n "$line" ]] || { echo "wrk ($mode) gave no result:"; cat "$out"; exit 1; }
    get() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" $line"; }

    # Everything acknowledged must reach the stream: wait for the forwarder (bounded).
    for _ in $(seq 300); do
        [[ "$(health_field "$port" pending)" == 0 ]] && break
        sleep 0.1
    done
    pending="$(health_field "$port" pending)"
    accepted="$(health_field "$port" webhooks_received)"
    xlen="$(rcli xlen "$STREAM")"

    kill -TERM "$app"
    app_rc=0
    for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
    wait "$app" || app_rc=$?

    ok200="$(get ok200)"
    not200="$(get not200)"
    non2xx="$(get non2xx)"
    sockerr=$(( $(get connect_err) + $(get read_err) + $(get write_err) + $(get timeout_err) ))
    verdict=ok
    notes=()
    if [[ "$non2xx" != 0 || "$not200" != 0 ]]; then verdict=FAIL; notes+=("non-2xx=$non2xx not-200=$not200"); fi
    # wrk stops at its deadline with up to -c requests still in flight, which it never counts;
    # the receiver still commits and forwards those. So the stream must hold every 200 wrk saw,
    # at most the requests wrk started, and exactly what the server says it accepted.
    sent="$(get sent)"
    unanswered=$(( sent - ok200 - not200 ))
    if [[ "$xlen" == "$ok200" ]]; then
        same="yes"
    else
        same="no, +$(( xlen - ok200 )) of the $unanswered requests in flight at wrk's deadline"
    fi
    if (( xlen < ok200 || xlen > ok200 + unanswered )) || [[ "$xlen" != "$accepted" ]]; then
        verdict=FAIL
        notes+=("XLEN $xlen vs wrk 200s $ok200, started $sent, server accepted $accepted")
    fi
    [[ "$pending" == 0 ]] || { verdict=FAIL; notes+=("pending=$pending after 30 s"); }
    [[ "$app_rc" == 0 ]] || { verdict=FAIL; notes+=("terminal6 exit status $app_rc on SIGTERM"); }
    [[ "$verdict" == ok ]] || failures=$((failures + 1))

    RPS[$mode]="$(get rps)"
    P50[$mode]="$(get p50_us)"
    P99[$mode]="$(get p99_us)"
    OK[$mode]="$ok200"
    XLEN[$mode]="$xlen"
    VERDICT[$mode]="$verdict"
    printf '%-7s %7.0f req/s  latency p50 %5.2f ms  p99 %6.2f ms  max %7.2f ms  (load average before %s, after %s)\n' \
        "$mode" "$(get rps)" "$(awk "BEGIN{print $(get p50_us)/1000}")" \
        "$(awk "BEGIN{print $(get p99_us)/1000}")" "$(awk "BEGIN{print $(get max_us)/1000}")" \
        "$load_before" "$(cut -d' ' -f1 /proc/loadavg)"
    printf '        200s %d  non-2xx %s  socket errors %s  XLEN %d  (XLEN == 200s: %s)  server accepted %s  pending %s  -> %s%s\n' \
        "$ok200" "$non2xx" "$sockerr" "$xlen" "$same" "$accepted" "$pending" "$verdict" "${notes:+ (${notes[*]})}"
done

echo
if [[ -n "${RPS[memory]:-}" ]]; then
    for mode in normal full; do
        [[ -n "${RPS[$mode]:-}" ]] || continue
        awk -v m="$mode" -v a="${RPS[$mode]}" -v b="${RPS[memory]}" -v pa="${P99[$mode]}" -v pb="${P99[memory]}" \
            'BEGIN{printf "ratio %s/memory: throughput %.2f, p99 latency %.2f\n", m, a/b, pa/pb}'
    done
fi
if ((failures)); then
    echo "RESULT FAIL ($failures of the runs failed a check)"
    exit 1
fi
echo "RESULT ok: no non-2xx; each stream holds every 200 wrk saw, plus at most the requests in flight at wrk's deadline"
