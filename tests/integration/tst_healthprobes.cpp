// HealthProbes against a real redis-server and local HTTP servers: T3 from PUBSUB NUMSUB and
// PUBLISH counts, T5 from LLEN, T1/T4 from HTTP GETs, T2 from 1m candles, and "unknown", never
// "up", for whatever cannot be read.

#include "monitor/HealthProbes.h"
#include "monitor/TerminalHealthModel.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QHostAddress>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace std::chrono_literals;

namespace {

const QString T1 = QStringLiteral("T1");
const QString T2 = QStringLiteral("T2");
const QString T3 = QStringLiteral("T3");
const QString T4 = QStringLiteral("T4");
const QString T5 = QStringLiteral("T5");

// A bare HTTP/1.1 server on 127.0.0.1 that answers every request with one status (or not at all
// when status is 0) and remembers the request lines.
class TinyHttpServer : public QObject
{
public:
    explicit TinyHttpServer(int status)
        : m_status(status)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &TinyHttpServer::onConnection);
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(m_server.serverPort());
        return url;
    }
    void setStatus(int status) { m_status = status; }
    QList<QByteArray> requestLines() const { return m_requestLines; }

private:
    void onConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            QPointer<QTcpSocket> guarded(socket);
            connect(socket, &QTcpSocket::readyRead, this, [this, guarded] {
                if (!guarded || !guarded->canReadLine())
                    return;
                QByteArray buffered = guarded->peek(4096);
                if (!buffered.contains("\r\n\r\n"))
                    return;
                m_requestLines << guarded->readLine().trimmed();
                guarded->readAll();
                if (m_status == 0)
                    return; // a server that never answers
                guarded->write("HTTP/1.1 " + QByteArray::number(m_status) +
                               " Whatever\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                guarded->disconnectFromHost();
            });
        }
    }

    QTcpServer m_server;
    int m_status;
    QList<QByteArray> m_requestLines;
};

// A URL where nothing listens.
QUrl deadUrl()
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(RedisServer::freePort());
    return url;
}

HealthProbeOptions fastOptions()
{
    HealthProbeOptions options;
    options.interval = 100ms;
    return options;
}

MonitorEvent candle(const QString &timeframe, const QDateTime &closeTime)
{
    const QJsonObject message{
        {QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("timeframe"), timeframe},
        {QStringLiteral("open_time"), closeTime.toMSecsSinceEpoch() - 59999},
        {QStringLiteral("close_time"), closeTime.toMSecsSinceEpoch()},
        {QStringLiteral("is_closed"), true},
    };
    return {QStringLiteral("heartbeat_message"), QStringLiteral("T2"), closeTime, message};
}

} // namespace

class TestHealthProbes : public QObject
{
    Q_OBJECT

private slots:
    void tradingEngineFromNumsub();
    void publishCountShowsTradingEngine();
    void exchangeGatewayFromQueue();
    void redisStoppedIsUnknown();
    void redisNeverReachableIsUnknown();
    void daphneHttp_data();
    void daphneHttp();
    void daphneKeepsBasePath();
    void daphneNoAnswerTimesOut();
    void frontendHttp_data();
    void frontendHttp();
    void emptyUrlsUnknown();
    void heartbeat();
    void stopAbandonsProbes();
};

void TestHealthProbes::tradingEngineFromNumsub()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(&model, server.endpoint(), fastOptions());
    probes.start();

    QTRY_COMPARE(model.state(T3), TerminalState::Down);
    QCOMPARE(model.detail(T3), QStringLiteral("0 listener(s) on webhook_raw"));

    RedisSubscriber subscriber(server);
    QVERIFY2(subscriber.subscribe(QByteArrayLiteral("webhook_raw")),
             qPrintable(subscriber.errorString()));
    QTRY_COMPARE(model.state(T3), TerminalState::Up);
    QCOMPARE(model.detail(T3), QStringLiteral("1 listener(s) on webhook_raw"));

    // A listener on another channel does not count.
    RedisSubscriber elsewhere(server);
    QVERIFY(elsewhere.subscribe(QByteArrayLiteral("websockets")));
    QTest::qWait(300);
    QCOMPARE(model.detail(T3), QStringLiteral("1 listener(s) on webhook_raw"));
}

