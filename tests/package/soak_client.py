#!/usr/bin/python3
"""Webhooks at a fixed rate, each on a new connection (as TradingView sends them), for a while.
Prints one JSON object: sent, refused (ECONNREFUSED), failures (anything else but a 200, with
why), the trace ids acknowledged, the longest request in ms.
    soak_client.py PORT TOKEN RATE SECONDS"""
import json, socket, sys, threading, time

port, token, rate, seconds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
senders = 10
lock = threading.Lock()
result = {"sent": 0, "refused": 0, "failures": [], "acked": [], "longest_ms": 0}


def post(body):
    request = (f"POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Webhook-Token: {token}\r\n"
               f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
               "Connection: close\r\n\r\n").encode() + body
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    head, _, payload = reply.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
    return status, payload


def sender(number):
    start = time.monotonic()
    n = 0
    while (due := n / (rate / senders)) < seconds:
        if (wait := start + due - time.monotonic()) > 0:
            time.sleep(wait)
        body = json.dumps({"Symbol": "BTCUSDT", "Action": "PING", "Sender": number, "Seq": n}).encode()
        began = time.monotonic()
        outcome = None
        try:
            status, payload = post(body)
            if status == 200:
                outcome = ("acked", json.loads(payload)["trace_id"])
            else:
                outcome = ("failure", f"status {status}")
        except ConnectionRefusedError:
            outcome = ("refused", None)
        except OSError as error:
            outcome = ("failure", f"{type(error).__name__}: {error}")
        took = (time.monotonic() - began) * 1000
        with lock:
            result["sent"] += 1
            result["longest_ms"] = max(result["longest_ms"], round(took))
            if outcome[0] == "acked":
                result["acked"].append(outcome[1])
            elif outcome[0] == "refused":
                result["refused"] += 1
            else:
                result["failures"].append(outcome[1])
        n += 1


threads = [threading.Thread(target=sender, args=(i,)) for i in range(senders)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(result))
