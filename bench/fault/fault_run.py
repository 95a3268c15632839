#!/usr/bin/env python3
"""Fault run for Terminal 6: does every acknowledged webhook reach the Redis stream exactly once,
in order, when Redis and then Terminal 6 itself are SIGKILLed under load?

What it does (everything on 127.0.0.1, every loop bounded in count and time):
  * starts its own redis-server (AOF on, appendfsync always: the stream survives SIGKILL) and
    terminal6 (--require-listener false --dedupe-window 0 --replay-max-age 0) on its own data dir;
  * sends COUNT webhooks (default 20 000) at RATE/s (default 2 000), paced, over a few keep-alive
    connections (default 8, raw sockets), each body carrying a unique "Seq": n; nothing is ever
    retried. A request goes out only on a connection with no request in flight; when all are
    waiting (receiver slow, machine busy) the schedule slips rather than bursting later, so the
    rate never exceeds RATE and the run reports how long it was held back;
  * SIGKILLs redis-server at ~25 % of the run and restarts it ~2 s later (same port and dir);
  * SIGKILLs terminal6 at ~60 % and restarts it ~1 s later (same data dir); requests that fail
    meanwhile are simply not acknowledged;
  * records every trace_id that got a 200, waits for GET /health to show "pending":0 (60 s at most),
    reads the whole stream with XRANGE in pages and reports
      sent, acknowledged, refused/failed, lost, duplicated, out_of_order
    and a last line `RESULT lost=N duplicated=N out_of_order=N`; exit status 1 if any is non-zero.

out_of_order is the brief's measure: among acknowledged webhooks, in stream order, the number of
consecutive pairs whose Seq goes down. Requests sent on different connections at about the same
time may reach the receiver in either order, so the script also breaks that figure down:
  * causal: the pair's later-Seq request was sent only after the earlier-Seq one had its 200, so
    the receiver had journalled them in Seq order: an inversion here is the receiver's fault;
  * vs journal: inversions of stream order against the receiver's own journal order (its seq
    column, read from journal.sqlite after the run): the forwarder's "in journal order" promise.
"""

import argparse
import collections
import errno
import json
import os
import re
import selectors
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
STREAM = b"webhook_raw:stream"


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------------------------------------
# A minimal RESP client (no redis-py needed)


