<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertWatch</name>
    <message>
        <source>Webhooks rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rejected in the last minute (last: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published to nobody: the trading engine is not listening on webhook_raw. It waits in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A webhook waited too long and was not forwarded (terminal6 resend).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webhook for %1 %2 (broker %3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 back up</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (and %n more like it since the last alert)</source>
        <translation>
            <numerusform>%1 (and %n more like it since the last alert)</numerusform>
            <numerusform>%1 (and %n more like it since the last alert)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the journal cannot write: webhooks are answered 503</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forwarding paused: webhooks are journaled, not forwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis refuses deliveries: webhooks wait in the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis unreachable: webhooks wait in the journal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks per minute, by action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>webhooks / min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive → stream latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine T3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForwardingSwitch</name>
    <message>
        <source>Pause forwarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sending webhooks to Redis: they are still answered and journaled, and wait until you resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume forwarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) waited while forwarding was paused.</source>
        <translation>
            <numerusform>%n webhook waited while forwarding was paused.</numerusform>
            <numerusform>%n webhooks waited while forwarding was paused.</numerusform>
        </translation>
    </message>
    <message>
        <source>Forward them now, in the order they came (those younger than the replay limit), or leave them expired?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave them expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthProbes</name>
    <message>
        <source>unexpected reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 listener(s) on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLIENT LIST refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no client waiting on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal 5 waiting on %1 (%2, client id %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 request(s) waiting in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, growing for %n probe(s)</source>
        <translation>
            <numerusform>, growing for %n probe</numerusform>
            <numerusform>, growing for %n probes</numerusform>
        </translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the log…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Terminal 6 — Aristobot3 webhook receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monitor only: the receiver runs elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TradingView setup…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MissedSignalWatch</name>
    <message>
        <source>no webhook by %1 UTC + %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PositionsModel</name>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PnL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PositionsTab</name>
    <message numerus="yes">
        <source>%n open position(s) · unrealised P&amp;amp;L &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</source>
        <translation>
            <numerusform>%n open position · unrealised P&amp;amp;L &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</numerusform>
            <numerusform>%n open positions · unrealised P&amp;amp;L &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublicAddress</name>
    <message>
        <source>%1 did not answer with an IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Terminal 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none arrived: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token accepted; the same payload came moments before: not forwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not received by this Terminal 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token accepted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiverHeader</name>
    <message>
        <source>&lt;b&gt;Webhook URL for TradingView&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening · %L1 received · %L2 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln on their way</source>
        <translation>
            <numerusform>%1 · %Ln on their way</numerusform>
            <numerusform>%1 · %Ln on their way</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · all delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 refuses · %Ln waiting</source>
        <translation>
            <numerusform>%1 refuses · %Ln waiting</numerusform>
            <numerusform>%1 refuses · %Ln waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 unreachable · %Ln waiting in the journal</source>
        <translation>
            <numerusform>%1 unreachable · %Ln waiting in the journal</numerusform>
            <numerusform>%1 unreachable · %Ln waiting in the journal</numerusform>
        </translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>PAUSED · %Ln waiting</source>
        <translation>
            <numerusform>PAUSED · %Ln waiting</numerusform>
            <numerusform>PAUSED · %Ln waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln held: nobody listens on webhook_raw</source>
        <translation>
            <numerusform>%Ln held: nobody listens on webhook_raw</numerusform>
            <numerusform>%Ln held: nobody listens on webhook_raw</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on · %Ln expired unforwarded</source>
        <translation>
            <numerusform>on · %Ln expired unforwarded</numerusform>
            <numerusform>on · %Ln expired unforwarded</numerusform>
        </translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine (T3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the URL with its token, to paste into the alert&apos;s Webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook URL copied (with its token): paste it into TradingView</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedded %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor only: watching the receiver at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%1&apos;&gt;TradingView only sends to ports 80 and 443:&lt;/span&gt; File → TradingView setup shows the ways to get there from this port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiverStatus</name>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refusing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiversModel</name>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not heard from since %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoteReceiver</name>
    <message>
        <source>the receiver&apos;s admin routes answer only on its own machine (127.0.0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no token set here: the admin routes need the receiver&apos;s token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver refused: %1 (wrong token?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Terminal 6 settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make it the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once every TradingView alert uses the next token: it replaces the token, and the old one stops working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1 (readable by you only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied now: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the next start: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listener stays where it was: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsLoader</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits and callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal and delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run without a window (servers, systemd).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window only: no webhook server and no journal here; watch the receiver at --receiver-url through Redis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --monitor-only: http(s)://host:port of the receiver watched (its /health and /stats, and its admin routes when they answer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the window: auto (the system&apos;s), en or fr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to listen on (default 0.0.0.0; loopback only without a token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port of the webhook server (default 8888).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL path of the webhook route (default /webhook).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificate (chain): serve HTTPS, e.g. on port 443.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM private key of --tls-cert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS only from clients presenting TradingView&apos;s webhook certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for Terminal 6&apos;s data (default: the user&apos;s app data folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook token (environment or config file only, never on the command line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second valid token, for rotation (environment or config file only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-level JSON field that may carry the token (default token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connections at most; when full, a newcomer replaces the connection longest without a request (default 256, lowered to fit the limit on open files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open connections at most from one address (IPv6: one /64), trusted proxies exempt; a newcomer replaces the connection longest without a request (default 32).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request must arrive whole within this (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle keep-alive connections are closed after this (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only these addresses may post (CIDRs, comma-separated; &quot;tradingview&quot; = TradingView&apos;s webhook addresses); others get 403. Default: all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxies whose X-Forwarded-For / X-Real-IP are believed (default: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per second per client address, loopback exempt (default 50; 0: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests a client may send at once above the rate (default 100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad tokens per minute from one address before it is locked out (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest accepted request body (default 65536).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve GET /metrics beyond loopback (default false).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal: survives a killed process; full: fsync per commit, survives power loss; memory: no journal on disk (benchmarks only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest journal; past it webhooks get 503 (default 1024).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis stream with a durable copy of each webhook (default webhook_raw:stream).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approximate length cap of the stream (default 100000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold webhooks while nobody subscribes to webhook_raw (default true).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undelivered webhooks older than this expire instead of firing late (default 120; 0: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same payload again within this window is a duplicate (default 10; 0: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload fields that decide duplicates, e.g. Symbol,Action (default: the whole payload).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered and refused requests are pruned from the journal after this (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redis://[[user]:password@]host:port/db (AUTH, ACL user and SELECT honoured).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis host (default 127.0.0.1); overrides the URL&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis port (default 6379); overrides the URL&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto: when no Redis address is set and none answers at 127.0.0.1:6379, start redis-server as a child (loopback, a generated password, data in the data folder) and stop it on quit; never: don&apos;t.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ws://host:8000 of Aristobot3&apos;s Daphne: its /ws/webhooks/ and /ws/heartbeat/ feed the monitor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://host:8000 for the T1 probe (default: from --daphne-url).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://host:5173 of Aristobot3&apos;s frontend, for the T4 probe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This receiver&apos;s name in webhook_raw, the stream and its status, when several share a Redis (letters, digits, . _ : -; default: host name:port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis Sentinel addresses (port 26379 when omitted): the master is asked of them at every connect and followed when they switch it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The master&apos;s name as the sentinels know it (sentinel monitor NAME …); required with --redis-sentinel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the master has replicas, a webhook counts as delivered once one of them has it (WAIT 1, at most this long; then sent again). Default 500, at most 4000; 0: off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>TradingView setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected through %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not detect it (%1): type it, as your router or provider shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where TradingView sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a token and listen on every address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public IPv4 address, e.g. 203.0.113.7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alert in TradingView</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In TradingView&apos;s alert dialog: Notifications → Webhook URL, and the Message field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the URL path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PING posted to this receiver as TradingView would, followed to the engine&apos;s channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received by Terminal 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>streamed to Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published on webhook_raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heard by the engine (listeners)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token is set: TradingView&apos;s requests carry it, others get 401. It is part of the URL below (masked; the copy button copies it whole).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;No token yet:&lt;/b&gt; Terminal 6 then listens on 127.0.0.1 only, where TradingView cannot reach it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal 6 listens on port %1, at: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TradingView sends webhooks only to &lt;b&gt;ports 80 (http) and 443 (https)&lt;/b&gt;, only to &lt;b&gt;IPv4&lt;/b&gt; addresses, and with &lt;b&gt;no custom header&lt;/b&gt;: the token goes in the URL path or in the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This receiver listens on port %1. Ways to get from 80/443 to it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Router:&lt;/b&gt; forward the public TCP port 80 (or 443) to this machine&apos;s port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Listen on 80 here:&lt;/b&gt; set the port to 80 in the settings, after &lt;code&gt;sudo setcap cap_net_bind_service=+ep %1&lt;/code&gt;, or run the systemd unit (&lt;code&gt;terminal6.service&lt;/code&gt;, which grants it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;nginx in front:&lt;/b&gt; &lt;code&gt;/usr/share/doc/terminal6/examples/nginx-terminal6.conf&lt;/code&gt; serves 443 and forwards to port %1; start Terminal 6 with &lt;code&gt;--trusted-proxy 127.0.0.1&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;HTTPS on 443:&lt;/b&gt; give a certificate and key (--tls-cert, --tls-key) and turn on &lt;i&gt;require-tradingview-cert&lt;/i&gt;, so that only TradingView&apos;s servers, which present their client certificate, get in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS is on: turn on &lt;i&gt;require-tradingview-cert&lt;/i&gt; so that only TradingView&apos;s servers get in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>A test alert&apos;s step and what it found (French puts a space before the colon)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still listening on 127.0.0.1 only: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatCards</name>
    <message>
        <source>Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 forwarded · %2 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 processed by the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expired unforwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrealised P&amp;amp;L &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>streamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replayed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TerminalHealthModel</name>
    <message>
        <source>no 1m candle seen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1m %1 candle closed %2 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no 1m candle for %1 s (last closed %2 UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>PUBLISH reached %n listener(s)</source>
        <translation>
            <numerusform>PUBLISH reached %n listener</numerusform>
            <numerusform>PUBLISH reached %n listeners</numerusform>
        </translation>
    </message>
    <message>
        <source>PUBLISH reached no listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daphne (Django API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trading Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frontend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminal_status from %1 (pid %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminal_status from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TerminalTile</name>
    <message>
        <source>last seen %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TerminalsTab</name>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed signals (a bar closed without its webhook)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receivers sharing this Redis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TestAlert</name>
    <message>
        <source>nobody listens on webhook_raw: start Aristobot3&apos;s engine (T3); the alert waits in the journal until it does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver does not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the receiver answered %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forwarding is paused (the kill switch): resume it to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis is unreachable (%1): the alert waits in the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from Redis within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenField</name>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>•••••••• (set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown this once: copy it now, it is not shown again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show/Hide Terminal 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal 6 — %1
Redis %2 · engine %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Forwarding PAUSED</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>
%n webhook(s) on their way</source>
        <translation>
            <numerusform>
%n webhook on their way</numerusform>
            <numerusform>
%n webhooks on their way</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebhookHistoryModel</name>
    <message>
        <source>Date/Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebhookInspector</name>
    <message>
        <source>Select a webhook to see its payload and its way to the engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No payload here: not received by this Terminal 6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish this expired webhook again, marked &quot;replayed&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A curl command that sends this payload again (the token is read from $WEBHOOK_TOKEN, never written out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (the engine&apos;s verdict only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n on webhook_raw</source>
        <translation>
            <numerusform>%n on webhook_raw</numerusform>
            <numerusform>%n on webhook_raw</numerusform>
        </translation>
    </message>
    <message>
        <source>no verdict yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journaled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebhooksTab</name>
    <message>
        <source>All symbols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All brokers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal 6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search symbol, trace, IP, reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop adding new webhooks to this list (they are still received, journaled and forwarded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the webhooks listed so far (the journal keeps them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown rows as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown rows as JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish %1 %2 (received %3 UTC) again?

The trading engine will see it as a replay and may place the order now, at today&apos;s price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resent: the webhook goes to Redis again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not resent: it is no longer expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a curl command (it reads the token from $WEBHOOK_TOKEN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) written to %1</source>
        <translation>
            <numerusform>%n webhook written to %1</numerusform>
            <numerusform>%n webhooks written to %1</numerusform>
        </translation>
    </message>
</context>
</TS>
