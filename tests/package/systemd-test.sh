#!/usr/bin/env bash
# The package under a real systemd: a Debian 12 tree made with debootstrap, booted with
# systemd-nspawn (sharing this machine's loopback), the .deb installed in it, terminal6.socket
# enabled. Checks what only systemd shows: activation on the first connection, Type=notify
# (STATUS= counts), the hardened unit running as a dynamic user with one capability, the
# watchdog restarting a stopped process, and 500 webhooks/s while systemd's own restarts follow
# three SIGKILLs: 0 refused, 0 lost, none twice.
# Needs root; exits 77 (skipped) where no container can be booted.
#   tests/package/systemd-test.sh [DEB]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "systemd-test: needs root"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
need=()
for tool in debootstrap:debootstrap systemd-nspawn:systemd-container redis-cli:redis-tools \
    curl:curl; do
    command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ ${#need[@]} -eq 0 ] || apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
deb="${1:-$(scripts/package.sh | tail -1)}"

work="$(mktemp -d "${TMPDIR:-/tmp}/t6-systemd.XXXXXX")"
tree="$work/root"
nspawn=""
cleanup() {
    [ -n "$nspawn" ] && kill "$nspawn" 2>/dev/null && wait "$nspawn" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
source tests/package/lib.sh # (the working folder is the checkout)

echo "debootstrap bookworm into $tree"
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,redis-server,procps \
    bookworm "$tree" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; exit 1; }
cp /etc/resolv.conf "$tree/etc/resolv.conf"
cp "$deb" "$tree/root/"
chroot "$tree" apt-get install -y -qq "/root/$(basename "$deb")" >"$work/apt.log" 2>&1 ||
    { tail -20 "$work/apt.log"; exit 1; }

port="$(free_port)"
redis_port="$(free_port)"
token="systemd-test-$RANDOM$RANDOM"
install -m 600 /dev/null "$tree/etc/terminal6/token.env"
printf 'WEBHOOK_TOKEN=%s\nREDIS_PORT=%s\n' "$token" "$redis_port" >"$tree/etc/terminal6/token.env"
sed -i "s/^port 6379/port $redis_port/" "$tree/etc/redis/redis.conf"
mkdir -p "$tree/etc/systemd/system/terminal6.socket.d"
printf '[Socket]\nListenStream=\nListenStream=127.0.0.1:%s\n' "$port" \
    >"$tree/etc/systemd/system/terminal6.socket.d/port.conf"
chroot "$tree" systemctl enable terminal6.socket redis-server >/dev/null 2>&1

systemd-nspawn -D "$tree" -b --register=no --keep-unit --quiet >"$work/console.log" 2>&1 &
nspawn=$!
# The container's PID 1: the systemd that descends from our nspawn.
leader=""
for _ in $(seq 100); do
    for pid in $(pgrep -x systemd); do
        p="$pid"
        while [ "$p" -gt 1 ] && [ "$p" != "$nspawn" ]; do p="$(awk '{print $4}' "/proc/$p/stat")"; done
        [ "$p" = "$nspawn" ] && leader="$pid"
    done
    [ -n "$leader" ] && break
    kill -0 "$nspawn" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$leader" ]; then
    echo "systemd-test: skipped, this machine cannot boot a container:"
    sed 's/^/        /' "$work/console.log" | tail -5
    exit 77
fi
in_container() { nsenter -t "$leader" -a "$@"; }
for _ in $(seq 300); do
    state="$(in_container systemctl is-system-running 2>/dev/null || true)"
    [ "$state" = running ] || [ "$state" = degraded ] && break
    sleep 0.1
done
echo "container booted: $state"
show() { in_container systemctl show terminal6.service -p "$1" --value; }

check "the package enabled nothing (terminal6.service is $(in_container systemctl is-enabled terminal6.service))" \
    sh -c "[ \"\$(nsenter -t $leader -a systemctl is-enabled terminal6.service)\" = disabled ]"
check "terminal6.socket listens, the service waits for the first connection" sh -c \
    "[ \"\$(nsenter -t $leader -a systemctl is-active terminal6.socket)\" = active ] &&
     [ \"\$(nsenter -t $leader -a systemctl is-active terminal6.service)\" = inactive ]"
code="$(curl -s -m 20 -o "$work/reply.json" -w '%{http_code}' -H "X-Webhook-Token: $token" \
    --data '{"Symbol":"BTCUSDT","Action":"PING"}' "http://127.0.0.1:$port/webhook")"
check "the first webhook starts the service and is answered 200 ($code)" test "$code" = 200
sleep 1.5
status_text="$(show StatusText)"
check "Type=notify: systemd shows the counts (\"$status_text\")" \
    sh -c "printf '%s' '$status_text' | grep -q '^1 received, 0 refused'"
main="$(show MainPID)"
user="$(in_container ps -o user= -p "$main" | tr -d ' ')"
check "runs as a dynamic user ($user), not root" sh -c "[ -n '$user' ] && [ '$user' != root ]"
caps="$(in_container grep CapEff "/proc/$main/status" | awk '{print $2}')"
check "one capability: CAP_NET_BIND_SERVICE (CapEff $caps)" test "$caps" = 0000000000000400
check "the journal is in the state directory" in_container test -s /var/lib/private/terminal6/journal.sqlite
exposure="$(in_container systemd-analyze security terminal6.service 2>/dev/null |
    sed -n 's/.*Overall exposure level for terminal6.service: \([0-9.]*\).*/\1/p')"
check "systemd-analyze security of the running unit: ${exposure:-?}" \
    awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 2.5) }'

