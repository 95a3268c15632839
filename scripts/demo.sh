#!/usr/bin/env bash
# Terminal 6 with a living fake Aristobot3 around it, for screenshots and for trying the monitor
# without the real trading system. It starts its own redis-server on a free port (in memory, in a
# temporary folder), terminal6 on a free loopback port with a generated token, and a feed that
# plays TradingView, T1-T5 and T7 over that Redis as docs/WIRE.md describes them.
# Everything it starts dies with it: Ctrl-C, a TERM, terminal6 quitting, or even a kill -9 of this
# script (a watchdog cleans up). It never talks to any other Redis. docs/DEMO.md says what it shows.
#
#   scripts/demo.sh                   the window
#   scripts/demo.sh --headless        no window: the log, /health and /stats at the printed address
#   scripts/demo.sh --port 8888 ...   a fixed HTTP port; any other argument goes to terminal6
#
# The binary: $T6_BIN, else build/app/terminal6 (scripts/build.sh terminal6 makes it).
# T6_DEMO_KEEP=1 keeps the temporary folder (journal, Redis and feed logs) for a look afterwards.
# Needs bash, redis-server, redis-cli, curl, awk and coreutils, nothing else.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

die() {
    echo "demo.sh: $*" >&2
    exit 2
}

usage() {
    awk 'NR == 1 { next } !/^#/ { exit } { sub(/^# ?/, ""); print }' "$0"
}

# ---------------------------------------------------------------------------------------------
# Arguments: what would point terminal6 at a real system is refused, the rest goes to terminal6.

want_port=""
pass=()
while (($#)); do
    case $1 in
    -h | --help)
        usage
        exit 0
        ;;
    --port)
        [ $# -ge 2 ] || die "--port needs a value"
        want_port=$2
        shift 2
        ;;
    --port=*)
        want_port=${1#*=}
        shift
        ;;
    --redis-* | --config | --config=* | --data-dir | --data-dir=* | --daphne-* | --frontend-url* | \
        --host | --host=*)
        die "$1: the demo sets this itself (its own Redis, its own data folder, loopback only)"
        ;;
    *)
        pass+=("$1")
        shift
        ;;
    esac
done
if [ -n "$want_port" ] && ! [[ $want_port =~ ^[0-9]+$ && $want_port -ge 1 && $want_port -le 65535 ]]; then
    die "--port $want_port: not a port"
fi

bin=${T6_BIN:-}
if [ -z "$bin" ]; then
    shopt -s globstar nullglob
    for candidate in "$root/build/app/terminal6" "$root"/build/**/terminal6; do
        [ -f "$candidate" ] && [ -x "$candidate" ] && bin=$candidate && break
    done
    shopt -u globstar nullglob
fi
[ -n "$bin" ] && [ -x "$bin" ] ||
    die "no terminal6 binary (build it: scripts/build.sh terminal6, or set T6_BIN)"
for tool in redis-server redis-cli curl awk; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install redis-server curl gawk)"
done

keep=${T6_DEMO_KEEP:-0}
# Nothing of the caller's configuration may reach terminal6: a REDIS_URL or T6_CONFIG in the
# environment could name a real Redis, a real token or a real Daphne.
for var in $(compgen -e); do
    case $var in T6_* | REDIS_* | WEBHOOK_TOKEN*) unset "$var" ;; esac
done

# ---------------------------------------------------------------------------------------------
# Processes and their end. Job control puts each background job in a process group of its own,
# so that a job and everything it started (sleep, redis-cli, curl) is stopped with one kill, and
# Ctrl-C reaches this script only, which then stops the others in order.

set -m
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t6-demo.XXXXXX") || die "cannot make a temporary folder"
mkdir -p "$tmp/redis" "$tmp/data" "$tmp/state"
: >"$tmp/groups" # every group started, for the watchdog
main_pid=$$
redis_pid=""
app_pid=""
watchdog_pid=""
feed_groups=()

started() { # a background job just started: remember its group
    echo "$1" >>"$tmp/groups"
}

# If this script dies without running its trap (kill -9), the watchdog stops what it started.
watchdog() {
    trap "" INT HUP
    while kill -0 "$main_pid" 2>/dev/null; do sleep 1; done
    local group
    while read -r group; do kill -TERM -- "-$group" 2>/dev/null; done <"$tmp/groups"
    sleep 3
    while read -r group; do kill -KILL -- "-$group" 2>/dev/null; done <"$tmp/groups"
    rm -rf "$tmp"
}
watchdog </dev/null >/dev/null 2>&1 &
watchdog_pid=$!

