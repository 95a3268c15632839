#!/usr/bin/env bash
# Regenerates the README's pictures of the first run, in English and in French, on a real desktop
# (tests/desktop/x-session.sh): Terminal 6 started as a new user would start it from the menu
# (no settings, no Redis running: it embeds its own), the TradingView setup assistant's three
# pages (a token created, a public address typed, a test alert heard by a redis-cli subscriber),
# then the settings dialog with a bad port typed. Into docs/setup*-LANG.png and settings-LANG.png.
#   tests/desktop/setup-screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
binary="$root/build/app/terminal6"
eval "$("$root/tests/desktop/x-session.sh" start)"
unset QT_QPA_PLATFORM
work="$(mktemp -d)"
cleanup() {
    pkill -TERM -f "$binary" 2>/dev/null || true
    pkill -TERM -f "redis-cli.*subscribe webhook_raw" 2>/dev/null || true
    wait 2>/dev/null || true
    "$root/tests/desktop/x-session.sh" stop
    rm -rf "$work"
}
trap cleanup EXIT

wait_window() { # wait_window NAME-REGEX: prints the window id
    for _ in $(seq 100); do
        xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 && return 0
        sleep 0.2
    done
    echo "no window named $1" >&2
    return 1
}
click() { xdotool mousemove --window "$1" "$2" "$3" click 1; sleep "${4:-1}"; }
next_button() { click "$1" 622 597; } # the wizard's Next / Finish, same place in both languages

run() { # run LANGUAGE LOCALE SETTINGS-MENU-KEY
    local lang="$1" home="$work/$1"
    mkdir -p "$home"
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" LANG="$2" \
        T6_EMBEDDED_REDIS=auto "$binary" >"$work/$lang.log" 2>&1 &
    local app=$!
    local wizard main dialog
    wizard="$(wait_window 'TradingView')"
    click "$wizard" 152 76 1.5 # Create a token and listen on every address
    click "$wizard" 380 110 0.2 # the public address field
    xdotool type --delay 20 '203.0.113.7'
    sleep 0.5
    import -window "$wizard" "$root/docs/setup-$lang.png"
    next_button "$wizard"
    import -window "$wizard" "$root/docs/setup-alert-$lang.png"
    local conf="$home/.local/share/terminal6/redis/redis.conf"
    redis-cli -p "$(awk '/^port/ {print $2}' "$conf")" --no-auth-warning \
        -a "$(awk '/^requirepass/ {print $2}' "$conf")" subscribe webhook_raw >/dev/null &
    sleep 0.5
    next_button "$wizard"
    click "$wizard" 80 87 2 # Send a test alert
    import -window "$wizard" "$root/docs/setup-test-$lang.png"
    next_button "$wizard" # Finish
    main="$(wait_window '^Terminal 6')"
    xdotool windowactivate --sync "$main" key alt+f
    sleep 0.5
    xdotool key "$3"
    dialog="$(wait_window 'settings$|^Param')"
    click "$dialog" 38 32 0.7 # the Listener page
    click "$dialog" 583 100 0.2 # the port
    xdotool key ctrl+a type '0'
    sleep 0.5
    import -window "$dialog" "$root/docs/settings-$lang.png"
    kill -TERM "$app"
    wait "$app" || true
    pkill -TERM -f "redis-cli.*subscribe webhook_raw" || true
    echo "docs/setup-$lang.png docs/setup-alert-$lang.png docs/setup-test-$lang.png docs/settings-$lang.png"
}
run en en_US.UTF-8 s
run fr fr_FR.UTF-8 p