void TestHealthProbes::publishCountShowsTradingEngine()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbeOptions options = fastOptions();
    options.interval = 2s; // so that the PUBLISH count is seen before the next NUMSUB
    HealthProbes probes(&model, server.endpoint(), options);
    probes.start();
    QTRY_COMPARE(model.state(T3), TerminalState::Down);

    probes.notePublishListeners(1);
    QCOMPARE(model.state(T3), TerminalState::Up);
    probes.notePublishListeners(-1); // unknown count: ignored
    QCOMPARE(model.state(T3), TerminalState::Up);
    probes.notePublishListeners(0);
    QCOMPARE(model.state(T3), TerminalState::Down);
}

void TestHealthProbes::exchangeGatewayFromQueue()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(&model, server.endpoint(), fastOptions());
    probes.start();
    QTRY_COMPARE(model.state(T5), TerminalState::Up);
    QCOMPARE(model.detail(T5), QStringLiteral("0 request(s) waiting in exchange_requests"));

    const QByteArray queue = QByteArrayLiteral("exchange_requests");
    const auto push = [&](int count) {
        QList<QByteArray> argv{QByteArrayLiteral("RPUSH"), queue};
        for (int i = 0; i < count; ++i)
            argv << QByteArrayLiteral("{\"type\":\"ticker\"}");
        QCOMPARE(server.run(argv).type, RedisReply::Type::Integer);
    };

    push(5); // at the near-zero limit: still up
    QTest::qWait(300);
    QCOMPARE(model.state(T5), TerminalState::Up);

    push(3); // above, not growing: degraded
    QTRY_COMPARE(model.state(T5), TerminalState::Degraded);
    QTest::qWait(300);
    QCOMPARE(model.state(T5), TerminalState::Degraded);

    // Growing at every probe (pushes come faster than probes): down.
    QTimer pusher;
    pusher.setInterval(30ms);
    connect(&pusher, &QTimer::timeout, this, [&] { push(1); });
    pusher.start();
    QTRY_COMPARE(model.state(T5), TerminalState::Down);
    QVERIFY2(model.detail(T5).contains(QStringLiteral("growing")), qPrintable(model.detail(T5)));
    pusher.stop();

    // No longer growing but still long: degraded again; emptied by the gateway: up.
    QTRY_COMPARE(model.state(T5), TerminalState::Degraded);
    QCOMPARE(server.run({QByteArrayLiteral("DEL"), queue}).integer, 1);
    QTRY_COMPARE(model.state(T5), TerminalState::Up);
    QCOMPARE(model.detail(T5), QStringLiteral("0 request(s) waiting in exchange_requests"));
}

void TestHealthProbes::redisStoppedIsUnknown()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(&model, server.endpoint(), fastOptions());
    probes.start();
    RedisSubscriber subscriber(server);
    QVERIFY(subscriber.subscribe(QByteArrayLiteral("webhook_raw")));
    QTRY_COMPARE(model.state(T3), TerminalState::Up);
    QTRY_COMPARE(model.state(T5), TerminalState::Up);

    server.stop();
    QTRY_COMPARE(model.state(T3), TerminalState::Unknown);
    QTRY_COMPARE(model.state(T5), TerminalState::Unknown);
    QCOMPARE(model.detail(T3), QStringLiteral("Redis unreachable"));
    QCOMPARE(model.detail(T5), QStringLiteral("Redis unreachable"));

    // Never up while Redis cannot be read, whatever a PUBLISH count says.
    probes.notePublishListeners(1);
    QTest::qWait(400);
    QCOMPARE(model.state(T3), TerminalState::Unknown);
    QCOMPARE(model.state(T5), TerminalState::Unknown);

    // Back: the probes read it again (the test subscriber's link died with the server).
    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(model.state(T3), TerminalState::Down, 10000);
    QTRY_COMPARE(model.state(T5), TerminalState::Up);
}

