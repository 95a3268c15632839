-- wrk script for bench/throughput.sh: POSTs a TradingView-style alert to /webhook with the token in
-- the X-Webhook-Token header. Every body differs (thread id, sequence number, price), so even with
-- duplicate suppression on, nothing would be dropped as a duplicate.
--
-- At the end it prints one machine-readable line that throughput.sh parses:
--   T6WRK sent=N requests=N ok200=N not200=N duplicate200=N non2xx=N connect_err=N read_err=N write_err=N timeout_err=N
--         duration_us=N rps=F p50_us=N p99_us=N max_us=N

local token = os.getenv("WEBHOOK_TOKEN") or ""
local symbols = { "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT" }
local actions = { "BuyMarket", "SellMarket", "BuyLimit", "SellLimit" }

local threads = {}
local next_id = 0

function setup(thread)
    next_id = next_id + 1
    thread:set("thread_id", next_id)
    table.insert(threads, thread)
end

seq = 0 -- global: done() reads it back with thread:get()
local headers = {}

function init(args)
    headers["Content-Type"] = "text/plain; charset=utf-8" -- what TradingView sends
    headers["X-Webhook-Token"] = token
    math.randomseed(os.time() + (thread_id or 0) * 7919)
end

function request()
    seq = seq + 1 -- also the count of requests this thread started
    local n = (thread_id or 0) * 1000000000 + seq
    local body = string.format(
        '{"Symbol":"%s","Exchange":"BINANCE","Interval":"15m","Action":"%s",' ..
        '"Prix":%.1f,"PourCent":50,"UserID":1,"UserExchangeID":13,' ..
        '"Comment":"wrk bench","Seq":%d}',
        symbols[(seq % #symbols) + 1], actions[(seq % #actions) + 1],
        43000 + math.random(0, 20000) / 10, n)
    return wrk.format("POST", "/webhook", headers, body)
end

-- Counts, per thread, the 200s and what else came back (read back in done()).
ok200 = 0
other = 0
dup = 0

function response(status, hdrs, body)
    if status == 200 then
        ok200 = ok200 + 1
        if body and string.find(body, '"duplicate":true', 1, true) then
            dup = dup + 1
        end
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    local n200, nother, ndup, nsent = 0, 0, 0, 0
    for _, t in ipairs(threads) do
        nsent = nsent + (t:get("seq") or 0)
        n200 = n200 + (t:get("ok200") or 0)
        nother = nother + (t:get("other") or 0)
        ndup = ndup + (t:get("dup") or 0)
    end
    local secs = summary.duration / 1e6
    io.write(string.format(
        "T6WRK sent=%d requests=%d ok200=%d not200=%d duplicate200=%d non2xx=%d connect_err=%d read_err=%d write_err=%d timeout_err=%d " ..
        "duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d\n",
        nsent, summary.requests, n200, nother, ndup, e.status, e.connect, e.read, e.write, e.timeout,
        summary.duration, summary.requests / secs,
        latency:percentile(50), latency:percentile(99), latency.max))
end
