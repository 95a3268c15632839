#!/usr/bin/env bash
# The tray on a real desktop (Xvfb + openbox + trayer, driven by xdotool): the tray icon appears
# (QSystemTrayIcon finds the tray), a click on it hides the window, a second click shows it, and
# the tray menu's "Pause forwarding" pauses forwarding (/health says so).
#   tests/desktop/tray-test.sh TERMINAL6_BINARY [SCREENSHOT_DIR]
set -euo pipefail
binary="${1:?usage: $0 TERMINAL6_BINARY [SCREENSHOT_DIR]}"
shots="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/t6-desktop.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "$here/x-session.sh" stop
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    for log in redis terminal6; do
        [ -e "$work/$log.log" ] || continue
        echo "--- $log log" >&2
        cat "$work/$log.log" >&2
    done
    exit 1
}
# until SECONDS COMMAND...: retries COMMAND every 0.2 s.
until_true() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}
# A port nobody listens on, below the kernel's ephemeral range: a port there may be the local end
# of someone's connection (the suite opens thousands), which no connect test sees but bind refuses.
free_port() {
    local port low
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range
    while :; do
        port=$((10000 + RANDOM % (low - 10000)))
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

eval "$("$here/x-session.sh" start)"
unset QT_QPA_PLATFORM # the suite's offscreen default: here the desktop is real

for attempt in 1 2 3; do # another process may take the port between the check and the bind
    redis_port="$(free_port)"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
        >"$work/redis.log" 2>&1 &
    redis_pid=$!
    until_true 10 redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    kill "$redis_pid" 2>/dev/null || true
    [ "$attempt" -lt 3 ] || fail "redis-server did not start"
done
pids+=("$redis_pid")

port="$(free_port)"
WEBHOOK_TOKEN="desktop-test-token" REDIS_PORT="$redis_port" \
    "$binary" --host 127.0.0.1 --port "$port" --data-dir "$work/data" >"$work/terminal6.log" 2>&1 &
pids+=($!)

window_shown() { [ -n "$(xdotool search --onlyvisible --name '^Terminal 6' 2>/dev/null)" ]; }
window_hidden() { ! window_shown; }
paused() { curl -s "http://127.0.0.1:$port/health" | grep -q '"paused":true'; }

until_true 20 grep -q "system tray available" "$work/terminal6.log" ||
    fail "terminal6 found no system tray"
until_true 20 window_shown || fail "the window did not appear"
icon=""
until_true 10 eval 'icon="$("$here/x-session.sh" tray-icon)"; [ -n "$icon" ]' ||
    fail "no icon docked in the tray"
read -r x y <<<"$icon"
echo "tray icon at $x,$y"
sleep 1 # let the window settle before the screenshot
[ -z "$shots" ] || import -window root "$shots/desktop-tray.png"

xdotool mousemove "$x" "$y" click 1
until_true 5 window_hidden || fail "a click on the tray icon did not hide the window"
echo "click: hidden"
sleep 1 # past the double-click interval: two quick clicks are a double click
xdotool mousemove "$x" "$y" click 1
until_true 5 window_shown || fail "a second click did not show the window"
echo "click: shown"

paused && fail "forwarding paused before asking"
xdotool mousemove "$x" "$y" click 3
sleep 0.7
[ -z "$shots" ] || import -window root "$shots/desktop-tray-menu.png"
# The menu: Show/Hide, Pause forwarding, Copy webhook URL, Quit.
xdotool key Down Down Return
until_true 5 paused || fail "the tray menu's Pause forwarding did not pause forwarding"
echo "tray menu: forwarding paused"

# The title bar's close (the window manager's Alt+F4) hides the window to the tray.
xdotool windowactivate --sync "$(xdotool search --onlyvisible --name '^Terminal 6' | head -1)"
xdotool key alt+F4
until_true 5 window_hidden || fail "closing the window did not hide it"
kill -0 "${pids[1]}" || fail "closing the window quit terminal6 although a tray is there"
echo "close: hidden to the tray"
xdotool mousemove "$x" "$y" click 1
until_true 5 window_shown || fail "the tray did not show the closed window again"

# SIGTERM quits, the window shown and a tray there (nothing may veto it).
kill -TERM "${pids[1]}"
until_true 10 eval '! kill -0 "${pids[1]}" 2>/dev/null' || fail "SIGTERM did not end terminal6"
wait "${pids[1]}" || fail "terminal6 did not exit cleanly"
echo "SIGTERM: quit"
echo "PASS"