void TestHealthProbes::redisNeverReachableIsUnknown()
{
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    TerminalHealthModel model;
    QSignalSpy changed(&model, &TerminalHealthModel::terminalStateChanged);
    HealthProbes probes(&model, nowhere, fastOptions());
    probes.start();
    QTest::qWait(500);
    QCOMPARE(model.state(T3), TerminalState::Unknown);
    QCOMPARE(model.state(T5), TerminalState::Unknown);
    QCOMPARE(model.detail(T3), QStringLiteral("Redis unreachable"));
    QCOMPARE(changed.size(), 0); // unknown from the start: nothing changed
}

void TestHealthProbes::daphneHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<TerminalState>("expected");
    QTest::addColumn<QString>("detail");
    QTest::newRow("200") << 200 << TerminalState::Up << QStringLiteral("HTTP 200");
    QTest::newRow("500") << 500 << TerminalState::Down << QStringLiteral("HTTP 500");
    QTest::newRow("404") << 404 << TerminalState::Down << QStringLiteral("HTTP 404");
    QTest::newRow("204") << 204 << TerminalState::Down << QStringLiteral("HTTP 204");
    QTest::newRow("not listening") << -1 << TerminalState::Down << QStringLiteral("no answer");
}

void TestHealthProbes::daphneHttp()
{
    QFETCH(int, status);
    QFETCH(TerminalState, expected);
    QFETCH(QString, detail);

    TinyHttpServer http(status);
    HealthProbeOptions options = fastOptions();
    if (status > 0) {
        QVERIFY(http.listen());
        options.daphneHttp = http.url();
    } else {
        options.daphneHttp = deadUrl();
    }
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    TerminalHealthModel model;
    HealthProbes probes(&model, nowhere, options);
    probes.start();
    QTRY_COMPARE(model.state(T1), expected);
    QVERIFY2(model.detail(T1).startsWith(detail), qPrintable(model.detail(T1)));
    if (status > 0) {
        QCOMPARE(http.requestLines().value(0),
                 QByteArrayLiteral("GET /api/heartbeat/status/ HTTP/1.1"));
        QVERIFY(model.data(model.index(0, TerminalHealthModel::SignalSource))
                    .toString()
                    .endsWith(QStringLiteral("/api/heartbeat/status/")));
    }
    QCOMPARE(model.state(T4), TerminalState::Unknown); // not configured
}

void TestHealthProbes::daphneKeepsBasePath()
{
    TinyHttpServer http(200);
    QVERIFY(http.listen());
    HealthProbeOptions options = fastOptions();
    QUrl url = http.url();
    url.setPath(QStringLiteral("/aristobot/"));
    options.daphneHttp = url;
    TerminalHealthModel model;
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    HealthProbes probes(&model, nowhere, options);
    probes.start();
    QTRY_COMPARE(model.state(T1), TerminalState::Up);
    QCOMPARE(http.requestLines().value(0),
             QByteArrayLiteral("GET /aristobot/api/heartbeat/status/ HTTP/1.1"));
}

void TestHealthProbes::daphneNoAnswerTimesOut()
{
    TinyHttpServer http(0); // accepts, reads, never answers
    QVERIFY(http.listen());
    HealthProbeOptions options = fastOptions();
    options.daphneHttp = http.url();
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    TerminalHealthModel model;
    HealthProbes probes(&model, nowhere, options);
    probes.start();
    QTest::qWait(1000);
    QCOMPARE(model.state(T1), TerminalState::Unknown);
    // One probe in flight at a time, even though the interval is 100 ms.
    QCOMPARE(http.requestLines().size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(T1), TerminalState::Down, 5000);
    QVERIFY2(model.detail(T1).startsWith(QStringLiteral("no answer")),
             qPrintable(model.detail(T1)));
    // Answers again: up.
    http.setStatus(200);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(T1), TerminalState::Up, 5000);
}

