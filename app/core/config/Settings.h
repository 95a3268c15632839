#pragma once

#include "journal/Durability.h"
#include "redis/RedisEndpoint.h"
#include "systemd/InheritedSocket.h"

#include <QByteArrayList>
#include <QString>
#include <QStringList>
#include <QUrl>

// Everything Terminal 6 can be told, with the defaults a trader gets when saying nothing.
// Filled by SettingsLoader (defaults < config file < environment < command line).
struct Settings {
    enum class Mode { Gui, Headless };
    enum class EmbeddedRedis { Auto, Never };

    Mode mode = Mode::Gui;
    bool monitorOnly = false; // the window only, watching a receiver elsewhere (receiverUrl)
    QUrl receiverUrl;         // with monitorOnly: http(s)://host:port of that receiver
    QString language = QStringLiteral("auto"); // auto (the system's), en, fr
    QString host = QStringLiteral("0.0.0.0");
    quint16 port = 8888;
    // Not a setting: the listening socket a service manager handed over (terminal6.socket);
    // when given, host and port are where it is bound.
    InheritedSocket listenSocket;
    QString path = QStringLiteral("/webhook");
    QString dataDir;                                  // default: QStandardPaths::AppDataLocation
    QString configFile;                               // empty: none
    QByteArrayList tokens;                            // valid tokens; empty: loopback only
    QString bodyTokenField = QStringLiteral("token"); // top-level JSON field that may carry it
    qint64 maxBody = 64 * 1024;
    // The edge (see EdgeGuard): limits, who may call, TLS.
    int maxConnections = 256;
    int maxConnectionsPerIp = 32; // trusted proxies exempt
    int requestTimeoutS = 10;     // a request must arrive whole within this
    int idleTimeoutS = 30;        // an idle keep-alive connection is closed after this
    QStringList allowIps; // CIDRs; "tradingview" = TradingView's webhook addresses; empty: all
    QStringList trustedProxies; // CIDRs whose X-Forwarded-For / X-Real-IP are believed
    double rateLimit = 50;      // requests per second per client address (loopback exempt); 0: off
    int rateBurst = 100;
    int badTokenLimit = 10; // bad tokens per minute from one address before it is locked out
    QString tlsCert;        // PEM; with tlsKey: HTTPS on the same routes
    QString tlsKey;
    bool requireTradingViewCert = false;
    bool metricsPublic = false; // /metrics answers beyond loopback
    // The journal and delivery (see Journal, Forwarder).
    Durability durability = Durability::Normal;
    qint64 journalMaxMb = 1024;
    QByteArray streamKey = QByteArrayLiteral("webhook_raw:stream");
    qint64 streamMaxLen = 100000;
    bool requireListener = true;
    int replayMaxAgeS = 120; // 0: no limit
    int dedupeWindowS = 10;  // 0: off
    QStringList dedupeKeys;  // empty: the whole payload
    int retentionDays = 30;
    // Names this receiver in the envelope, the stream and its status (several may share a
    // Redis); empty: effectiveReceiverName().
    QString receiverName;
    RedisEndpoint redis;
    int replicaWaitMs = 500; // WAIT for a replica's copy before a row counts as delivered; 0: off
    EmbeddedRedis embeddedRedis = EmbeddedRedis::Auto;
    // The monitor (see MonitorService).
    QUrl daphneUrl;   // ws://host:8000 of a real Aristobot3: /ws/webhooks/, /ws/heartbeat/
    QUrl daphneHttp;  // T1 probe; default: daphneUrl as http://
    QUrl frontendUrl; // T4 probe

    bool hasToken() const { return !tokens.isEmpty(); }
    // The address actually bound: a public one only with a token.
    QString effectiveHost() const;
    bool hostWasRestricted() const { return effectiveHost() != host; }
    // receiverName, or <host name>:<port>.
    QString effectiveReceiverName() const;
};