stop_all() {
    local status=$?
    trap '' INT TERM HUP
    local group
    # The fake terminals first, so that nothing posts to a terminal6 that is shutting down.
    for group in "${feed_groups[@]}"; do kill -TERM -- "-$group" 2>/dev/null; done
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid" 2>/dev/null # terminal6 delivers what waits (5 s at most), exits 0
        for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$app_pid" 2>/dev/null
    fi
    [ -n "$app_pid" ] && wait "$app_pid" 2>/dev/null
    if [ -n "$redis_pid" ]; then
        kill -TERM "$redis_pid" 2>/dev/null # no persistence: it exits at once
        wait "$redis_pid" 2>/dev/null
    fi
    for group in "${feed_groups[@]}"; do
        kill -KILL -- "-$group" 2>/dev/null
        wait "$group" 2>/dev/null
    done
    kill -KILL -- "-$watchdog_pid" 2>/dev/null
    wait "$watchdog_pid" 2>/dev/null
    if [ "$keep" = 1 ]; then
        echo "demo: kept $tmp (journal in data/, redis.log, feed.log)" >&2
    else
        rm -rf "$tmp"
    fi
    echo "demo: stopped" >&2
    exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

port_busy() { # something listens on 127.0.0.1:$1
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port
    for _ in $(seq 200); do
        port=$((20000 + RANDOM % 40000))
        port_busy "$port" || {
            echo "$port"
            return 0
        }
    done
    return 1
}

# ---------------------------------------------------------------------------------------------
# The demo's own Redis: loopback, no persistence, its files in the temporary folder.

rport=""
for _ in 1 2 3 4 5; do
    rport=$(free_port) || die "no free port for redis-server"
    redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
        --dir "$tmp/redis" --logfile "$tmp/redis/redis.log" </dev/null &
    redis_pid=$!
    started "$redis_pid"
    for _ in $(seq 50); do
        # Ours, not a Redis that took the port meanwhile: the one answering has our pid.
        [[ $(redis-cli -p "$rport" INFO server 2>/dev/null) == *$'\n'"process_id:$redis_pid"$'\r'* ]] && break 2
        kill -0 "$redis_pid" 2>/dev/null || break # lost the port to someone else: another one
        sleep 0.1
    done
    kill -TERM "$redis_pid" 2>/dev/null
    wait "$redis_pid" 2>/dev/null
    redis_pid=""
done
[ -n "$redis_pid" ] || die "redis-server did not start (log: $tmp/redis/redis.log)"
# A mark that says whose Redis this is; the feed checks it before every run of its loops.
redis-cli -p "$rport" SET t6:demo "$main_pid" >/dev/null

# terminal6's port, and a token made for this run (given to it through the environment only).
if [ -n "$want_port" ]; then
    port_busy "$want_port" && die "port $want_port is taken"
    hport=$want_port
else
    hport=$(free_port) || die "no free port for terminal6"
fi
token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')
base="http://127.0.0.1:$hport"

# =============================================================================================
# The fake Aristobot3. Each part below runs as a job of its own; they share a few files in
# $tmp/state (the market, T5's phase) and talk to terminal6 only as the real ones would: HTTP for
# TradingView, Redis for everything else.

RPORT=$rport
STATE=$tmp/state
BASE=$base
TOKEN=$token
HOST=$(uname -n)
FEED_LOG=$tmp/feed.log

T5_UP_S=120      # T5 healthy for this long,
T5_DEGRADED_S=15 # then reporting exchange errors,
T5_CRASHED_S=45  # then gone (no status, nobody pops its queue), then back, and again
STATUS_EVERY_S=5 # terminal_status interval_s, as T6 itself does
T3_TICK_MS=2000  # positions repriced, and a ticker request queued for T5

# Strategies TradingView fires: UserExchangeID, Exchange, Symbol, Interval.
STRATEGIES=(
    "13 BINANCE BTCUSDT 15m"
    "13 BINANCE ETHUSDT 5m"
    "14 BITGET SOLUSDT 60"
    "14 BITGET XRPUSDT 1h"
    "13 BINANCE BNBUSDT 4h"
)
# A strategy whose alert is broken: one PING, then silence for FLAKY_SILENCE_S, again and again.
# Its Interval is 1 minute, so the monitor's missed-signal watch (WIRE.md §6) flags it within
# two minutes and goes critical after three missed bars.
FLAKY="15 BITGET DOGEUSDT 1"
FLAKY_SILENCE_S=300

broker_name() {
    case $1 in
    13) echo "Binance Main" ;;
    14) echo "Bitget Dev" ;;
    *) echo "Bitget Strat" ;;
    esac
}

# --- time, without a fork per call (the feed runs with TZ=UTC) --------------------------------
stamp() { # sets NOW_S, NOW_MS, ISO_US (received_at style, naive UTC), TS (…Z, for "ts")
    local t=${EPOCHREALTIME/[.,]/} base
    NOW_MS=$((t / 1000))
    NOW_S=$((t / 1000000))
    printf -v base '%(%Y-%m-%dT%H:%M:%S)T' "$NOW_S"
    printf -v ISO_US '%s.%06d' "$base" $((t % 1000000))
    printf -v TS '%s.%03dZ' "$base" $((NOW_MS % 1000))
}

iso_ms() { # "$1" milliseconds since the epoch → 2026-02-05T14:32:59.999000+00:00
    local base
    printf -v base '%(%Y-%m-%dT%H:%M:%S)T' $(($1 / 1000))
    printf '%s.%03d000+00:00' "$base" $(($1 % 1000))
}

