#!/usr/bin/python3
"""The seed's design, as a peer for bench/peers.py: aiohttp + redis.asyncio, the token from the
X-Webhook-Token header (constant-time compare), the body parsed as JSON, the webhook_raw envelope
built, `await PUBLISH webhook_raw`, then 200. No journal, no stream.

    aiohttp_peer.py PORT REDIS_PORT TOKEN
"""
import datetime
import hmac
import json
import sys
import uuid

import redis.asyncio as aioredis
from aiohttp import web

port, redis_port, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode()
client = aioredis.Redis(host="127.0.0.1", port=redis_port)


async def webhook(request):
    if not hmac.compare_digest(request.headers.get("X-Webhook-Token", "").encode(), token):
        return web.json_response({"error": "Invalid token"}, status=401)
    try:
        payload = json.loads(await request.read())
    except ValueError:
        return web.json_response({"error": "Invalid JSON"}, status=400)
    trace_id = str(uuid.uuid4())
    received_at = datetime.datetime.utcnow().isoformat()
    envelope = {"payload": payload, "received_at": received_at,
                "source_ip": request.remote, "trace_id": trace_id}
    await client.publish("webhook_raw", json.dumps(envelope))
    return web.json_response({"status": "received", "timestamp": received_at,
                              "trace_id": trace_id})


app = web.Application()
app.router.add_post("/webhook", webhook)
web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)
