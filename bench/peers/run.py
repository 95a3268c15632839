#!/usr/bin/python3
"""Terminal 6 against its peers in one run (bench/peers.sh sets the environment and builds).

Servers, each on its own loopback port, all running at once, one Redis with a subscriber on
webhook_raw: nginx (`return 200` after a token check, one worker: the machine's HTTP ceiling), the
seed's design (aiohttp + redis.asyncio, `await PUBLISH`, 200), a bare QHttpServer answering 200
(the Qt floor), `terminal6 --headless --durability normal`, and terminal6 with its window on Xvfb.
Loads, interleaved round by round so that the machine's mood is shared: wrk -t1 -c8 and -c64 with
distinct bodies; open loop at 1 000/s and 5 000/s (p50/p99/p99.9 from the moment each request was
due); send -> subscriber latency at 1 000/s; the same wrk -c8 with Redis stopped; CPU µs per
webhook of the server process from /proc/<pid>/stat; terminal6's idle RSS and its RSS after
100 000 journal rows. Prints a Markdown table and writes it to RESULTS (bench/RESULTS.md).
"""
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(BENCH))
WORK = os.environ["WORK"]
T6 = os.environ["T6_COPY"]
OPENLOOP = os.environ["OPENLOOP"]
BARE = os.environ["BARE"]
RESULTS = os.environ.get("RESULTS", os.path.join(ROOT, "bench", "RESULTS.md"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
DURATION = int(os.environ.get("DURATION", "10"))
GUI = os.environ.get("GUI", "1") == "1"
TOKEN = "peers-bench-token-%d" % os.getpid()
TICK = os.sysconf("SC_CLK_TCK")
children = []


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(args, log, env=None, **kw):
    p = subprocess.Popen(args, stdout=open(log, "w"), stderr=subprocess.STDOUT,
                         env=env or os.environ, **kw)
    children.append(p)
    return p


def wait_http(port, path="/health", seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=1).read()
            return True
        except urllib.error.HTTPError:
            return True  # it answers (404/405 for a peer without /health)
        except OSError:
            time.sleep(0.1)
    return False


def health(port):
    try:
        return json.loads(urllib.request.urlopen("http://127.0.0.1:%d/health" % port,
                                                 timeout=2).read())
    except (OSError, ValueError):
        return {}


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime, all threads


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def redis_cli(*args):
    return subprocess.run(["redis-cli", "-p", str(REDIS_PORT)] + list(args),
                          capture_output=True, text=True).stdout.strip()


# --- Redis and the listener --------------------------------------------------------------------
REDIS_PORT = free_port()


def start_redis():
    global redis_proc
    redis_proc = spawn(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", WORK],
                       os.path.join(WORK, "redis.log"))
    for _ in range(100):
        if redis_cli("ping") == "PONG":
            return
        time.sleep(0.05)
    sys.exit("redis-server did not start")


start_redis()
listener = spawn(["redis-cli", "-p", str(REDIS_PORT), "subscribe", "webhook_raw"], os.devnull)

# --- the servers -------------------------------------------------------------------------------
servers = {}  # name -> {"port", "pid" (measured), "kind"}
env = dict(os.environ, WEBHOOK_TOKEN=TOKEN, REDIS_URL="redis://127.0.0.1:%d/0" % REDIS_PORT,
           T6_EMBEDDED_REDIS="never", XDG_CONFIG_HOME=os.path.join(WORK, "config"))

port = free_port()
conf = open(os.path.join(BENCH, "nginx.conf.in")).read()
conf = conf.replace("@PORT@", str(port)).replace("@TOKEN@", TOKEN).replace("@WORK@", WORK)
open(os.path.join(WORK, "nginx.conf"), "w").write(conf)
nginx = spawn(["nginx", "-c", os.path.join(WORK, "nginx.conf"), "-p", WORK],
              os.path.join(WORK, "nginx.log"))
wait_http(port, "/webhook")
workers = subprocess.run(["pgrep", "-P", str(nginx.pid)], capture_output=True,
                         text=True).stdout.split()
servers["nginx return 200"] = {"port": port, "pid": int(workers[0]), "kind": "nginx"}

port = free_port()
p = spawn(["/usr/bin/python3", os.path.join(BENCH, "aiohttp_peer.py"), str(port),
           str(REDIS_PORT), TOKEN], os.path.join(WORK, "aiohttp.log"))
wait_http(port, "/webhook")
servers["aiohttp + redis.asyncio (seed design)"] = {"port": port, "pid": p.pid, "kind": "peer"}

port = free_port()
p = spawn([BARE, str(port)], os.path.join(WORK, "bare.log"))
wait_http(port, "/webhook")
servers["bare QHttpServer"] = {"port": port, "pid": p.pid, "kind": "qt"}


def start_terminal6(name, gui):
    port = free_port()
    # All the load comes from 127.0.0.1: the per-address cap (32, loopback counted) would evict
    # wrk's 64 connections, as it should for an attacker; the peers have no such cap.
    args = [T6, "--host", "127.0.0.1", "--port", str(port), "--durability", "normal",
            "--max-connections-per-ip", "256",
            "--data-dir", os.path.join(WORK, "data-" + name.split()[-1])]
    e = dict(env)
    if gui:
        e.pop("QT_QPA_PLATFORM", None)
        e["HOME"] = os.path.join(WORK, "home")
    else:
        args.insert(1, "--headless")
    p = spawn(args, os.path.join(WORK, name.replace(" ", "_") + ".log"), env=e)
    if not wait_http(port):
        sys.exit("terminal6 (%s) did not start" % name)
    for _ in range(100):
        if health(port).get("redis") == "ok":
            break
        time.sleep(0.1)
    return {"port": port, "pid": p.pid, "kind": "t6"}


servers["terminal6 --headless"] = start_terminal6("terminal6 headless", False)
time.sleep(3)
idle_rss = rss_kib(servers["terminal6 --headless"]["pid"])
if GUI and os.environ.get("DISPLAY"):
    servers["terminal6 (window, Xvfb)"] = start_terminal6("terminal6 gui", True)
    time.sleep(3)

# --- the loads ---------------------------------------------------------------------------------
results = {name: {} for name in servers}


def record(name, key, value):
    results[name].setdefault(key, []).append(value)


def wrk(name, connections, duration=DURATION):
    s = servers[name]
    before = cpu_ticks(s["pid"])
    out = subprocess.run(["wrk", "-t1", "-c%d" % connections, "-d%ds" % duration, "--latency",
                          "-s", os.path.join(ROOT, "bench", "webhook.lua"),
                          "http://127.0.0.1:%d/webhook" % s["port"]],
                         capture_output=True, text=True, env=env).stdout
    after = cpu_ticks(s["pid"])
    line = re.search(r"^T6WRK (.*)$", out, re.M)
    if not line:
        return None
    f = dict(kv.split("=") for kv in line.group(1).split())
    ok = int(f["ok200"])
    return {"rps": float(f["rps"]), "ok": ok, "other": int(f["not200"]) + int(f["non2xx"]),
            "errors": sum(int(f[k]) for k in ("connect_err", "read_err", "write_err",
                                              "timeout_err")),
            "cpu_us": (after - before) * 1e6 / TICK / max(ok, 1),
            "p99_ms": int(f["p99_us"]) / 1000}


def openloop(name, rate, connections):
    s = servers[name]
    out = subprocess.run([OPENLOOP, str(s["port"]), str(rate), str(DURATION), str(connections),
                          TOKEN], capture_output=True, text=True).stdout
    line = re.search(r"^OPENLOOP (.*)$", out, re.M)
    return dict((k, int(v)) for k, v in (kv.split("=") for kv in line.group(1).split()))


def drain():
    # Each round starts with nothing queued behind the last one.
    for s in servers.values():
        if s["kind"] == "t6":
            for _ in range(300):
                h = health(s["port"])
                if h.get("pending", 0) == 0 and h.get("unpublished", 0) == 0:
                    break
                time.sleep(0.1)


names = list(servers)
for rnd in range(ROUNDS):
    print("round %d of %d" % (rnd + 1, ROUNDS), flush=True)
    for connections in (8, 64):
        for name in names:
            r = wrk(name, connections)
            if r:
                record(name, "c%d" % connections, r)
            drain()
    for rate, connections in ((1000, 16), (5000, 64)):
        for name in names:
            latency = None
            if rate == 1000 and servers[name]["kind"] in ("t6", "peer"):
                ready = os.path.join(WORK, "sub-ready")
                if os.path.exists(ready):
                    os.remove(ready)
                sub = subprocess.Popen(["/usr/bin/python3", os.path.join(BENCH, "subscriber.py"),
                                        str(REDIS_PORT), ready], stdout=subprocess.PIPE,
                                       text=True)
                children.append(sub)
                while not os.path.exists(ready):
                    time.sleep(0.05)
            record(name, "open%d" % rate, openloop(name, rate, connections))
            if rate == 1000 and servers[name]["kind"] in ("t6", "peer"):
                time.sleep(0.5)
                sub.send_signal(signal.SIGTERM)
                line = re.search(r"SUBSCRIBER (.*)", sub.communicate(timeout=30)[0])
                record(name, "sub", dict((k, int(v)) for k, v in
                                         (kv.split("=") for kv in line.group(1).split())))
            drain()

# Redis stopped: the replies must not change (terminal6 journals and answers; the seed fails).
print("Redis stopped", flush=True)
redis_proc.send_signal(signal.SIGTERM)
redis_proc.wait()
for name in names:
    if servers[name]["kind"] in ("t6", "peer"):
        r = wrk(name, 8)
        if r:
            record(name, "noredis", r)
start_redis()
listener = spawn(["redis-cli", "-p", str(REDIS_PORT), "subscribe", "webhook_raw"], os.devnull)
drain()

# RSS after 100 000 journal rows (headless).
h6 = servers["terminal6 --headless"]
while health(h6["port"]).get("webhooks_received", 0) < 100000:
    wrk("terminal6 --headless", 8, 5)
drain()
rows = health(h6["port"]).get("webhooks_received", 0)
rss_rows = rss_kib(h6["pid"])


# --- the table ---------------------------------------------------------------------------------
def med(name, key, field):
    values = [r[field] for r in results[name].get(key, [])]
    return statistics.median(values) if values else None


def span(name, key, field, fmt="%.0f"):
    values = [r[field] for r in results[name].get(key, [])]
    if not values:
        return "–"
    if len(values) == 1:
        return fmt % values[0]
    return (fmt + " – " + fmt) % (min(values), max(values))


nginx_name = "nginx return 200"
qt_name = "bare QHttpServer"
peer_name = "aiohttp + redis.asyncio (seed design)"


def ratio(name, key, other):
    a, b = med(name, key, "rps"), med(other, key, "rps")
    return "%.2f" % (a / b) if a and b else "–"


cpu = subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p'"], capture_output=True,
                     text=True).stdout.strip()
lines = []
lines.append("# Terminal 6 against its peers")
lines.append("")
lines.append("`bench/peers.sh`, %s, %s, %d cores, %d rounds of %d s, loopback, one Redis with a "
             "subscriber on `webhook_raw`, every server running during every load."
             % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), cpu, os.cpu_count(), ROUNDS,
                DURATION))