# --- JSON -------------------------------------------------------------------------------------
json_str() { # "$1" as a JSON string literal
    local s=$1 out="" c i
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    s=${s//$'\t'/\\t}
    if [[ $s == *[[:cntrl:]]* ]]; then # the rare rest, one character at a time
        for ((i = 0; i < ${#s}; i++)); do
            c=${s:i:1}
            if [[ $c == [[:cntrl:]] ]]; then
                printf -v c '\\u%04x' "'$c"
            fi
            out+=$c
        done
        s=$out
    fi
    printf '"%s"' "$s"
}

json_or_null() { # a string literal, or null when "$1" is empty
    if [ -n "$1" ]; then json_str "$1"; else printf null; fi
}

# The value of "key" in a flat JSON object (strings unquoted, "" when absent), in REPLY.
jfield() {
    local re="\"$2\":[[:space:]]*(\"([^\"]*)\"|[^,}[:space:]]+)"
    REPLY=""
    [[ $1 =~ $re ]] || return 1
    if [[ ${BASH_REMATCH[1]} == \"* ]]; then REPLY=${BASH_REMATCH[2]}; else REPLY=${BASH_REMATCH[1]}; fi
}

calc() { # calc DECIMALS EXPRESSION: awk does the decimals bash cannot
    awk "BEGIN { printf(\"%.$1f\", $2) }"
}

# --- Redis ------------------------------------------------------------------------------------
ours() { # the Redis on $RPORT is still the one this script started
    [ "$(redis-cli -p "$RPORT" GET t6:demo 2>/dev/null)" = "$main_pid" ]
}

publish() { # one event on the websockets channel
    redis-cli -p "$RPORT" PUBLISH websockets "$1" >/dev/null 2>&1
}

event() { # event TYPE SOURCE MESSAGE-JSON: the Django Channels envelope of WIRE.md §4
    stamp
    printf '{"type":"%s","source":"%s","ts":"%s","message":%s}' "$1" "$2" "$TS" "$3"
}

say() { # a line for the trader in the console (fd 4) and the feed log
    local line
    stamp
    printf -v line 'demo: %s %s' "${ISO_US:11:8}" "$*"
    printf '%s\n' "$line" >&4
    printf '%s\n' "$line" >>"$FEED_LOG"
}

# --- the market: one random walk per symbol, and its 1m candles ------------------------------
# $STATE/market, one line per symbol:
#   symbol decimals price minute open high low volume | last closed minute: open high low close
#   volume | the starting price, which the walk is pulled back to (hours of demo keep sane prices)
market_init() {
    local minute=$(($(date +%s) / 60))
    {
        echo "BTCUSDT 1 97250.0"
        echo "ETHUSDT 2 3450.00"
        echo "SOLUSDT 2 143.20"
        echo "XRPUSDT 4 2.3100"
        echo "BNBUSDT 1 612.0"
        echo "DOGEUSDT 5 0.38120"
    } | awk -v m="$minute" '{ # a first closed minute, so that T2 has a candle to tell at once
        p = $3; printf "%s %s %s %d %s %s %s %.3f %d %.*f %.*f %.*f %s %.3f %s\n",
            $1, $2, p, m, p, p, p, 0, m - 1, $2, p * 0.9995, $2, p * 1.001, $2, p * 0.999, p, 12.345, p }' \
        >"$STATE/market.new"
    mv "$STATE/market.new" "$STATE/market"
}

market_step() { # every price moves a little; a minute that ended becomes the last closed candle
    awk -v seed="$RANDOM" -v minute=$(($(date +%s) / 60)) '
        BEGIN { srand(seed) }
        {
            sym = $1; d = $2; p = $3; m = $4; o = $5; h = $6; l = $7; v = $8
            pm = $9; po = $10; ph = $11; pl = $12; pc = $13; pv = $14; anchor = $15
            if (m != minute) { pm = m; po = o; ph = h; pl = l; pc = p; pv = v; m = minute; o = p; h = p; l = p; v = 0 }
            p = sprintf("%." d "f", p * (1 + (rand() - 0.5) * 0.004) + (anchor - p) * 0.002)
            if (p + 0 > h + 0) h = p
            if (p + 0 < l + 0) l = p
            v += rand() * 3
            printf "%s %s %s %d %s %s %s %.3f %d %s %s %s %s %.3f %s\n", sym, d, p, m, o, h, l, v, pm, po, ph, pl, pc, pv, anchor
        }' "$STATE/market" >"$STATE/market.new" && mv "$STATE/market.new" "$STATE/market"
}

price_of() { # sets PRICE and DEC for symbol "$1"
    local sym dec price rest
    while read -r sym dec price rest; do
        if [ "$sym" = "$1" ]; then
            PRICE=$price
            DEC=$dec
            return 0
        fi
    done <"$STATE/market"
    return 1
}

# --- TradingView: an alert every 1-3 s, now and then a bad one --------------------------------
tv_post() { # tv_post FORM TOKEN BODY → the HTTP status; FORM: path, query, body or header
    local url="$BASE/webhook" body=$3 extra=()
    case $1 in
    path) url+="/$2" ;;
    query) url+="?token=$2" ;;
    header) extra=(-H "X-Webhook-Token: $2") ;;
    body) body="{\"token\":$(json_str "$2"),${3#\{}" ;;
    esac
    # TradingView sends text/plain and gives up after 3 s.
    curl -s -o /dev/null -w '%{http_code}' --max-time 3 -H 'Content-Type: text/plain' \
        "${extra[@]}" --data-binary "$body" "$url"
}

tv_alert() { # tv_alert "BROKER EXCHANGE SYMBOL INTERVAL" ACTION → the alert body
    local broker exchange symbol interval action=$2 body pct sl tp limit
    read -r broker exchange symbol interval <<<"$1"
    price_of "$symbol" || return 1
    pct=$(((RANDOM % 4 + 1) * 25))
    body="{\"Symbol\":$(json_str "$symbol"),\"Exchange\":$(json_str "$exchange"),\"Interval\":$(json_str "$interval"),\"Action\":\"$action\""
    case $action in
    PING)
        if ((RANDOM % 4 == 0)); then # the full TradingView alert some strategies send
            body+=",\"Currency\":\"USDT\",\"BaseCurrency\":\"${symbol%USDT}\""
            body+=",\"Open\":$(calc "$DEC" "$PRICE*0.999"),\"High\":$(calc "$DEC" "$PRICE*1.002"),\"Low\":$(calc "$DEC" "$PRICE*0.998"),\"Close\":$PRICE"
            body+=",\"Volume\":$(calc 1 "1000+$RANDOM"),\"IndicateurName\":\"RSI-Cross\""
        fi
        body+=",\"Prix\":$PRICE"
        ;;
    BuyMarket | SellMarket)
        if ((RANDOM % 5 == 0)); then # decimals as strings, as some alert templates write them
            body+=",\"Prix\":\"$PRICE\",\"PourCent\":\"$pct\""
        else
            body+=",\"Prix\":$PRICE,\"PourCent\":$pct"
        fi
        ;;
    BuyLimit) limit=$(calc "$DEC" "$PRICE*0.985") && body+=",\"Prix\":$limit,\"PourCent\":$pct" ;;
    SellLimit) limit=$(calc "$DEC" "$PRICE*1.015") && body+=",\"Prix\":$limit,\"PourCent\":$pct" ;;
    MAJ)
        sl=$(calc "$DEC" "$PRICE*0.97")
        tp=$(calc "$DEC" "$PRICE*1.05")
        body+=",\"Prix\":$PRICE,\"PrixSL\":$sl,\"PrixTP\":$tp,\"PourCent\":100"
        ;;
    esac
    body+=",\"UserID\":1,\"UserExchangeID\":$broker}"
    printf '%s' "$body"
}