void TestHealthProbes::frontendHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<TerminalState>("expected");
    QTest::newRow("200") << 200 << TerminalState::Up;
    QTest::newRow("404") << 404 << TerminalState::Up; // it answers: the dev server is running
    QTest::newRow("499") << 499 << TerminalState::Up;
    QTest::newRow("500") << 500 << TerminalState::Down;
    QTest::newRow("503") << 503 << TerminalState::Down;
    QTest::newRow("not listening") << -1 << TerminalState::Down;
}

void TestHealthProbes::frontendHttp()
{
    QFETCH(int, status);
    QFETCH(TerminalState, expected);
    TinyHttpServer http(status);
    HealthProbeOptions options = fastOptions();
    if (status > 0) {
        QVERIFY(http.listen());
        options.frontend = http.url();
    } else {
        options.frontend = deadUrl();
    }
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    TerminalHealthModel model;
    HealthProbes probes(&model, nowhere, options);
    probes.start();
    QTRY_COMPARE(model.state(T4), expected);
    if (status > 0)
        QCOMPARE(http.requestLines().value(0), QByteArrayLiteral("GET / HTTP/1.1"));
    QCOMPARE(model.state(T1), TerminalState::Unknown);
}

void TestHealthProbes::emptyUrlsUnknown()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(&model, server.endpoint(), fastOptions());
    probes.start();
    QTRY_COMPARE(model.state(T5), TerminalState::Up); // probing is running
    QTest::qWait(300);
    QCOMPARE(model.state(T1), TerminalState::Unknown);
    QCOMPARE(model.state(T4), TerminalState::Unknown);
    QCOMPARE(model.detail(T1), QStringLiteral("not configured"));
    QCOMPARE(model.state(T2), TerminalState::Unknown);
    QCOMPARE(model.detail(T2), QStringLiteral("no 1m candle seen yet"));
}

void TestHealthProbes::heartbeat()
{
    QDateTime now(QDate(2026, 2, 5), QTime(14, 33, 0, 413), Qt::UTC);
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    TerminalHealthModel model;
    model.setClock([&now] { return now; });
    HealthProbes probes(&model, nowhere, fastOptions());
    probes.setClock([&now] { return now; });
    probes.start();
    QCOMPARE(model.state(T2), TerminalState::Unknown);

    const QDateTime closed(QDate(2026, 2, 5), QTime(14, 32, 59, 999), Qt::UTC);
    probes.noteHeartbeat(candle(QStringLiteral("5m"), closed)); // not a 1m candle
    QCOMPARE(model.state(T2), TerminalState::Unknown);
    probes.noteHeartbeat(candle(QStringLiteral("1m"), closed));
    QCOMPARE(model.state(T2), TerminalState::Up);

    now = closed.addSecs(70);
    QTest::qWait(250);
    QCOMPARE(model.state(T2), TerminalState::Up);
    now = closed.addSecs(71);
    QTRY_COMPARE(model.state(T2), TerminalState::Down);
    QVERIFY2(model.detail(T2).startsWith(QStringLiteral("no 1m candle for 71 s")),
             qPrintable(model.detail(T2)));

    // A candle that closed long ago (replayed) does not bring it back.
    probes.noteHeartbeat(candle(QStringLiteral("1m"), closed.addSecs(-60)));
    QCOMPARE(model.state(T2), TerminalState::Down);
    probes.noteHeartbeat(candle(QStringLiteral("1m"), closed.addSecs(60)));
    QCOMPARE(model.state(T2), TerminalState::Up);
}

void TestHealthProbes::stopAbandonsProbes()
{
    TinyHttpServer http(0);
    QVERIFY(http.listen());
    HealthProbeOptions options = fastOptions();
    options.daphneHttp = http.url();
    TerminalHealthModel model;
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    HealthProbes probes(&model, nowhere, options);
    probes.start();
    QVERIFY(probes.isRunning());
    QTRY_COMPARE(http.requestLines().size(), 1);
    probes.stop();
    QVERIFY(!probes.isRunning());
    QTest::qWait(300);
    QCOMPARE(model.state(T1), TerminalState::Unknown); // abandoned, not reported down
    QCOMPARE(http.requestLines().size(), 1);
}

QTEST_GUILESS_MAIN(TestHealthProbes)
#include "tst_healthprobes.moc"