# 500/s for 10 s; systemd restarts the service after each of three SIGKILLs (Restart=on-failure).
python3 tests/package/soak_client.py "$port" "$token" 500 10 >"$work/soak.json" &
client=$!
restarts_before="$(show NRestarts)"
for _ in 1 2 3; do
    sleep 2.5
    in_container systemctl kill -s KILL terminal6.service
done
wait "$client"
sleep 1
restarts=$(($(show NRestarts) - restarts_before))
for _ in $(seq 100); do
    pending="$(curl -s "http://127.0.0.1:$port/health" | sed -n 's/.*"pending":\([0-9]*\).*/\1/p')"
    [ "$pending" = 0 ] && break
    sleep 0.1
done
redis-cli -p "$redis_port" --raw xrange webhook_raw:stream - + >"$work/stream.txt"
read -r sent refused broken acked lost twice longest < <(python3 - "$work/soak.json" "$work/stream.txt" <<'PY'
import collections, json, re, sys
soak = json.load(open(sys.argv[1]))
ids = collections.Counter(re.findall(r'"trace_id":"([0-9a-f-]{36})"', open(sys.argv[2]).read()))
lost = sum(1 for t in soak["acked"] if ids[t] == 0)
twice = sum(1 for t in soak["acked"] if ids[t] > 1)
print(soak["sent"], soak["refused"], len(soak["failures"]), len(soak["acked"]), lost, twice,
      soak["longest_ms"])
PY
)
echo "        sent $sent, acknowledged $acked, refused $refused, other failures $broken, lost $lost, twice $twice, longest request $longest ms, systemd restarts $restarts"
check "three SIGKILLs, three restarts by systemd ($restarts)" test "$restarts" = 3
check "0 refused while systemd restarted it ($refused)" test "$refused" = 0
check "every acknowledged webhook in the stream once (lost $lost, twice $twice)" \
    test "$lost" = 0 -a "$twice" = 0
check "at most one request per sender per kill died with the process ($broken)" \
    test "$broken" -le 30

# The watchdog: a process that stops answering is killed and restarted.
main="$(show MainPID)"
restarts_before="$(show NRestarts)"
in_container kill -STOP "$main"
for _ in $(seq 200); do
    [ "$(show NRestarts)" != "$restarts_before" ] && [ "$(show MainPID)" != "$main" ] &&
        [ "$(show MainPID)" != 0 ] && break
    sleep 0.1
done
check "the watchdog restarts a stopped process (within 20 s)" sh -c \
    "nsenter -t $leader -a journalctl -u terminal6 --no-pager | grep -q 'Watchdog timeout'"
code="$(curl -s -m 20 -o /dev/null -w '%{http_code}' -H "X-Webhook-Token: $token" \
    --data '{"Symbol":"ETHUSDT","Action":"PING"}' "http://127.0.0.1:$port/webhook")"
check "answered after the watchdog's restart ($code)" test "$code" = 200

in_container systemctl poweroff >/dev/null 2>&1 || true
for _ in $(seq 100); do kill -0 "$nspawn" 2>/dev/null || break; sleep 0.1; done
[ "$failures" = 0 ] && echo "systemd test: all passed" || echo "systemd test: $failures FAILED"
exit $((failures > 0))