# What a strategy sends next, as a strategy would: flat, it buys or waits; long, it moves its
# stop loss and take profit (MAJ), sells or waits; a PING every bar either way. Sets ACTION.
declare -A LONG=(["13 BINANCE BTCUSDT 15m"]=1 ["14 BITGET SOLUSDT 60"]=1) # T3 starts with these
next_action() {
    local r=$((RANDOM % 100))
    ACTION=PING
    ((r < 50)) && return
    if [ -z "${LONG[$1]:-}" ]; then
        if ((r < 85)); then ACTION=BuyMarket && LONG[$1]=1; else ACTION=BuyLimit; fi
    else
        if ((r < 72)); then ACTION=MAJ
        elif ((r < 92)); then ACTION=SellMarket && unset "LONG[$1]"
        else ACTION=SellLimit
        fi
    fi
}

feed_tradingview() {
    local n=0 flaky_next=0 strategy body form code forms=(path path path body body query header)
    while ours; do
        stamp
        n=$((n + 1))
        if ((NOW_S >= flaky_next)); then # the broken strategy speaks, once
            body=$(tv_alert "$FLAKY" PING) && code=$(tv_post path "$TOKEN" "$body")
            say "TradingView: DOGEUSDT 1m PING ($code), then silence for ${FLAKY_SILENCE_S}s: missed signals follow"
            flaky_next=$((NOW_S + FLAKY_SILENCE_S))
        elif ((n % 17 == 5)); then # an alert with an old token: 401, counted as rejected
            body=$(tv_alert "${STRATEGIES[RANDOM % ${#STRATEGIES[@]}]}" PING)
            code=$(tv_post path "wrong-$RANDOM" "$body")
            say "TradingView: an alert with a wrong token ($code)"
        elif ((n % 29 == 11)); then # an alert whose message is not JSON: 400, rejected
            code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -H 'Content-Type: text/plain' \
                --data-binary 'BTCUSDT crossing 97000 {{strategy.order.action}}' "$BASE/webhook/$TOKEN")
            say "TradingView: an alert that is not JSON ($code)"
        elif ((n % 23 == 7)); then # TradingView firing the same alert twice: the second is a duplicate
            body=$(tv_alert "${STRATEGIES[RANDOM % ${#STRATEGIES[@]}]}" PING)
            tv_post path "$TOKEN" "$body" >/dev/null
            code=$(tv_post path "$TOKEN" "$body")
            say "TradingView: the same alert twice (second: $code, a duplicate)"
        else
            strategy=${STRATEGIES[RANDOM % ${#STRATEGIES[@]}]}
            form=${forms[RANDOM % ${#forms[@]}]}
            next_action "$strategy"
            if body=$(tv_alert "$strategy" "$ACTION"); then
                code=$(tv_post "$form" "$TOKEN" "$body")
                [ "$code" = 200 ] || say "TradingView: a webhook was answered $code"
            fi
        fi
        sleep "$((1 + RANDOM % 2)).$((RANDOM % 10))"
    done
}

# --- T2 Heartbeat: the market's closed 1m candles, as heartbeat_message ------------------------
feed_t2() {
    declare -A sent # symbol → last closed minute told
    local sym dec price m o h l v pm po ph pl pc pv _ reception
    while ours; do
        market_step
        while read -r sym dec price m o h l v pm po ph pl pc pv _; do
            [ "${sent[$sym]:-0}" -ge "$pm" ] && continue
            sent[$sym]=$pm
            stamp
            reception="${ISO_US}+00:00"
            publish "$(event heartbeat_message T2 "{\"symbol\":\"$sym\",\"timeframe\":\"1m\",\"open_time\":$((pm * 60000)),\"close_time\":$((pm * 60000 + 59999)),\"open_price\":$po,\"close_price\":$pc,\"high_price\":$ph,\"low_price\":$pl,\"volume\":$pv,\"is_closed\":true,\"dhm_reception\":\"$reception\",\"dhm_candle\":\"$(iso_ms $((pm * 60000 + 59999)))\"}")"
        done <"$STATE/market"
        sleep 2
    done
}

# --- T1, T3, T4, T7: terminal_status every 5 s ------------------------------------------------
status_event() { # status_event TERMINAL NAME STATE DETAIL
    event terminal_status "$1" "{\"terminal\":\"$1\",\"name\":$(json_str "$2"),\"state\":\"$3\",\"detail\":$(json_str "$4"),\"pid\":$FEED_PID,\"host\":$(json_str "$HOST"),\"started_at\":\"$STARTED_AT\",\"interval_s\":$STATUS_EVERY_S}"
}

feed_status() {
    # T2 sends none: the monitor judges it by its candles, which a fresh status would override.
    # T5 sends its own (feed_t5), T6 is terminal6 itself.
    while ours; do
        publish "$(status_event T1 "Daphne (Django API)" up "demo: api and channels on :8000")"
        publish "$(status_event T3 "Trading Engine" up "listening webhook_raw")"
        publish "$(status_event T4 "Frontend" up "demo: vite on :5173")"
        publish "$(status_event T7 "Order Monitor" up "watching fills of 2 brokers")"
        sleep "$STATUS_EVERY_S"
    done
}

# --- T5 Exchange gateway: pops exchange_requests, goes wrong, crashes, comes back -------------
t5_phase() { # the phase T3 reads to decide its verdicts
    echo "$1" >"$STATE/t5.new" && mv "$STATE/t5.new" "$STATE/t5"
}

t5_live() { # t5_live SECONDS STATE DETAIL: pop requests and report, for so long
    local end next_status=0 reply
    stamp
    end=$((NOW_S + $1))
    # One connection, one BLPOP exchange_requests 1 after another, as the real T5 does: the
    # monitor sees it blocked in CLIENT LIST (WIRE.md §5).
    coproc T5CLI { exec redis-cli -p "$RPORT" 2>/dev/null; }
    while ours && stamp && ((NOW_S < end)); do
        if ((NOW_S >= next_status)); then
            publish "$(status_event T5 "Exchange Gateway" "$2" "$3")"
            next_status=$((NOW_S + STATUS_EVERY_S))
        fi
        echo "BLPOP exchange_requests 1" >&"${T5CLI[1]}" || break
        IFS= read -r -t 3 reply <&"${T5CLI[0]}" || break
        # A popped request answers "exchange_requests" then the request; a timeout, one empty line.
        [ "$reply" = exchange_requests ] && IFS= read -r -t 3 reply <&"${T5CLI[0]}"
    done
    kill "$T5CLI_PID" 2>/dev/null
    wait "$T5CLI_PID" 2>/dev/null
}

feed_t5() {
    while ours; do
        t5_phase up
        t5_live "$T5_UP_S" up "bitget, binance connected"
        t5_phase degraded
        say "T5: bitget errors (degraded, still serving)"
        t5_live "$T5_DEGRADED_S" degraded "bitget: 3 consecutive errors"
        t5_phase down
        say "T5: crashed (no status, exchange_requests grows); back in ${T5_CRASHED_S}s"
        sleep "$T5_CRASHED_S"
        say "T5: restarted"
    done
}

# --- T3 Trading engine: webhook_raw → verdicts, positions; T7's fills ---------------------------
# One process, so that the positions the verdicts depend on have one owner.
declare -A P_ID P_BROKER P_SYMBOL P_QTY P_ENTRY P_SL P_TP P_OPENED P_CUR P_PNL
NEXT_POSITION=1
NEXT_UPDATE=1001
NEXT_TRADE=801
T7_TRADES=0
T7_TOTAL=0

position_json() { # position_json KEY STATUS [EXIT-PRICE REALIZED]: the whole position, as T3 sends it
    local k=$1 current=${P_CUR[$1]} pnl=${P_PNL[$1]} realized="0.00000000" closed=null
    stamp
    if [ "$2" = closed ]; then
        current=$3
        pnl=0.0
        realized=$(calc 8 "$4")
        closed="\"$TS\""
    fi
    printf '{"id":%d,"broker_id":%d,"broker_name":%s,"symbol":"%s","side":"buy","quantity":"%s","entry_price":"%s","current_price":"%s","current_sl":%s,"current_tp":%s,"unrealized_pnl":%s,"realized_pnl":"%s","status":"%s","opened_at":"%s","closed_at":%s,"updated_at":"%s"}' \
        "${P_ID[$k]}" "${P_BROKER[$k]}" "$(json_str "$(broker_name "${P_BROKER[$k]}")")" "${P_SYMBOL[$k]}" \
        "${P_QTY[$k]}" "${P_ENTRY[$k]}" "$current" "$(json_or_null "${P_SL[$k]}")" \
        "$(json_or_null "${P_TP[$k]}")" "$pnl" "$realized" "$2" "${P_OPENED[$k]}" "$closed" "${TS%.*}Z"
}

position_open() { # position_open BROKER SYMBOL PRICE POURCENT
    local k="$1|$2" dec=2
    price_of "$2" && dec=$DEC # a symbol of the trader's own webhook: 2 decimals
    stamp
    P_ID[$k]=$NEXT_POSITION
    NEXT_POSITION=$((NEXT_POSITION + 1))
    P_BROKER[$k]=$1
    P_SYMBOL[$k]=$2
    P_QTY[$k]=$(calc 8 "(1000 * $4 / 100) / $3") # a 1000 USDT budget
    P_ENTRY[$k]=$(calc 8 "$3")
    P_SL[$k]=$(calc 8 "$3 * 0.96")
    P_TP[$k]=""
    P_OPENED[$k]="${TS%.*}Z"
    P_CUR[$k]=$(calc "$dec" "$3")
    P_PNL[$k]=0.0
    publish "$(event position_update T3 "$(position_json "$k" open)")"
}

position_close() { # position_close KEY EXIT-PRICE: the position closed, and T7 tells the fill
    local k=$1 exit=$2 pnl broker=${P_BROKER[$1]} symbol=${P_SYMBOL[$1]} name
    pnl=$(calc 2 "($exit - ${P_ENTRY[$k]}) * ${P_QTY[$k]}")
    publish "$(event position_update T3 "$(position_json "$k" closed "$exit" "$pnl")")"
    name=$(json_str "$(broker_name "$broker")")
    T7_TRADES=$((T7_TRADES + 1))
    T7_TOTAL=$(calc 2 "$T7_TOTAL + $pnl")
    stamp
    publish "$(event order_executed_notification T7 "{\"type\":\"order_executed_notification\",\"source\":\"terminal7\",\"trade_id\":$NEXT_TRADE,\"broker_id\":$broker,\"broker_name\":$name,\"symbol\":\"${symbol%USDT}/USDT\",\"side\":\"sell\",\"quantity\":${P_QTY[$k]},\"price\":$exit,\"realized_pnl\":$pnl,\"total_fees\":$(calc 2 "$exit * ${P_QTY[$k]} * 0.001"),\"calculation_method\":\"price_averaging\",\"timestamp\":$NOW_MS}")"
    publish "$(event pnl_update T7 "{\"type\":\"pnl_update\",\"broker_id\":$broker,\"broker_name\":$name,\"trade_count\":$T7_TRADES,\"broker_total_pnl\":$T7_TOTAL,\"last_trade\":{\"symbol\":\"${symbol%USDT}/USDT\",\"side\":\"sell\",\"pnl\":$pnl},\"global_stats\":{\"total_executions\":$T7_TRADES,\"total_pnl\":$T7_TOTAL,\"active_brokers\":2},\"timestamp\":$NOW_MS}")"
    NEXT_TRADE=$((NEXT_TRADE + 1))
    unset "P_ID[$k]" "P_BROKER[$k]" "P_SYMBOL[$k]" "P_QTY[$k]" "P_ENTRY[$k]" "P_SL[$k]" \
        "P_TP[$k]" "P_OPENED[$k]" "P_CUR[$k]" "P_PNL[$k]"
}

t3_request() { # a request for T5 on its queue (T5 pops it; while T5 is gone it piles up)
    stamp
    redis-cli -p "$RPORT" RPUSH exchange_requests \
        "{\"request_id\":\"$NOW_MS-$RANDOM\",\"action\":\"$1\",\"broker_id\":$2,\"symbol\":\"$3\"}" >/dev/null 2>&1
}

t3_tick() { # reprice the open positions; a stop loss or take profit hit closes one
    local k lines="" key current pnl hit
    t3_request fetch_tickers 13 ALL
    ((${#P_ID[@]})) || return 0
    for k in "${!P_ID[@]}"; do
        lines+="$k ${P_SYMBOL[$k]} ${P_QTY[$k]} ${P_ENTRY[$k]} ${P_SL[$k]:-0} ${P_TP[$k]:-0}"$'\n'
    done
    while read -r key current pnl hit; do
        [ -n "$key" ] || continue
        if [ "$hit" = 1 ]; then
            say "T3: stop loss or take profit hit on ${P_SYMBOL[$key]}: closed"
            position_close "$key" "$current"
            continue
        fi
        P_CUR[$key]=$current
        P_PNL[$key]=$pnl
        publish "$(event position_update T3 "$(position_json "$key" open)")"
    done < <(printf '%s' "$lines" | awk 'FNR == NR { price[$1] = $3; dec[$1] = $2; next }
        { c = ($2 in price) ? price[$2] : $4; if (!($2 in dec)) dec[$2] = 2; hit = ($5 > 0 && c <= $5) || ($6 > 0 && c >= $6)
          printf "%s %." dec[$2] "f %.2f %d\n", $1, c, (c - $4) * $3, hit }' "$STATE/market" -)
}

verdict() { # verdict STATUS ORDER_ID ERROR: T3's webhook_update for the webhook in W_*
    local id=$NEXT_UPDATE trace="" prix=null pct='"100.00"'
    NEXT_UPDATE=$((NEXT_UPDATE + 1))
    # Today's Aristobot3 sends no trace_id; the monitor then matches by id, else by broker,
    # symbol and action (WIRE.md §4.2). Most verdicts carry it, some do not, to show both.
    ((RANDOM % 4)) && trace=",\"trace_id\":\"$W_TRACE\""
    [ "$W_ACTION" != PING ] && [ -n "$W_PRIX" ] && prix="\"$(calc 8 "$W_PRIX")\""
    [ -n "$W_PCT" ] && pct="\"$(calc 2 "$W_PCT")\""
    stamp
    publish "$(event webhook_update T3 "{\"id\":$id,\"broker_id\":$W_BROKER,\"symbol\":$(json_str "$W_SYMBOL"),\"exchange_name\":$(json_str "$W_EXCHANGE"),\"action\":$(json_str "$W_ACTION"),\"prix\":$prix,\"pour_cent\":$pct,\"status\":\"$1\",\"order_id\":\"$2\",\"error_message\":$(json_str "$3"),\"received_at\":\"$W_RECEIVED+00:00\",\"processed_at\":\"$ISO_US+00:00\"$trace}")"
}

order_id() {
    printf '%d%09d' $((1 + RANDOM % 9)) $(((RANDOM * 32768 + RANDOM) % 1000000000))
}

t3_on_webhook() { # one webhook_raw message: decide, then answer as T3 does
    local envelope=$1 k t5 r
    jfield "$envelope" trace_id; W_TRACE=$REPLY
    jfield "$envelope" received_at; W_RECEIVED=$REPLY
    jfield "$envelope" Symbol; W_SYMBOL=$REPLY
    jfield "$envelope" Exchange; W_EXCHANGE=$REPLY
    jfield "$envelope" Action; W_ACTION=$REPLY
    jfield "$envelope" Prix; W_PRIX=$REPLY
    jfield "$envelope" PourCent; W_PCT=$REPLY
    jfield "$envelope" UserExchangeID; W_BROKER=$REPLY
    [[ -n $W_TRACE && -n $W_SYMBOL && $W_BROKER =~ ^[0-9]+$ && -z ${W_PRIX//[0-9.]/} && -z ${W_PCT//[0-9.]/} ]] || return 0
    # No price in the alert (one sent by hand): the market's.
    [ -n "$W_PRIX" ] || { price_of "$W_SYMBOL" && W_PRIX=$PRICE; }
    k="$W_BROKER|$W_SYMBOL"
    t5=$(cat "$STATE/t5" 2>/dev/null)
    r=$((RANDOM % 100))

    sleep "0.$((1 + RANDOM % 8))" # the engine's own work: the verdict comes a little later
    if ((r < 3)); then            # the engine never answers: the row stays without a verdict
        say "T3: no verdict for $W_SYMBOL $W_ACTION (trace $W_TRACE)"
        return 0
    fi
    if [ "$W_ACTION" = PING ]; then
        verdict processed "" ""
        return 0
    fi
    if [ -z "$W_PRIX" ]; then
        verdict error "" "Prix manquant pour $W_ACTION"
        return 0
    fi
    if [ "$t5" = down ]; then
        verdict error "" "Terminal 5 ne répond pas (timeout 10 s sur exchange_requests)"
        return 0
    fi
    if [ "$t5" = degraded ] && [ "$W_EXCHANGE" = BITGET ]; then
        verdict error "" "bitget: 503 Service Unavailable"
        return 0
    fi
    t3_request "$W_ACTION" "$W_BROKER" "$W_SYMBOL"
    case $W_ACTION in
    BuyMarket)
        if ((r < 7)); then
            verdict error "" "Solde insuffisant: \"USDT\" disponible 12.40, requis $(calc 2 "10 * ${W_PCT:-100}")"
        elif [ -n "${P_ID[$k]:-}" ]; then
            verdict error "" "Position déjà ouverte sur $W_SYMBOL"
        else
            verdict processed "$(order_id)" ""
            position_open "$W_BROKER" "$W_SYMBOL" "$W_PRIX" "${W_PCT:-100}"
        fi
        ;;
    SellMarket)
        if [ -n "${P_ID[$k]:-}" ]; then
            verdict processed "$(order_id)" ""
            position_close "$k" "$W_PRIX"
        else
            verdict error "" "Aucune position ouverte sur $W_SYMBOL"
        fi
        ;;
    MAJ)
        if [ -n "${P_ID[$k]:-}" ]; then
            verdict processed "" ""
            jfield "$envelope" PrixSL && P_SL[$k]=$(calc 8 "$REPLY")
            jfield "$envelope" PrixTP && P_TP[$k]=$(calc 8 "$REPLY")
            publish "$(event position_update T3 "$(position_json "$k" open)")"
        else
            verdict error "" "MAJ: aucune position ouverte sur $W_SYMBOL"
        fi
        ;;
    BuyLimit | SellLimit)
        if [ "$W_EXCHANGE" = BITGET ] && ((r < 20)); then
            verdict error "" "Exchange Bitget pas configure pour webhooks (type_de_trading=Strategie)"
        else
            verdict processed "$(order_id)" ""
        fi
        ;;
    *) verdict error "" "Action inconnue: $W_ACTION" ;;
    esac
}

feed_t3() {
    local line partial="" next_tick=0 rc
    # T3 listens on webhook_raw: terminal6 publishes to it only once someone does (WIRE.md §2).
    exec 3< <(exec redis-cli -p "$RPORT" SUBSCRIBE webhook_raw </dev/null 2>/dev/null)
    # Positions the engine already holds when the demo starts.
    price_of BTCUSDT && position_open 13 BTCUSDT "$(calc 1 "$PRICE * 0.99")" 50
    price_of SOLUSDT && position_open 14 SOLUSDT "$(calc 2 "$PRICE * 1.01")" 25
    while :; do
        if IFS= read -r -t 1 line <&3; then
            line=$partial$line
            partial=""
            [[ $line == '{"payload":'* ]] && t3_on_webhook "$line"
        else
            rc=$?
            ((rc > 128)) || break # EOF: the subscription is gone with its Redis
            partial+=$line        # a timeout keeps what it read of a line
        fi
        stamp
        if ((NOW_MS >= next_tick)); then
            ours || break
            t3_tick
            next_tick=$((NOW_MS + T3_TICK_MS))
        fi
    done
}

# --- start the fake terminals ------------------------------------------------------------------
start_feed() { # start_feed FUNCTION: a job of its own group, its errors in the feed log
    (
        trap - EXIT INT TERM HUP
        export TZ=UTC
        FEED_PID=$BASHPID # the pid a fake terminal reports as its own
        "$1"
    ) </dev/null 2>>"$FEED_LOG" &
    feed_groups+=("$!")
    started "$!"
}

STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
exec 4>&2 # the console, for say(); the feed's own stderr goes to its log
market_init
t5_phase up
# The terminals first, so that the monitor finds them up from its first look; TradingView last.
# (T2's candles come once a minute, so it starts once terminal6 listens, not to lose the first.)
start_feed feed_t3
start_feed feed_status
start_feed feed_t5

# --- terminal6 on loopback, with the token through its environment -------------------------
WEBHOOK_TOKEN=$token "$bin" --host 127.0.0.1 --port "$hport" \
    --redis-url "redis://127.0.0.1:$rport/0" --redis-host 127.0.0.1 --redis-port "$rport" \
    --data-dir "$tmp/data" "${pass[@]}" </dev/null &
app_pid=$!
started "$app_pid"

for _ in $(seq 150); do
    kill -0 "$app_pid" 2>/dev/null || {
        wait "$app_pid"
        die "terminal6 exited at start (status $?)"
    }
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/health")" = 200 ] && break
    sleep 0.1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/health")" = 200 ] ||
    die "terminal6 does not answer on $base/health"

cat >&2 <<EOF
------------------------------------------------------------------------------------------
 Terminal 6 demo: a fake Aristobot3 (T1-T5, T7) and TradingView, on a Redis of its own.
   webhook   $base/webhook/$token
   health    $base/health      stats  $base/stats      metrics  $base/metrics
   redis     127.0.0.1:$rport (in memory, started here, gone at exit)
   data      $tmp
 Send one yourself:
   curl -s -X POST $base/webhook/$token -d '{"Symbol":"BTCUSDT","Exchange":"BINANCE","Interval":"15m","Action":"BuyMarket","Prix":97000,"PourCent":50,"UserID":1,"UserExchangeID":13}'
 Ctrl-C (or quitting Terminal 6) stops everything.
------------------------------------------------------------------------------------------
EOF

# terminal6's monitor listens on websockets a moment after HTTP is up: wait for it (5 s at most).
for _ in $(seq 50); do
    [ "$(redis-cli -p "$rport" PUBSUB NUMSUB websockets 2>/dev/null | tail -n 1)" -ge 1 ] 2>/dev/null && break
    sleep 0.1
done
start_feed feed_t2
start_feed feed_tradingview
set +m # every group is made; no job notices in the console from here on

status=0
wait "$app_pid" || status=$?
app_pid=""
echo "demo: terminal6 exited (status $status)" >&2
exit "$status"