lines.append("")
lines.append("## Closed loop (wrk -t1, distinct bodies; min – max over the rounds, ratios of the "
             "medians)")
lines.append("")
lines.append("| server | -c8 req/s | × nginx | × bare Qt | × seed | -c64 req/s | × nginx | "
             "CPU µs/webhook (-c8) | non-200 | socket errors |")
lines.append("|---|---|---|---|---|---|---|---|---|---|")
for name in names:
    bad = sum(r["other"] for k in ("c8", "c64") for r in results[name].get(k, []))
    errs = sum(r["errors"] for k in ("c8", "c64") for r in results[name].get(k, []))
    lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %d | %d |" % (
        name, span(name, "c8", "rps"), ratio(name, "c8", nginx_name), ratio(name, "c8", qt_name),
        ratio(name, "c8", peer_name), span(name, "c64", "rps"), ratio(name, "c64", nginx_name),
        span(name, "c8", "cpu_us"), bad, errs))
lines.append("")
lines.append("## Open loop (latency from the moment each request was due, ms; median of the "
             "rounds)")
lines.append("")
lines.append("| server | 1 000/s p50 | p99 | p99.9 | 5 000/s p50 | p99 | p99.9 | 5 000/s answered "
             "| send → subscriber p50 | p99 (at 1 000/s) |")
