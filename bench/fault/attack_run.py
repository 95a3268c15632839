#!/usr/bin/env python3
"""Attack run for Terminal 6: are valid webhooks still answered 200, quickly, while the edge is
under attack, and does the journal stay small?

What it does (everything on 127.0.0.1, every loop bounded in count and time):
  * starts its own redis-server and terminal6 with the default settings (a listener subscribed to
    webhook_raw, so the stream and publishing both run);
  * opens HOSTILE connections (default 1 000), from addresses spread over 127.0.1.0/24 ..
    127.0.4.0/24 (or all from 127.0.9.9 with --one-address): a third send nothing (idle), a third
    send a request a byte a second (slow), a third send an empty line every 2 s (blank); each is
    reopened a second after the server closes it, for the whole run;
  * sends REFUSED requests (default 100 000): POSTs with a wrong token and a 1 KiB body, as fast as
    4 keep-alive connections go;
  * meanwhile sends valid webhooks at 100/s, each on a fresh connection (as TradingView does), and
    records each one's status and latency;
  * reports: valid sent / 200 / other, p50 / p99 / max latency, refused sent and their statuses,
    hostile connections closed and reopened, journal + WAL bytes before and after, the refusals
    table (rows, counted requests), app log lines, XLEN against the 200s.
Last line `RESULT valid=N ok=N p99_ms=X journal_growth_kb=N`; exit status 1 unless every valid
webhook got 200 and is in the stream.
"""

import argparse
import os
import random
import selectors
import shutil
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fault_run import Procs, free_port, http_get_json, log, redis_call, wait_until  # noqa: E402


def journal_bytes(data_dir):
    total = 0
    for name in ("journal.sqlite", "journal.sqlite-wal"):
        try:
            total += os.path.getsize(os.path.join(data_dir, name))
        except OSError:
            pass
    return total


def post(port, token, body, timeout=5.0):
    """One POST on a fresh connection: (status, seconds); status is why, when there was none."""
    t = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        s.sendall(b"POST /webhook HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: " + token +
                  b"\r\nContent-Length: " + str(len(body)).encode() +
                  b"\r\nConnection: close\r\n\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        if data.startswith(b"HTTP/1.1 "):
            return int(data[9:12]), time.monotonic() - t
        return "closed without an answer", time.monotonic() - t
    except OSError as e:
        return type(e).__name__, time.monotonic() - t


class Hostile:
    """HOSTILE connections that hold slots without ever completing a request."""

    def __init__(self, port, count, one_address, stop):
        self.port, self.count, self.one_address, self.stop = port, count, one_address, stop
        self.sel = selectors.DefaultSelector()
        self.closed = 0
        self.opened = 0
        self.reopen = []  # (due, index): a closed one comes back a second later

    def source(self, i):
        # One address: the attacker's own (the valid webhooks come from 127.0.0.1, as
        # TradingView's come from addresses of their own).
        return "127.0.9.9" if self.one_address else f"127.0.{1 + i // 250}.{2 + i % 250}"

    def open(self, i):
        try:
            s = socket.socket()
            s.setblocking(False)
            s.bind((self.source(i), 0))
            s.connect_ex(("127.0.0.1", self.port))
            self.sel.register(s, selectors.EVENT_READ, [i, i % 3, 0])
            self.opened += 1
        except OSError:
            pass

    def run(self):
        for i in range(self.count):
            self.open(i)
        partial = b"POST /webhook HTTP/1.1\r\nHost: t6\r\nContent-Length: 10\r\n\r\n"
        last_drip = time.monotonic()
        while not self.stop.is_set():
            for key, _ in self.sel.select(timeout=0.2):
                try:
                    gone = not key.fileobj.recv(4096)
                except OSError:
                    gone = True
                if gone:
                    self.sel.unregister(key.fileobj)
                    key.fileobj.close()
                    self.closed += 1
                    self.reopen.append((time.monotonic() + 1.0, key.data[0]))
            now = time.monotonic()
            while self.reopen and self.reopen[0][0] <= now:
                self.open(self.reopen.pop(0)[1])
            if now - last_drip >= 1.0:
                last_drip = now
                for key in list(self.sel.get_map().values()):
                    i, kind, n = key.data
                    try:
                        if kind == 1:  # slow: the next byte of a request
                            at = n % len(partial)
                            key.fileobj.send(partial[at:at + 1])
                        elif kind == 2 and n % 2 == 0:  # blank: an empty line every 2 s
                            key.fileobj.send(b"\r\n")
                    except OSError:
                        pass
                    key.data[2] = n + 1
        for key in list(self.sel.get_map().values()):
            key.fileobj.close()


def refuse_flood(port, count, results, lock):
    """`count` wrong-token POSTs on one keep-alive connection (reopened when closed)."""
    body = b'{"Action":"BuyMarket","Pad":"' + b"x" * 1000 + b'"}'
    req = (b"POST /webhook HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: wrong\r\nContent-Length: " +
           str(len(body)).encode() + b"\r\n\r\n" + body)
    s, sent = None, 0
    while sent < count:
        try:
            if s is None:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(req)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    raise ConnectionError
                data += chunk
            status = int(data[9:12])
            with lock:
                results[status] = results.get(status, 0) + 1
            if b"Connection: close" in data:
                s.close()
                s = None
        except (OSError, ConnectionError, ValueError):
            with lock:
                results[0] = results.get(0, 0) + 1
            if s:
                s.close()
            s = None
        sent += 1
    if s:
        s.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hostile", type=int, default=1000)
    ap.add_argument("--refused", type=int, default=100000)
    ap.add_argument("--valid-rate", type=float, default=100)
    ap.add_argument("--one-address", action="store_true")
    ap.add_argument("--max-seconds", type=float, default=120)
    ap.add_argument("--bin", default=os.environ.get("T6_BIN"))
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="t6attack.")
    procs = Procs()
    ok = False
    try:
        ok = run(args, work, procs)
    finally:
        procs.stop_all()
        if ok and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"work dir kept: {work}")
    sys.exit(0 if ok else 1)