class Resp:
    def __init__(self, port, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def close(self):
        self.sock.close()

    def _fill(self):
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("redis closed the connection")
        self.buf += chunk

    def _line(self):
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                line, self.buf = self.buf[:i], self.buf[i + 2:]
                return line
            self._fill()

    def _exact(self, n):
        while len(self.buf) < n + 2:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def _reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest
        if kind == b"-":
            raise RuntimeError(rest.decode(errors="replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self._exact(n)
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self._reply() for _ in range(n)]
        raise RuntimeError(f"bad RESP line {line!r}")

    def call(self, *args):
        parts = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.sock.sendall(b"".join(parts))
        return self._reply()


def redis_call(port, *args, timeout=2.0):
    r = Resp(port, timeout)
    try:
        return r.call(*args)
    finally:
        r.close()


# ---------------------------------------------------------------------------------------------
# Processes


class Procs:
    """Everything this script started, to be stopped by pid at the end whatever happens."""

    def __init__(self):
        self.procs = []

    def start(self, argv, logfile, env=None):
        out = open(logfile, "ab")
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             env=env, start_new_session=True)
        out.close()
        self.procs.append(p)
        return p

    def stop_all(self):
        for p in self.procs:
            if p.poll() is None:
                try:
                    os.kill(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 8
        for p in self.procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.kill(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(timeout=5)


def wait_until(pred, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if pred():
                return True
        except Exception:
            pass
        time.sleep(step)
    return False


def http_get_json(port, path, timeout=2.0):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return json.loads(r.read())


# ---------------------------------------------------------------------------------------------
# The load: paced, a few keep-alive connections, no retries


class Conn:
    def __init__(self, idx):
        self.idx = idx
        self.sock = None
        self.out = b""     # bytes still to write
        self.inbuf = b""
        self.req = None    # Seq of the request in flight on this connection
        self.sent_at = 0.0


class Load:
    def __init__(self, args, app_port, token, on_progress):
        self.args = args
        self.port = app_port
        self.token = token
        self.on_progress = on_progress
        self.sel = selectors.DefaultSelector()
        self.conns = [Conn(i) for i in range(args.connections)]
        self.acked = {}        # seq -> trace_id
        self.ack_time = {}     # seq -> monotonic time of the 200
        self.send_time = {}    # seq -> monotonic time the request was fully written
        self.failed = collections.Counter()  # reason -> count
        self.failed_seqs = {}  # seq -> reason
        self.other_status = collections.Counter()
        self.max_lag = 0.0
        self.slipped = 0.0     # seconds the schedule slipped (sender held back, see run())
        self.due = {}          # seq -> when it was due
        symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"]
        actions = ["BuyMarket", "SellMarket", "BuyLimit", "SellLimit"]
        self.symbols, self.actions = symbols, actions
        # Built up front: the paced loop then costs little CPU (the machine may be busy).
        self.requests = [self.request_bytes(n) for n in range(args.count)]

    def body(self, n):
        return json.dumps({
            "Symbol": self.symbols[n % 4], "Exchange": "BINANCE", "Interval": "15m",
            "Action": self.actions[(n // 4) % 4], "Prix": round(43000 + (n % 1000) * 0.5, 1),
            "PourCent": 50, "UserID": 1, "UserExchangeID": 13, "Seq": n,
        }, separators=(",", ":")).encode()

    def request_bytes(self, n):
        body = self.body(n)
        return (b"POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Webhook-Token: %s\r\n"
                b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n"
                % (self.port, self.token.encode(), len(body))) + body

    # -- connection handling --

    def _register(self, c, events):
        try:
            self.sel.modify(c.sock, events, c)
        except KeyError:
            self.sel.register(c.sock, events, c)

    def _drop(self, c, reason):
        if c.req is not None:
            self._fail(c.req, reason)
            c.req = None
        if c.sock is not None:
            try:
                self.sel.unregister(c.sock)
            except (KeyError, ValueError):
                pass
            c.sock.close()
        c.sock, c.out, c.inbuf = None, b"", b""

    def _fail(self, n, reason):
        self.failed[reason] += 1
        self.failed_seqs[n] = reason

    def _connect(self, c):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.settimeout(0.5)
        try:
            s.connect(("127.0.0.1", self.port))
        except OSError as e:
            s.close()
            return "connect: " + (errno.errorcode.get(e.errno, str(e)) if e.errno else str(e))
        s.setblocking(False)
        c.sock = s
        self._register(c, selectors.EVENT_READ)
        return None

    def _send(self, c, n):
        if c.sock is None:
            err = self._connect(c)
            if err:
                self._fail(n, err)
                return
        c.req = n
        c.out = self.requests[n]
        c.sent_at = time.monotonic()
        self._write(c)

    def _write(self, c):
        try:
            k = c.sock.send(c.out)
            c.out = c.out[k:]
        except BlockingIOError:
            pass
        except OSError as e:
            self._drop(c, "send: " + (errno.errorcode.get(e.errno, str(e)) if e.errno else str(e)))
            return
        if c.out:
            self._register(c, selectors.EVENT_READ | selectors.EVENT_WRITE)
        else:
            self.send_time[c.req] = time.monotonic()
            self._register(c, selectors.EVENT_READ)

    def _read(self, c):
        try:
            chunk = c.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError as e:
            self._drop(c, "recv: " + (errno.errorcode.get(e.errno, str(e)) if e.errno else str(e)))
            return
        if not chunk:
            self._drop(c, "connection closed before the answer")
            return
        c.inbuf += chunk
        while True:
            head_end = c.inbuf.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = c.inbuf[:head_end].decode("latin-1").split("\r\n")
            length = 0
            close = False
            for h in head[1:]:
                name, _, value = h.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
                elif name.strip().lower() == "connection" and value.strip().lower() == "close":
                    close = True
            if len(c.inbuf) < head_end + 4 + length:
                return
            body = c.inbuf[head_end + 4:head_end + 4 + length]
            c.inbuf = c.inbuf[head_end + 4 + length:]
            status = int(head[0].split()[1])
            n, c.req = c.req, None
            if n is None:
                continue  # an answer nobody asked for: ignore
            if status == 200:
                try:
                    reply = json.loads(body)
                    self.acked[n] = reply["trace_id"]
                    self.ack_time[n] = time.monotonic()
                except (ValueError, KeyError):
                    self._fail(n, "200 without a trace_id")
            else:
                self.other_status[status] += 1
                self._fail(n, f"HTTP {status}")
            if close:
                self._drop(c, "connection: close")
                return

    # -- the run --

    def run(self):
        a = self.args
        t0 = self.t0 = time.monotonic()
        hard_deadline = t0 + a.count / a.rate + 90  # bounded whatever happens
        n = 0
        while time.monotonic() < hard_deadline:
            now = time.monotonic()
            self.on_progress(n, now)
            # Never catch up in a burst: when the receiver (or a busy machine) could not keep the
            # rate, the schedule slips instead, so the rate never exceeds --rate.
            if n < a.count and now - (t0 + n / a.rate) > a.max_lag:
                slip = now - (t0 + n / a.rate) - a.max_lag
                t0 += slip
                self.slipped += slip
            # Send what is due, on free connections.
            while n < a.count and now >= t0 + n / a.rate:
                free = next((c for c in self.conns if c.req is None), None)
                if free is None:
                    break
                self.max_lag = max(self.max_lag, now - (t0 + n / a.rate))
                self.due[n] = t0 + n / a.rate
                self._send(free, n)
                n += 1
                now = time.monotonic()
            busy = [c for c in self.conns if c.req is not None]
            if n >= a.count and not busy:
                break
            # Answers that take too long count as failed (bounded wait).
            for c in busy:
                if now - c.sent_at > a.answer_timeout:
                    self._drop(c, "no answer in %.0f s" % a.answer_timeout)
            wait = max(0.0, min(t0 + n / a.rate - time.monotonic(), 0.01)) if n < a.count else 0.01
            for key, events in self.sel.select(timeout=wait):
                c = key.data
                if c.sock is None:
                    continue
                if events & selectors.EVENT_WRITE and c.out:
                    self._write(c)
                if c.sock is not None and events & selectors.EVENT_READ:
                    if c.req is None:
                        # An idle keep-alive connection became readable: closed by the peer.
                        try:
                            chunk = c.sock.recv(65536)
                        except OSError:
                            chunk = b""
                        if not chunk:
                            self._drop(c, "idle close")
                        continue
                    self._read(c)
        for c in self.conns:
            self._drop(c, "run ended before the answer")
        self.sent = n
        self.elapsed = time.monotonic() - self.t0


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--rate", type=float, default=2000)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--max-lag", type=float, default=0.1,
                    help="seconds the sender may fall behind before its schedule slips (no bursts)")
    ap.add_argument("--redis-kill-at", type=float, default=0.25)
    ap.add_argument("--redis-down", type=float, default=2.0)
    ap.add_argument("--app-kill-at", type=float, default=0.60)
    ap.add_argument("--app-down", type=float, default=1.0)
    ap.add_argument("--answer-timeout", type=float, default=10.0)
    ap.add_argument("--redis-ballast-keys", type=int, default=0,
                    help="experiment: fill Redis with this many unrelated keys first (DEBUG POPULATE, "
                         "then an AOF rewrite) so that the restarted Redis answers -LOADING for a while")
    ap.add_argument("--durability", default="normal")
    ap.add_argument("--bin", default=os.environ.get("T6_BIN", os.path.join(ROOT, "build", "app", "terminal6")))
    ap.add_argument("--keep", action="store_true", help="keep the work dir (kept anyway on failure)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="t6fault.")
    procs = Procs()
    ok = False

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    try:
        ok = run(args, work, procs)
    finally:
        procs.stop_all()
        if ok and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work dir kept: {work}")
    sys.exit(0 if ok else 1)


def run(args, work, procs):
    binary = os.path.join(work, "terminal6")
    shutil.copy2(args.bin, binary)  # a rebuild by someone else must not swap it under the restart
    redis_port, app_port = free_port(), free_port()
    redis_dir, data_dir = os.path.join(work, "redis"), os.path.join(work, "data")
    os.makedirs(redis_dir)
    redis_log, app_log = os.path.join(work, "redis.log"), os.path.join(work, "terminal6.log")
    token = "fault-token-%d" % os.getpid()
    env = dict(os.environ, WEBHOOK_TOKEN=token, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(k, None)

    redis_argv = ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                  "--dir", redis_dir, "--appendonly", "yes", "--appendfsync", "always",
                  "--save", "", "--daemonize", "no"]
    if args.redis_ballast_keys > 0:
        redis_argv += ["--enable-debug-command", "local"]
    app_argv = [binary, "--headless", "--host", "127.0.0.1", "--port", str(app_port),
                "--data-dir", data_dir, "--durability", args.durability,
                "--require-listener", "false", "--dedupe-window", "0", "--replay-max-age", "0"]

    def start_redis():
        p = procs.start(redis_argv, redis_log)
        if not wait_until(lambda: redis_call(redis_port, "PING") == b"PONG", 10):
            raise RuntimeError("redis-server did not answer")
        return p

    def start_app():
        with open(app_log, "ab") as f:
            f.write(b"=== fault_run: starting terminal6 ===\n")
        return procs.start(app_argv, app_log, env)

    state = {"redis": start_redis(), "events": []}
    if args.redis_ballast_keys > 0:
        t = time.monotonic()
        redis_call(redis_port, "DEBUG", "POPULATE", args.redis_ballast_keys, "ballast", 100, timeout=120)
        redis_call(redis_port, "BGREWRITEAOF")

        def rewritten():
            info = redis_call(redis_port, "INFO", "persistence").decode()
            return "aof_rewrite_in_progress:0" in info and "aof_rewrite_scheduled:0" in info
        wait_until(rewritten, 120, 0.2)
        log(f"redis ballast: {args.redis_ballast_keys} keys in the AOF ({time.monotonic() - t:.1f} s)")
    state["app"] = start_app()
    if not wait_until(lambda: http_get_json(app_port, "/health")["redis"] == "ok", 15):
        raise RuntimeError("terminal6 did not come up: see " + app_log)

    kill_redis_n = int(args.count * args.redis_kill_at)
    kill_app_n = int(args.count * args.app_kill_at)
    t_start = time.monotonic()

    def event(what):
        state["events"].append((time.monotonic() - t_start, what))
        log(what)

    def on_progress(n, now):
        st = state
        if not 0 < args.redis_kill_at < 1:
            st.setdefault("redis_back", now)
        if not 0 < args.app_kill_at < 1:
            st.setdefault("app_back", now)
        if "redis_killed" not in st and "redis_back" not in st and n >= kill_redis_n:
            os.kill(st["redis"].pid, signal.SIGKILL)
            st["redis"].wait()
            st["redis_killed"] = now
            event(f"SIGKILL redis-server (pid {st['redis'].pid}) after {n} requests")
        elif "redis_killed" in st and "redis_back" not in st and now - st["redis_killed"] >= args.redis_down:
            st["redis"] = procs.start(redis_argv, redis_log)
            st["redis_back"] = now
            event(f"restarted redis-server (pid {st['redis'].pid}) after {now - st['redis_killed']:.1f} s")
        if "app_killed" not in st and "app_back" not in st and n >= kill_app_n:
            os.kill(st["app"].pid, signal.SIGKILL)
            st["app"].wait()
            st["app_killed"] = now
            event(f"SIGKILL terminal6 (pid {st['app'].pid}) after {n} requests")
        elif "app_killed" in st and "app_back" not in st and now - st["app_killed"] >= args.app_down:
            st["app"] = start_app()
            st["app_back"] = now
            event(f"restarted terminal6 (pid {st['app'].pid}) after {now - st['app_killed']:.1f} s")

    log(f"load average {open('/proc/loadavg').read().split()[0]} (2 cores; others may be building)")
    log(f"sending {args.count} webhooks at {args.rate:.0f}/s over {args.connections} keep-alive "
        f"connections to 127.0.0.1:{app_port} (redis 127.0.0.1:{redis_port}, work dir {work})")
    load = Load(args, app_port, token, on_progress)
    load.run()
    log(f"load average {open('/proc/loadavg').read().split()[0]}")
    log(f"load done: {load.sent} sent in {load.elapsed:.1f} s (schedule slipped {load.slipped:.1f} s)")
    # Faults not yet undone (a short run): let their down time run out, then undo them.
    for _ in range(200):
        if "redis_back" in state and "app_back" in state:
            break
        on_progress(args.count, time.monotonic())
        time.sleep(0.05)
    for name in ("redis", "app"):
        if state[name].poll() is not None:
            raise RuntimeError(f"{name} is not running after the load (exit {state[name].returncode})")

    # Wait for the forwarder to finish.
    health = {}

    def drained():
        nonlocal health
        health = http_get_json(app_port, "/health")
        return health.get("pending") == 0 and health.get("redis") == "ok"

    t = time.monotonic()
    if wait_until(drained, 60, 0.2):
        log(f"/health pending 0 after {time.monotonic() - t:.1f} s: {json.dumps(health)}")
    else:
        log(f"/health still not drained after 60 s: {json.dumps(health)}")

    # Read the whole stream, in pages.
    entries = []  # (stream id, trace_id, Seq)
    r = Resp(redis_port, 10)
    start = b"-"
    for _ in range(10000):
        page = r.call("XRANGE", STREAM, start, "+", "COUNT", 2000)
        if not page:
            break
        for sid, fields in page:
            f = dict(zip(fields[0::2], fields[1::2]))
            trace = f.get(b"trace_id", b"").decode()
            try:
                seq = json.loads(f[b"data"])["payload"]["Seq"]
            except (KeyError, ValueError, TypeError):
                seq = None
            entries.append((sid.decode(), trace, seq))
        start = b"(" + page[-1][0]
    xlen = r.call("XLEN", STREAM)
    r.close()

    # Stop terminal6 cleanly (SIGTERM drains, exit 0), then read its journal.
    app = state["app"]
    app.send_signal(signal.SIGTERM)
    try:
        app_rc = app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app_rc = "did not stop in 15 s"
    journal_seq = {}
    jpath = os.path.join(data_dir, "journal.sqlite")
    if os.path.exists(jpath):
        db = sqlite3.connect(f"file:{jpath}?mode=ro", uri=True)
        for seq, trace, outcome, fate in db.execute("SELECT seq, trace_id, outcome, fate FROM webhooks"):
            journal_seq[trace] = (seq, outcome, fate)
        db.close()

    # --- analysis ---
    acked = load.acked                      # Seq -> trace_id
    acked_by_trace = {t: n for n, t in acked.items()}
    counts = collections.Counter(t for _, t, _ in entries)
    in_stream = set(counts)
    lost = sorted(n for n, t in acked.items() if t not in in_stream)
    dup_traces = sorted(t for t, k in counts.items() if k > 1)
    extra_entries = sum(k - 1 for k in counts.values() if k > 1)
    seq_counts = collections.Counter(s for _, _, s in entries if s is not None)
    dup_seqs = sorted(s for s, k in seq_counts.items() if k > 1)

    # Among acknowledged ones, first occurrence of each, in stream order.
    seen = set()
    order = []
    for sid, t, s in entries:
        if t in acked_by_trace and t not in seen:
            seen.add(t)
            order.append((sid, acked_by_trace[t], t))
    # Stream order against the receiver's journal order (its seq column = order of arrival).
    jseq = {t: v[0] for t, v in journal_seq.items()}
    inversions, causal, unexcused = [], [], []
    for (sid_a, a, ta), (sid_b, b, tb) in zip(order, order[1:]):
        if b < a:
            inversions.append((sid_a, a, sid_b, b))
            # b (lower Seq) comes after a in the stream. If b's 200 came before a was even sent,
            # the receiver journalled b first: the stream must have b first.
            overlapped = not (b in load.ack_time and a in load.send_time and load.ack_time[b] < load.send_time[a])
            if not overlapped:
                causal.append((sid_a, a, sid_b, b))
            # Excused only when both were in flight at once (sent on different connections, the
            # receiver may read either first) and the receiver journalled a first, as streamed.
            if not (overlapped and ta in jseq and tb in jseq and jseq[ta] < jseq[tb]):
                unexcused.append((sid_a, a, sid_b, b))
    # Stream order against the receiver's journal order (all entries, first occurrences).
    jorder = []
    seen = set()
    for sid, t, s in entries:
        if t not in seen and t in journal_seq:
            seen.add(t)
            jorder.append((journal_seq[t][0], sid, s))
    jinv = [(x, y) for x, y in zip(jorder, jorder[1:]) if y[0] < x[0]]
    not_in_journal = sum(1 for t in in_stream if t not in journal_seq)
    unacked_in_stream = sum(1 for t in in_stream if t not in acked_by_trace)

    failed_total = sum(load.failed.values())
    print()
    print(f"sent:          {load.sent}")
    print(f"acknowledged:  {len(acked)} (200)")
    print(f"refused/failed:{failed_total:6d}  " + ", ".join(f"{k}: {v}" for k, v in load.failed.most_common()))
    print(f"stream:        XLEN {xlen}, read {len(entries)} entries; {unacked_in_stream} not acknowledged "
          f"to the client (answers lost in the kill), {not_in_journal} not in the journal")
    print(f"lost:          {len(lost)}" + (f"  Seq {lost[:20]}{' ...' if len(lost) > 20 else ''}" if lost else ""))
    print(f"duplicated:    {len(dup_traces)} trace_ids ({extra_entries} extra entries); Seq values more than once: {len(dup_seqs)}")
    print(f"out_of_order:  {len(unexcused)} (consecutive acknowledged entries whose Seq goes down, "
          f"less those sent concurrently that the receiver journalled in stream order)")
    print(f"               raw Seq inversions: {len(inversions)}; causal (lower Seq acknowledged before the "
          f"higher was sent): {len(causal)}; stream vs journal order, all entries: {len(jinv)}")
    if inversions:
        print("    " + ("not excused:" if unexcused else "all excused (sent concurrently, streamed in journal order), e.g.:"))
    for sid_a, a, sid_b, b in (unexcused or inversions)[:10]:
        lag = ""
        if b in load.send_time and a in load.send_time:
            lag = f" (Seq {b} sent {1000 * (load.send_time[b] - load.send_time[a]):+.1f} ms after Seq {a})"
        print(f"    {sid_a} Seq {a} then {sid_b} Seq {b}{lag}")
    for (ja, sa, qa), (jb, sb, qb) in jinv[:10]:
        print(f"    journal seq {ja} (Seq {qa}, {sa}) before journal seq {jb} (Seq {qb}, {sb}) in the stream")
    for t in dup_traces[:10]:
        ids = [sid for sid, tt, _ in entries if tt == t]
        print(f"    duplicate {t} (Seq {acked_by_trace.get(t, '?')}, journal {journal_seq.get(t, ('?',))[0]}): stream ids {ids}")
    lat = sorted(load.ack_time[n] - load.send_time[n] for n in acked if n in load.send_time)
    if lat:
        pct = lambda q: 1000 * lat[min(len(lat) - 1, int(q * len(lat)))]
        print(f"ack latency:   p50 {pct(0.5):.2f} ms, p99 {pct(0.99):.2f} ms, max {1000 * lat[-1]:.1f} ms; "
              f"achieved {load.sent / load.elapsed:.0f} req/s over {load.elapsed:.1f} s")
    # Where the sender fell behind its schedule (all connections busy waiting for answers).
    buckets = collections.defaultdict(float)
    for n, ts in load.send_time.items():
        if n in load.due:
            b = int((ts - t_start) * 2) / 2
            buckets[b] = max(buckets[b], ts - load.due[n])
    slow = [(b, l) for b, l in sorted(buckets.items()) if l > 0.05]
    if slow or load.slipped > 0:
        print(f"sender held back: schedule slipped {load.slipped:.1f} s in all (all {args.connections} connections "
              f"waiting for answers: receiver slow or machine busy); behind by > 50 ms in {len(slow)} of "
              f"{len(buckets)} half-seconds" + (": " + ", ".join(f"+{b:.1f}s" for b, l in slow[:12]) +
                                                 (" ..." if len(slow) > 12 else "") if slow else ""))
    if "app_killed" in state and "app_back" in state:
        back = [load.ack_time[n] for n in acked if load.ack_time[n] > state["app_back"]]
        if back:
            print(f"first 200 after terminal6 restart: {1000 * (min(back) - state['app_back']):.0f} ms after its start")
    print(f"events:        " + "; ".join(f"+{t:.1f}s {w}" for t, w in state["events"]))
    print(f"final health:  {json.dumps(health)}")
    print(f"terminal6 exit status on SIGTERM: {app_rc}")

    with open(app_log, "r", errors="replace") as f:
        app_lines = f.read().splitlines()
    already = [l for l in app_lines if "already in the stream" in l]
    print(f'app log lines "already in the stream": {len(already)}')
    for pattern in ("Redis refused", "expired, not sent", "journal write failed", "nobody listens"):
        k = sum(1 for l in app_lines if pattern in l)
        if k:
            print(f'app log lines "{pattern}": {k}')
    notable = [l for l in app_lines if (" warning " in l or " error " in l or " fatal " in l or
               "already in the stream" in l or "connected" in l or "listening" in l or
               "=== fault_run" in l or "signal" in l or "stopped" in l)]
    # Collapse runs of the same message (e.g. one "already in the stream" per webhook).
    print("app log (warnings, errors, connections; repeats collapsed):")
    prev_key, repeat = None, 0
    shown = 0
    for l in notable:
        key = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "#", l[24:])
        if key == prev_key:
            repeat += 1
            continue
        if repeat:
            print(f"    ... and {repeat} more like it")
        repeat = 0
        prev_key = key
        if shown < 60:
            print("    " + l)
            shown += 1
    if repeat:
        print(f"    ... and {repeat} more like it")

    result_bad = bool(lost or dup_traces or unexcused)
    print(f"RESULT lost={len(lost)} duplicated={len(dup_traces)} out_of_order={len(unexcused)}")
    return not result_bad


if __name__ == "__main__":
    main()