lines.append("|---|---|---|---|---|---|---|---|---|---|")
for name in names:
    def ms(key, field):
        v = med(name, key, field)
        return "%.2f" % (v / 1000) if v is not None else "–"
    answered = results[name].get("open5000", [])
    ans = "%d / %d" % (sum(r["ok"] for r in answered), sum(r["due"] for r in answered))
    lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        name, ms("open1000", "p50_us"), ms("open1000", "p99_us"), ms("open1000", "p999_us"),
        ms("open5000", "p50_us"), ms("open5000", "p99_us"), ms("open5000", "p999_us"), ans,
        ms("sub", "p50_us"), ms("sub", "p99_us")))
lines.append("")
lines.append("## Redis stopped (wrk -c8, %d s)" % DURATION)
lines.append("")
lines.append("| server | req/s | 200s | other replies | socket errors | × with Redis |")
lines.append("|---|---|---|---|---|---|")
for name in names:
    for r in results[name].get("noredis", []):
        lines.append("| %s | %.0f | %d | %d | %d | %s |" % (
            name, r["rps"], r["ok"], r["other"], r["errors"],
            "%.2f" % (r["rps"] / med(name, "c8", "rps")) if med(name, "c8", "rps") else "–"))
lines.append("")
lines.append("## Memory (terminal6 --headless)")
lines.append("")
lines.append("idle RSS %.1f MB; RSS after %d journal rows %.1f MB." % (idle_rss / 1024, rows,
                                                                       rss_rows / 1024))
gui = "terminal6 (window, Xvfb)"
if gui in servers:
    lines.append("")
    lines.append("GUI / headless at -c8: %s." % ratio(gui, "c8", "terminal6 --headless"))
text = "\n".join(lines) + "\n"
print(text)
with open(RESULTS, "w") as f:
    f.write(text)
for p in children:
    if p.poll() is None:
        p.terminate()
