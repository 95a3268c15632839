// HealthProbes against a real redis-server and local HTTP servers: T3 from PUBSUB NUMSUB and
// PUBLISH counts, T5 from CLIENT LIST and LLEN, T1/T4 from HTTP GETs, T2 from 1m candles, and
// "unknown", never "up", for whatever cannot be read.

#include "monitor/models/TerminalHealthModel.h"
#include "monitor/sources/HealthProbes.h"
#include "redis/RedisConnection.h"
#include "support/ChildProcess.h"
#include "support/RedisServer.h"
#include "support/RedisSubscriber.h"

#include <QHostAddress>
#include <QPointer>
#include <QRegularExpression>
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

// The probes' evidence applied as the monitor applies it (here at once, not in 100 ms batches).
void feed(HealthProbes &probes, TerminalHealthModel &model)
{
    QObject::connect(&probes, &HealthProbes::evidence, &model,
                     [&model](const MonitorEvent &event) { model.apply({event}); });
}

const QByteArray exchangeQueue = QByteArrayLiteral("exchange_requests");
const QString noPopper = QStringLiteral("no client waiting on exchange_requests");

// RPUSHes `count` requests onto the gateway's queue.
void pushRequests(const RedisServer &server, int count)
{
    QList<QByteArray> argv{QByteArrayLiteral("RPUSH"), exchangeQueue};
    for (int i = 0; i < count; ++i)
        argv << QByteArrayLiteral("{\"type\":\"ticker\"}");
    QCOMPARE(server.run(argv).type, RedisReply::Type::Integer);
}

// The id CLIENT LIST gives the client whose last command was `command`; -1 when none.
qint64 clientIdRunning(const RedisServer &server, const QByteArray &command)
{
    const RedisReply list = server.run({QByteArrayLiteral("CLIENT"), QByteArrayLiteral("LIST")});
    const QRegularExpression line(
        QStringLiteral("^id=(\\d+) .* cmd=%1 ").arg(QString::fromUtf8(command)),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(list.string));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

// How many CLIENT LIST commands Redis has run (INFO commandstats).
qint64 clientListCalls(const RedisServer &server)
{
    const RedisReply info =
        server.run({QByteArrayLiteral("INFO"), QByteArrayLiteral("commandstats")});
    const QRegularExpression calls(QStringLiteral("cmdstat_client\\|list:calls=(\\d+)"));
    const QRegularExpressionMatch match = calls.match(QString::fromUtf8(info.string));
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

// A stand-in Terminal 5 on its own Redis link: BLPOP <queue> 1 again and again, as the real
// gateway does, but pausing `pause` after each answer (a gateway slow to work through requests).
class SlowGateway : public QObject
{
public:
    SlowGateway(const RedisEndpoint &endpoint, std::chrono::milliseconds pause)
        : m_redis(endpoint)
    {
        m_pause.setSingleShot(true);
        m_pause.setInterval(pause);
        connect(&m_pause, &QTimer::timeout, this, &SlowGateway::pop);
        connect(&m_redis, &RedisConnection::connected, this, &SlowGateway::pop);
        m_redis.open();
    }
    int popped() const { return m_popped; }

private:
    void pop()
    {
        m_redis.command({QByteArrayLiteral("BLPOP"), exchangeQueue, QByteArrayLiteral("1")},
                        [this](const RedisReply &reply) {
                            if (reply.type == RedisReply::Type::Array)
                                ++m_popped;
                            if (reply.type != RedisReply::Type::Disconnected)
                                m_pause.start();
                        });
    }

    RedisConnection m_redis;
    QTimer m_pause;
    int m_popped = 0;
};

} // namespace

class TestHealthProbes : public QObject
{
    Q_OBJECT

private slots:
    void tradingEngineFromNumsub();
    void exchangeGatewayFromQueue();
    void exchangeGatewayWithoutPopperIsUnknown();
    void exchangeGatewayUpWhileBlpopClientWaits();
    void exchangeGatewaySlowPopper();
    void exchangeGatewayClientListRefused();
    void clientListOncePerInterval();
    void listPopper_data();
    void listPopper();
    void redisStoppedIsUnknown();
    void redisNeverReachableIsUnknown();
    void daphneHttp_data();
    void daphneHttp();
    void daphneKeepsBasePath();
    void daphneNoAnswerTimesOut();
    void frontendHttp_data();
    void frontendHttp();
    void emptyUrlsUnknown();
    void stopAbandonsProbes();
};

void TestHealthProbes::tradingEngineFromNumsub()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
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

void TestHealthProbes::exchangeGatewayFromQueue()
{
    // No gateway connected at all: an empty queue, a long one or a growing one never shows it up.
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
    probes.start();
    QTRY_COMPARE(model.detail(T5), noPopper);
    QCOMPARE(model.state(T5), TerminalState::Unknown);

    pushRequests(server, 8); // above the near-zero limit, not growing: still nothing to go by
    QTest::qWait(300);
    QCOMPARE(model.state(T5), TerminalState::Unknown);
    QCOMPARE(model.detail(T5), noPopper);

    // Growing at every probe (pushes come faster than probes): down.
    QTimer pusher;
    pusher.setInterval(30ms);
    connect(&pusher, &QTimer::timeout, this, [&] { pushRequests(server, 1); });
    pusher.start();
    QTRY_COMPARE(model.state(T5), TerminalState::Down);
    QVERIFY2(model.detail(T5).contains(QStringLiteral("growing")), qPrintable(model.detail(T5)));
    pusher.stop();

    // No longer growing, still nobody popping: unknown again.
    QTRY_COMPARE(model.state(T5), TerminalState::Unknown);
    QCOMPARE(model.detail(T5), noPopper);
}

void TestHealthProbes::exchangeGatewayWithoutPopperIsUnknown()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
    probes.start();
    QTRY_COMPARE(model.state(T3), TerminalState::Down); // the Redis probes are answered
    QTest::qWait(300);
    // An empty exchange_requests with no Terminal 5 running is not a sign of life.
    QCOMPARE(model.state(T5), TerminalState::Unknown);
    QCOMPARE(model.detail(T5), noPopper);
}

