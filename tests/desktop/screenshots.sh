#!/usr/bin/env bash
# Regenerates the README's screenshots: the window on a real desktop (tests/desktop/x-session.sh)
# fed by scripts/demo.sh for a while, one picture per tab, into docs/.
#   tests/desktop/screenshots.sh [SECONDS_OF_DEMO_FIRST]   (default 150)
# and the desktop with the tray menu open.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
warmup="${1:-150}"
eval "$("$root/tests/desktop/x-session.sh" start)"
unset QT_QPA_PLATFORM
demo_pid=""
cleanup() {
    [ -z "$demo_pid" ] || kill -TERM "$demo_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    "$root/tests/desktop/x-session.sh" stop
}
trap cleanup EXIT
"$root/scripts/demo.sh" >/tmp/t6-screenshots-demo.log 2>&1 &
demo_pid=$!
window=""
for _ in $(seq 100); do
    window="$(xdotool search --onlyvisible --name '^Terminal 6' 2>/dev/null | head -1)" && [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { echo "no window" >&2; exit 1; }
xdotool windowmove "$window" 0 30 windowsize "$window" 1440 900
echo "demo running; waiting ${warmup} s for history to build up"
sleep "$warmup"
shot() { # shot NAME KEYS...
    local name="$1"
    shift
    xdotool windowactivate --sync "$window" key --clearmodifiers "$@"
    sleep 2.5 # the Charts tab redraws every 2 s
    import -window "$window" "$root/docs/$name.png"
    echo "docs/$name.png"
}
# The Webhooks tab with the newest webhook selected, so the inspector has something to show.
xdotool windowactivate --sync "$window" key --clearmodifiers alt+w
sleep 0.5
read -r wx wy < <(xdotool getwindowgeometry "$window" | awk '/Position/ {split($2, p, ","); print p[1], p[2]}')
xdotool mousemove $((wx + 300)) $((wy + 290)) click 1
shot window-webhooks alt+w
shot window-positions alt+p
shot window-terminals alt+t
shot window-charts alt+c
shot window-log alt+l
# The whole desktop with the tray's menu open.
read -r x y < <("$root/tests/desktop/x-session.sh" tray-icon)
xdotool windowactivate --sync "$window" key --clearmodifiers alt+w
sleep 0.5
xdotool mousemove "$x" "$y" click 3
sleep 1
import -window root "$root/docs/desktop-tray-menu.png"
xdotool key Escape
echo "docs/desktop-tray-menu.png"
