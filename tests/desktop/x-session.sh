#!/usr/bin/env bash
# A real desktop for GUI tests and screenshots: Xvfb, the openbox window manager and a trayer
# system tray, so that windows get title bars, QSystemTrayIcon finds a tray and xdotool can click
# its icon.
#   eval "$(tests/desktop/x-session.sh start)"   exports DISPLAY and X_SESSION_PIDS
#   tests/desktop/x-session.sh tray-icon           prints "x y", the centre of the first tray icon
#   tests/desktop/x-session.sh stop                stops what start started
# The packages (xvfb openbox trayer xdotool x11-utils imagemagick) come from scripts/install-deps.sh.
set -euo pipefail
case "${1:-}" in
start)
    display=""
    for n in $(seq 90 190); do
        [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || { display=$n; break; }
    done
    [ -n "$display" ] || { echo "x-session: no free display number" >&2; exit 1; }
    Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 100); do
        DISPLAY=":$display" xdpyinfo >/dev/null 2>&1 && break
        sleep 0.1
    done
    DISPLAY=":$display" openbox >/dev/null 2>&1 &
    wm=$!
    sleep 0.5
    DISPLAY=":$display" trayer --edge top --align right --widthtype pixel --width 160 \
        --height 28 >/dev/null 2>&1 &
    tray=$!
    sleep 0.5
    echo "export DISPLAY=:$display X_SESSION_PIDS='$tray $wm $xvfb'"
    ;;
stop)
    for pid in ${X_SESSION_PIDS:-}; do kill "$pid" 2>/dev/null || true; done
    ;;
tray-icon)
    # The first window docked inside trayer's panel, as "x y" of its centre.
    xwininfo -root -tree |
        awk '/"panel": \("panel" "trayer"\)/ {inside = 1; next}
             inside && /[0-9]+x[0-9]+\+/ {print; exit}' |
        grep -oE '[0-9]+x[0-9]+\+-?[0-9]+\+-?[0-9]+ +\+-?[0-9]+\+-?[0-9]+' |
        awk '{split($1, size, /[x+]/); split($2, at, /\+/);
              print at[2] + int(size[1] / 2), at[3] + int(size[2] / 2)}'
    ;;
*)
    echo "usage: $0 start|stop|tray-icon" >&2
    exit 2
    ;;
esac