def run(args, work, procs):
    binary = os.path.join(work, "terminal6")
    shutil.copy2(args.bin, binary)
    redis_port, app_port = free_port(), free_port()
    data_dir = os.path.join(work, "data")
    token = b"attack-token-%d" % os.getpid()
    env = dict(os.environ, WEBHOOK_TOKEN=token.decode(),
               REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(k, None)
    procs.start(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--daemonize", "no", "--dir", work],
                os.path.join(work, "redis.log"))
    if not wait_until(lambda: redis_call(redis_port, "PING") == b"PONG", 10):
        raise RuntimeError("redis-server did not answer")
    app_log = os.path.join(work, "terminal6.log")
    app = procs.start([binary, "--headless", "--host", "127.0.0.1", "--port", str(app_port),
                       "--data-dir", data_dir], app_log, env)
    if not wait_until(lambda: http_get_json(app_port, "/health")["redis"] == "ok", 15):
        raise RuntimeError("terminal6 did not come up: see " + app_log)
    # A listener, as Terminal 3 would be.
    listener = socket.create_connection(("127.0.0.1", redis_port))
    listener.sendall(b"*2\r\n$9\r\nSUBSCRIBE\r\n$11\r\nwebhook_raw\r\n")
    bytes_before = journal_bytes(data_dir)

    stop = threading.Event()
    hostile = Hostile(app_port, args.hostile, args.one_address, stop)
    threading.Thread(target=hostile.run, daemon=True).start()
    time.sleep(2)
    log(f"{hostile.opened} hostile connections opened "
        f"({'from one address' if args.one_address else 'from spread addresses'})")

    refused, lock = {}, threading.Lock()
    flood = [threading.Thread(target=refuse_flood,
                              args=(app_port, args.refused // 4, refused, lock), daemon=True)
             for _ in range(4)]
    for t in flood:
        t.start()

    valid = []  # (status, seconds)
    t0 = time.monotonic()
    n = 0
    while any(t.is_alive() for t in flood) and time.monotonic() - t0 < args.max_seconds:
        time.sleep(max(0, t0 + n / args.valid_rate - time.monotonic()))
        body = b'{"Symbol":"BTCUSDT","Action":"PING","Seq":%d,"Nonce":%d}' % (
            n, random.getrandbits(48))
        valid.append(post(app_port, token, body))
        n += 1
    elapsed = time.monotonic() - t0
    stop.set()
    for t in flood:
        t.join(timeout=5)
    time.sleep(1)
    health = http_get_json(app_port, "/health")
    wait_until(lambda: http_get_json(app_port, "/health")["queued"] == 0, 30)
    xlen = redis_call(redis_port, "XLEN", "webhook_raw:stream")
    bytes_after = journal_bytes(data_dir)
    os.kill(app.pid, signal.SIGTERM)
    app.wait(timeout=15)
    db = sqlite3.connect(f"file:{os.path.join(data_dir, 'journal.sqlite')}?mode=ro", uri=True)
    refusal_rows, refusal_count = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(count), 0) FROM refusals").fetchone()
    rejected_rows = db.execute(
        "SELECT COUNT(*) FROM webhooks WHERE outcome = 'rejected'").fetchone()[0]
    db.close()
    with open(app_log, "rb") as f:
        app_lines = f.read().count(b"\n")

    oks = [sec for status, sec in valid if status == 200]
    lat = sorted(sec * 1000 for _, sec in valid)

    def pct(p):
        return lat[min(len(lat) - 1, int(p * len(lat)))] if lat else 0

    others = {}
    for status, _ in valid:
        if status != 200:
            others[status] = others.get(status, 0) + 1
    print(f"load:          {elapsed:.1f} s; {hostile.opened} hostile connections opened "
          f"({hostile.closed} closed by the server, each reopened a second later)")
    print(f"refused:       {sum(refused.values())} sent, statuses {dict(sorted(refused.items()))}")
    print(f"valid:         {len(valid)} sent at {args.valid_rate:g}/s, {len(oks)} answered 200"
          f"{', others ' + str(others) if others else ''}")
    print(f"latency:       p50 {pct(0.5):.1f} ms, p99 {pct(0.99):.1f} ms, "
          f"max {lat[-1] if lat else 0:.1f} ms")
    print(f"journal+WAL:   {bytes_before // 1024} KB before, {bytes_after // 1024} KB after "
          f"(+{(bytes_after - bytes_before) // 1024} KB)")
    print(f"refusals:      {refusal_rows} row(s) counting {refusal_count} requests; rejected rows "
          f"in webhooks: {rejected_rows}; /health webhooks_rejected "
          f"{health.get('webhooks_rejected')}")
    print(f"app log:       {app_lines} lines")
    print(f"stream:        XLEN {xlen} for {len(oks)} valid 200s")
    ok = len(oks) == len(valid) and xlen == len(oks)
    print(f"RESULT valid={len(valid)} ok={len(oks)} p99_ms={pct(0.99):.1f} "
          f"journal_growth_kb={(bytes_after - bytes_before) // 1024}")
    return ok


if __name__ == "__main__":
    main()