void TestHealthProbes::exchangeGatewayUpWhileBlpopClientWaits()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
    probes.start();
    QTRY_COMPARE(model.detail(T5), noPopper);

    ChildProcess gateway; // blocked on the queue for as long as it runs
    gateway.start(QStringLiteral("redis-cli"),
                  {QStringLiteral("-p"), QString::number(server.port()), QStringLiteral("BLPOP"),
                   QString::fromUtf8(exchangeQueue), QStringLiteral("0")});
    QVERIFY2(gateway.waitForStarted(), qPrintable(gateway.errorString()));
    QTRY_COMPARE(model.state(T5), TerminalState::Up);
    const qint64 id = clientIdRunning(server, QByteArrayLiteral("blpop"));
    QVERIFY(id > 0);
    QCOMPARE(
        model.detail(T5),
        QStringLiteral("Terminal 5 waiting on exchange_requests (BLPOP, client id %1)").arg(id));

    gateway.kill();
    QVERIFY(gateway.waitForFinished());
    QTRY_COMPARE(model.state(T5), TerminalState::Unknown);
    QCOMPARE(model.detail(T5), noPopper);
}

void TestHealthProbes::exchangeGatewaySlowPopper()
{
    RedisServer server;
    T6_START_REDIS(server);
    pushRequests(server, 100);
    TerminalHealthModel model;
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
    probes.start();

    // Pops, but more slowly than requests came: a long queue that does not grow is degraded.
    SlowGateway gateway(server.endpoint(), 500ms);
    QTRY_COMPARE(model.state(T5), TerminalState::Degraded);
    QVERIFY2(model.detail(T5).endsWith(QStringLiteral("request(s) waiting in exchange_requests")),
             qPrintable(model.detail(T5)));
    QVERIFY(gateway.popped() >= 1);

    // Growing at every probe although a client pops: down, the popper is not keeping up.
    QTimer pusher;
    pusher.setInterval(30ms);
    connect(&pusher, &QTimer::timeout, this, [&] { pushRequests(server, 3); });
    pusher.start();
    QTRY_COMPARE(model.state(T5), TerminalState::Down);
    QVERIFY2(model.detail(T5).contains(QStringLiteral("growing")), qPrintable(model.detail(T5)));
    pusher.stop();
    QTRY_COMPARE(model.state(T5), TerminalState::Degraded);

    // Drained: the gateway waits on the empty queue, up.
    QCOMPARE(server.run({QByteArrayLiteral("DEL"), exchangeQueue}).integer, 1);
    QTRY_COMPARE(model.state(T5), TerminalState::Up);
    QVERIFY2(model.detail(T5).startsWith(
                 QStringLiteral("Terminal 5 waiting on exchange_requests (BLPOP, client id ")),
             qPrintable(model.detail(T5)));
}

