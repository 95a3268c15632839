#!/usr/bin/env bash
# The Debian package as a user gets it: built, installed with apt-get, checked (lintian, the
# desktop entry, the metainfo, the units and their hardening), run from the installed files
# (a fixture POSTed, seen on a real Redis subscriber; the port handed over the systemd way; the
# socket-activation soak against /usr/bin/terminal6), then purged: nothing of it may be left.
# Needs root (apt-get). Run by scripts/test.sh when it runs as root, as in CI.
#   tests/package/install-test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
build="$root/${T6_BUILD_DIR:-build}"
[ "$(id -u)" = 0 ] || { echo "install-test: needs root (apt-get install)"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
need=()
for tool in lintian:lintian desktop-file-validate:desktop-file-utils appstreamcli:appstream \
    systemd-analyze:systemd systemd-socket-activate:systemd redis-server:redis-server \
    redis-cli:redis-tools curl:curl nginx:nginx-light openssl:openssl; do
    command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ ${#need[@]} -eq 0 ] || apt-get install -y --no-install-recommends "${need[@]}" >/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/t6-package.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
source tests/package/lib.sh # (the working folder is the checkout)

deb="$(scripts/package.sh | tail -1)"
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg -s terminal6 >/dev/null 2>&1 && apt-get purge -y terminal6 >/dev/null
apt-get install -y "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }

check "terminal6 --version" sh -c '/usr/bin/terminal6 --version | grep -q "terminal6 "'
check "not started at install" sh -c '! pgrep -x terminal6'
lintian_clean() { lintian "$deb" | tee /dev/stderr | { ! grep -E '^(E|W):'; }; }
check "lintian: no error, no warning" lintian_clean
check "desktop-file-validate" desktop-file-validate /usr/share/applications/terminal6.desktop
check "appstreamcli validate" appstreamcli validate --no-net \
    /usr/share/metainfo/org.aristobot3.terminal6.metainfo.xml
check "systemd-analyze verify" systemd-analyze verify /lib/systemd/system/terminal6.service \
    /lib/systemd/system/terminal6.socket
exposure="$(systemd-analyze security --offline=true /lib/systemd/system/terminal6.service 2>/dev/null |
    sed -n 's/.*Overall exposure level for terminal6.service: \([0-9.]*\).*/\1/p')"
check "systemd-analyze security: exposure ${exposure:-?} (at most 2.5)" \
    awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 2.5) }'
check "man page" sh -c 'man -l /usr/share/man/man1/terminal6.1.gz 2>/dev/null | grep -q -- "--max-body"'
check "no token in /etc/terminal6/terminal6.conf" sh -c '! grep -E "^[^#]*token" /etc/terminal6/terminal6.conf'
check "icons 16 to 256 px and an SVG" sh -c 'for s in 16 22 24 32 48 64 128 256; do
    test -s /usr/share/icons/hicolor/${s}x${s}/apps/terminal6.png || exit 1; done
    test -s /usr/share/icons/hicolor/scalable/apps/terminal6.svg'

# A headless smoke run from the installed files: the package's config, a real Redis.
redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --daemonize no >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" subscribe webhook_raw >"$work/subscriber.txt" &
pids+=($!)
token="install-test-$RANDOM$RANDOM"
port="$(free_port)"
WEBHOOK_TOKEN="$token" REDIS_PORT="$redis_port" XDG_CONFIG_HOME="$work/config" \
    /usr/bin/terminal6 --headless --config /etc/terminal6/terminal6.conf --host 127.0.0.1 \
    --port "$port" --data-dir "$work/data" --embedded-redis never >"$work/terminal6.log" 2>&1 &
t6=$!
pids+=($t6)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
fixture="$(head -1 tests/fixtures/tradingview-payloads.jsonl)"
reply="$(curl -s -H "X-Webhook-Token: $token" -H 'Content-Type: application/json' \
    --data "$fixture" "http://127.0.0.1:$port/webhook")"
