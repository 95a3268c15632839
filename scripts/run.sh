#!/usr/bin/env bash
# One command from a fresh Debian 12 to a running Terminal 6: installs what is missing, builds,
# makes a token on first use, starts a local redis-server when none answers, runs the app.
# Extra arguments go to terminal6 (e.g. --headless, --port 9000).
# A redis-server started here is this script's child: it is shut down when Terminal 6 exits.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh terminal6

config_dir="${XDG_CONFIG_HOME:-$HOME/.config}/terminal6"
config="$config_dir/terminal6.ini"
data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/terminal6"
mkdir -p "$config_dir" "$data_dir"

if [ -z "${WEBHOOK_TOKEN:-}" ] && ! grep -q '^token=' "$config" 2>/dev/null; then
    token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    (umask 077 && printf 'token=%s\n' "$token" >>"$config")
    echo "------------------------------------------------------------------------"
    echo " Your webhook token (shown once; kept in $config):"
    echo "   $token"
    echo " TradingView webhook URL: http://<your-address>:<port>/webhook/$token (port 8888 unless --port)"
    echo "------------------------------------------------------------------------"
fi

# The embedded default: a local redis-server when nothing answers at the configured address.
redis_host="${REDIS_HOST:-127.0.0.1}"
redis_port="${REDIS_PORT:-6379}"
redis_pid=""
app_pid=""
stop_all() {
    [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
    if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
        echo "Stopping the local redis-server (pid $redis_pid); its data stays in $data_dir/redis"
        kill -TERM "$redis_pid" 2>/dev/null # redis-server saves the AOF and exits
        wait "$redis_pid" 2>/dev/null || true
    fi
}
trap stop_all EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

if [ -z "${REDIS_URL:-}" ] && ! redis-cli -h "$redis_host" -p "$redis_port" ping >/dev/null 2>&1; then
    case "$redis_host" in
    127.* | localhost | ::1)
        mkdir -p "$data_dir/redis"
        redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize no \
            --dir "$data_dir/redis" --logfile "$data_dir/redis/redis.log" --appendonly yes &
        redis_pid=$!
        for _ in $(seq 50); do
            redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
            sleep 0.1
        done
        echo "No Redis answered at $redis_host:$redis_port: started a local redis-server there"
        echo "(pid $redis_pid, data and log in $data_dir/redis); it stops when Terminal 6 exits."
        ;;
    *) echo "Redis at $redis_host:$redis_port does not answer; Terminal 6 will keep retrying." ;;
    esac
fi

# In the background so that a TERM to this script reaches Terminal 6 (stop_all) and the
# redis-server is stopped after it, whatever way it ends.
build/app/terminal6 --config "$config" "$@" &
app_pid=$!
status=0
wait "$app_pid" || status=$?
app_pid=""
exit "$status"
