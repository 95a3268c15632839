#!/usr/bin/python3
"""Send -> subscriber latency for bench/peers.py: subscribes to webhook_raw, reads the "T" (send
time, ns since the epoch, written by openloop) of each envelope's payload, and on SIGTERM prints
    SUBSCRIBER received=N p50_us=N p99_us=N p999_us=N max_us=N

    subscriber.py REDIS_PORT READY_FILE
"""
import json
import signal
import sys
import time

import redis

port, ready = int(sys.argv[1]), sys.argv[2]
latencies = []
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
pubsub = redis.Redis(host="127.0.0.1", port=port).pubsub(ignore_subscribe_messages=True)
pubsub.subscribe("webhook_raw")
pubsub.get_message(timeout=1.0)  # the subscription's confirmation
open(ready, "w").close()
while not stop:
    message = pubsub.get_message(timeout=0.2)
    if not message:
        continue
    now = time.time_ns()
    try:
        sent = json.loads(message["data"])["payload"]["T"]
    except (ValueError, KeyError, TypeError):
        continue
    latencies.append((now - sent) // 1000)

latencies.sort()


def pct(p):
    return latencies[int((len(latencies) - 1) * p)] if latencies else 0


print("SUBSCRIBER received=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d"
      % (len(latencies), pct(0.5), pct(0.99), pct(0.999), latencies[-1] if latencies else 0),
      flush=True)