void TestHealthProbes::exchangeGatewayClientListRefused()
{
    RedisServer server;
    T6_START_REDIS(server);
    const RedisReply acl =
        server.run({QByteArrayLiteral("ACL"), QByteArrayLiteral("SETUSER"),
                    QByteArrayLiteral("default"), QByteArrayLiteral("-client|list")});
    QCOMPARE(acl.type, RedisReply::Type::Status);
    SlowGateway gateway(server.endpoint(), 100ms); // a gateway there, but it cannot be seen
    TerminalHealthModel model;
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
    probes.start();
    QTRY_VERIFY2(model.detail(T5).startsWith(QStringLiteral("CLIENT LIST refused: NOPERM")),
                 qPrintable(model.detail(T5)));
    QCOMPARE(model.state(T5), TerminalState::Unknown);
    QTest::qWait(300);
    QCOMPARE(model.state(T5), TerminalState::Unknown);
}

void TestHealthProbes::clientListOncePerInterval()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbeOptions options = fastOptions();
    options.interval = 60s; // the test ends long before a second probe is due
    HealthProbes probes(server.endpoint(), options);
    feed(probes, model);
    probes.start();
    QTRY_COMPARE(model.detail(T5), noPopper);
    QCOMPARE(clientListCalls(server), 1);

    // A reconnect probes PUBSUB NUMSUB and LLEN again at once, not CLIENT LIST.
    server.run({QByteArrayLiteral("CLIENT"), QByteArrayLiteral("KILL"), QByteArrayLiteral("TYPE"),
                QByteArrayLiteral("normal")});
    QTRY_COMPARE(model.detail(T5), QStringLiteral("Redis unreachable"));
    QTRY_COMPARE(model.state(T3), TerminalState::Down);
    QTest::qWait(300);
    QCOMPARE(clientListCalls(server), 1);
}

void TestHealthProbes::listPopper_data()
{
    QTest::addColumn<QByteArray>("clientList");
    QTest::addColumn<qint64>("clientId"); // -1: none
    QTest::addColumn<QByteArray>("command");

    const QByteArray self = "id=4 addr=127.0.0.1:39628 laddr=127.0.0.1:6379 fd=9 name=t6-health "
                            "age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 "
                            "events=r cmd=client|list user=default redir=-1 resp=2\n";
    const auto client = [](int id, const char *flags, int idleS, const char *cmd) -> QByteArray {
        return QByteArray("id=") + QByteArray::number(id) +
               " addr=127.0.0.1:39620 laddr=127.0.0.1:6379 fd=8 name= age=100 idle=" +
               QByteArray::number(idleS) + " flags=" + flags +
               " db=0 sub=0 psub=0 multi=-1 events=r cmd=" + cmd + " user=default resp=2\n";
    };
    QTest::newRow("empty") << QByteArray() << qint64(-1) << QByteArray();
    QTest::newRow("only ourselves") << self << qint64(-1) << QByteArray();
    QTest::newRow("blocked in blpop, long idle")
        << self + client(3, "b", 100, "blpop") << qint64(3) << QByteArray("blpop");
    QTest::newRow("between two blpops")
        << client(7, "N", 0, "blpop") + self << qint64(7) << QByteArray("blpop");
    QTest::newRow("blpop 5 s ago")
        << client(7, "N", 5, "blpop") << qint64(7) << QByteArray("blpop");
    QTest::newRow("blpop 6 s ago, not blocked")
        << client(7, "N", 6, "blpop") << qint64(-1) << QByteArray();
    QTest::newRow("brpop") << client(8, "b", 0, "brpop") << qint64(8) << QByteArray("brpop");
    QTest::newRow("blmove") << client(9, "b", 0, "blmove") << qint64(9) << QByteArray("blmove");
    QTest::newRow("brpoplpush") << client(10, "b", 0, "brpoplpush") << qint64(10)
                                << QByteArray("brpoplpush");
    QTest::newRow("blmpop") << client(11, "b", 0, "blmpop") << qint64(11) << QByteArray("blmpop");
    QTest::newRow("blocked, but not on a list")
        << client(12, "b", 0, "bzpopmin") + client(13, "b", 0, "xread") << qint64(-1)
        << QByteArray();
    QTest::newRow("a plain lpop") << client(14, "N", 0, "lpop") << qint64(-1) << QByteArray();
    QTest::newRow("blocked one preferred")
        << client(15, "N", 1, "blpop") + client(16, "b", 30, "brpop") << qint64(16)
        << QByteArray("brpop");
    QTest::newRow("CRLF lines") << client(17, "b", 0, "blpop").replace("\n", "\r\n") << qint64(17)
                                << QByteArray("blpop");
    QTest::newRow("junk") << QByteArray("garbage\nid=x cmd=blpop flags=b\n=\n\n") << qint64(-1)
                          << QByteArray();
}