trace="$(printf '%s' "$reply" | sed -n 's/.*"trace_id":"\([^"]*\)".*/\1/p')"
for _ in $(seq 50); do grep -q "$trace" "$work/subscriber.txt" 2>/dev/null && break; sleep 0.1; done
check "installed terminal6: a fixture POSTed (${trace:-no trace id}) reaches a subscriber" \
    grep -q "\"trace_id\":\"$trace\"" "$work/subscriber.txt"
kill -TERM "$t6"
status=0
wait "$t6" || status=$?
check "SIGTERM: exit status 0" test "$status" = 0
check "the token is in no log line" sh -c "! grep -q '$token' '$work/terminal6.log'"

# The example nginx site, as installed, in front of the installed terminal6: TLS on 443 (here a
# free port and a certificate made now), the client's address passed and believed.
port="$(free_port)"
tls_port="$(free_port)"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout "$work/key.pem" \
    -out "$work/cert.pem" >/dev/null 2>&1
sed -e "s|127.0.0.1:8888|127.0.0.1:$port|" -e "s|listen 443 ssl;|listen 127.0.0.1:$tls_port ssl;|" \
    -e '/listen \[::\]/d' -e '/listen 80;/d' \
    -e "s|/etc/letsencrypt/live/webhooks.example.com/fullchain.pem|$work/cert.pem|" \
    -e "s|/etc/letsencrypt/live/webhooks.example.com/privkey.pem|$work/key.pem|" \
    /usr/share/doc/terminal6/examples/nginx-terminal6.conf >"$work/site.conf"
cat >"$work/nginx.conf" <<NGINX
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    include $work/site.conf;
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
WEBHOOK_TOKEN="$token" REDIS_PORT="$redis_port" XDG_CONFIG_HOME="$work/config" \
    /usr/bin/terminal6 --headless --host 127.0.0.1 --port "$port" --trusted-proxy 127.0.0.1 \
    --data-dir "$work/data3" --embedded-redis never >"$work/behind-nginx.log" 2>&1 &
t6=$!
pids+=($t6)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
for _ in $(seq 50); do curl -sk -o /dev/null "https://127.0.0.1:$tls_port/" && break; sleep 0.1; done
# From 127.0.0.2, with a forged X-Forwarded-For: Terminal 6 must see 127.0.0.2.
reply="$(curl -sk --interface 127.0.0.2 -H "X-Webhook-Token: $token" -H 'X-Forwarded-For: 203.0.113.9' \
    --data "$fixture" "https://127.0.0.1:$tls_port/webhook")"
trace="$(printf '%s' "$reply" | sed -n 's/.*"trace_id":"\([^"]*\)".*/\1/p')"
sleep 0.3
check "through the nginx example over TLS: 200 (${trace:-$reply})" test -n "$trace"
check "through nginx: terminal6 sees the client, 127.0.0.2, not the forged address" \
    grep -q "accepted $trace .* from 127.0.0.2" "$work/behind-nginx.log"
kill -TERM "$t6" 2>/dev/null || true
wait "$t6" 2>/dev/null || true

# The port handed over by systemd's own tool (one start), as terminal6.socket does.
port="$(free_port)"
WEBHOOK_TOKEN="$token" REDIS_PORT="$redis_port" XDG_CONFIG_HOME="$work/config" \
    systemd-socket-activate -l "127.0.0.1:$port" -E WEBHOOK_TOKEN -E REDIS_PORT -E XDG_CONFIG_HOME \
    /usr/bin/terminal6 --headless --data-dir "$work/data2" --embedded-redis never \
    >"$work/activated.log" 2>&1 &
activate=$!
pids+=($activate)
sleep 0.3
# The first connection starts it (systemd-socket-activate execs on the first connection).
code="$(curl -s -m 10 -o /dev/null -w '%{http_code}' -H "X-Webhook-Token: $token" \
    --data "$fixture" "http://127.0.0.1:$port/webhook")"
check "systemd-socket-activate: the first webhook answered 200 ($code)" test "$code" = 200
check "systemd-socket-activate: it listens on the socket given" \
    grep -q "listening on http://127.0.0.1:$port/webhook" "$work/activated.log"
kill -TERM "$activate" 2>/dev/null || true
wait "$activate" 2>/dev/null || true

# The soak (500/s, SIGKILL and restart three times: 0 refused, 0 lost) on the installed binary.
check "socket-activation soak on /usr/bin/terminal6" env T6_BINARY=/usr/bin/terminal6 \
    T6_EMBEDDED_REDIS=never XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen \
    "$build/tests/integration/tst_socketactivation" noConnectionRefusedWhileItRestarts
grep -h "sent .*acknowledged" "$work/check.log" | sed 's/^QINFO *: [^)]*) /        /' || true

# Remove, then purge: only what policy keeps may stay (nothing here: no user data outside
# /var/lib/terminal6, which purge deletes with the token file).
dpkg -L terminal6 | sort >"$work/files.txt"
mkdir -p /var/lib/private/terminal6 && touch /var/lib/private/terminal6/journal.sqlite3
install -m 600 /dev/null /etc/terminal6/token.env
apt-get remove -y terminal6 >/dev/null 2>&1
check "remove: the binary is gone" test ! -e /usr/bin/terminal6
check "remove: the configuration and the data stay" test -e /etc/terminal6/terminal6.conf -a \
    -e /var/lib/private/terminal6/journal.sqlite3
apt-get purge -y terminal6 >/dev/null 2>&1
left() {
    while read -r path; do
        [ -f "$path" ] && echo "$path"
    done <"$work/files.txt"
    for path in /etc/terminal6 /var/lib/terminal6 /var/lib/private/terminal6; do
        [ -e "$path" ] && echo "$path"
    done
    return 0
}
leftovers="$(left)"
check "purge: nothing left" test -z "$leftovers"
[ -z "$leftovers" ] || printf '        left: %s\n' $leftovers

[ "$failures" = 0 ] && echo "package install test: all passed" || echo "package install test: $failures FAILED"
exit $((failures > 0))
