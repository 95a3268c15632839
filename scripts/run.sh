#!/usr/bin/env bash
# One command from a fresh Debian 12 to a running Terminal 6: installs what is missing, builds,
# makes a token on first use, starts a local redis-server when none answers, runs the app.
# Extra arguments go to terminal6 (e.g. --headless, --port 9000).
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
    umask 077
    printf 'token=%s\n' "$token" >> "$config"
    echo "------------------------------------------------------------------------"
    echo " Your webhook token (shown once; kept in $config):"
    echo "   $token"
    echo " TradingView webhook URL: http://<your-address>:<port>/webhook/$token (port 8888 unless --port)"
    echo "------------------------------------------------------------------------"
fi

# The embedded default: a local redis-server when nothing answers at the configured address.
redis_host="${REDIS_HOST:-127.0.0.1}"
redis_port="${REDIS_PORT:-6379}"
if [ -z "${REDIS_URL:-}" ] && ! redis-cli -h "$redis_host" -p "$redis_port" ping >/dev/null 2>&1; then
    case "$redis_host" in
    127.*|localhost|::1)
        echo "No Redis at $redis_host:$redis_port: starting a local redis-server (data in $data_dir/redis)"
        mkdir -p "$data_dir/redis"
        redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes \
            --dir "$data_dir/redis" --logfile "$data_dir/redis/redis.log" --appendonly yes
        ;;
    *) echo "Redis at $redis_host:$redis_port does not answer; Terminal 6 will keep retrying." ;;
    esac
fi

exec build/app/terminal6 --config "$config" "$@"