void TestHealthProbes::listPopper()
{
    QFETCH(QByteArray, clientList);
    QFETCH(qint64, clientId);
    QFETCH(QByteArray, command);
    const std::optional<HealthProbes::ListPopper> popper = HealthProbes::findListPopper(clientList);
    QCOMPARE(popper ? popper->clientId : -1, clientId);
    QCOMPARE(popper ? popper->command : QByteArray(), command);
}

void TestHealthProbes::redisStoppedIsUnknown()
{
    RedisServer server;
    T6_START_REDIS(server);
    TerminalHealthModel model;
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
    probes.start();
    RedisSubscriber subscriber(server);
    QVERIFY(subscriber.subscribe(QByteArrayLiteral("webhook_raw")));
    QTRY_COMPARE(model.state(T3), TerminalState::Up);
    QTRY_COMPARE(model.detail(T5), noPopper);

    server.stop();
    QTRY_COMPARE(model.state(T3), TerminalState::Unknown);
    QTRY_COMPARE(model.state(T5), TerminalState::Unknown);
    QCOMPARE(model.detail(T3), QStringLiteral("Redis unreachable"));
    QCOMPARE(model.detail(T5), QStringLiteral("Redis unreachable"));

    // Back: the probes read it again (the test subscriber's link died with the server).
    QVERIFY2(server.restart(), qPrintable(server.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(model.state(T3), TerminalState::Down, 10000);
    QTRY_COMPARE(model.detail(T5), noPopper);
}

void TestHealthProbes::redisNeverReachableIsUnknown()
{
    RedisEndpoint nowhere;
    nowhere.port = RedisServer::freePort();
    TerminalHealthModel model;
    QSignalSpy changed(&model, &TerminalHealthModel::terminalStateChanged);
    HealthProbes probes(nowhere, fastOptions());
    feed(probes, model);
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
    HealthProbes probes(nowhere, options);
    feed(probes, model);
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
    HealthProbes probes(nowhere, options);
    feed(probes, model);
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
    HealthProbes probes(nowhere, options);
    feed(probes, model);
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
    HealthProbes probes(nowhere, options);
    feed(probes, model);
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
    HealthProbes probes(server.endpoint(), fastOptions());
    feed(probes, model);
    probes.start();
    QTRY_COMPARE(model.state(T3), TerminalState::Down); // probing is running
    QTest::qWait(300);
    QCOMPARE(model.state(T1), TerminalState::Unknown);
    QCOMPARE(model.state(T4), TerminalState::Unknown);
    QCOMPARE(model.detail(T1), QStringLiteral("not configured"));
    QCOMPARE(model.state(T2), TerminalState::Unknown);
    QCOMPARE(model.detail(T2), QStringLiteral("no 1m candle seen yet"));
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
    HealthProbes probes(nowhere, options);
    feed(probes, model);
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
