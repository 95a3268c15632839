// DaphneSource against real WebSocket servers in the test: a QWebSocketServer serving Daphne's
// two routes replays the recorded frames, goes away and comes back on the same port; a raw TCP
// server that completes the handshake and then never answers stands in for a link that died in
// an OS sleep.

#include "monitor/sources/DaphneSource.h"
#include "support/Fixtures.h"
#include "support/RedisServer.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace std::chrono_literals;

namespace {

const QString kWebhooks = QStringLiteral("/ws/webhooks/");
const QString kHeartbeat = QStringLiteral("/ws/heartbeat/");

// Daphne's two anonymous routes; any other path is closed at once, as Daphne would refuse it.
class FakeDaphne : public QObject
{
    Q_OBJECT
public:
    FakeDaphne()
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, &FakeDaphne::onNewConnection);
    }

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl base() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port())); }

    // Goes away like a stopped Daphne: no listener, every client dropped.
    void shutDown()
    {
        m_server.close();
        for (const Client &client : std::as_const(m_clients)) {
            if (client.socket)
                client.socket->abort();
        }
        m_clients.clear();
    }

    int clients(const QString &path) const
    {
        int count = 0;
        for (const Client &client : m_clients)
            count += client.socket && client.path == path &&
                     client.socket->state() == QAbstractSocket::ConnectedState;
        return count;
    }
    int acceptedTotal() const { return m_acceptedTotal; }
    QStringList origins() const { return m_origins; }

    void sendText(const QString &path, const QString &text)
    {
        for (const Client &client : std::as_const(m_clients)) {
            if (client.socket && client.path == path)
                client.socket->sendTextMessage(text);
        }
    }
    void sendBinary(const QString &path, const QByteArray &data)
    {
        for (const Client &client : std::as_const(m_clients)) {
            if (client.socket && client.path == path)
                client.socket->sendBinaryMessage(data);
        }
    }

private:
    struct Client {
        QString path;
        QPointer<QWebSocket> socket;
    };

    void onNewConnection()
    {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            const QString path = socket->requestUrl().path();
            m_origins.append(socket->origin());
            if (path != kWebhooks && path != kHeartbeat) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated);
                continue;
            }
            ++m_acceptedTotal;
            m_clients.append({path, socket});
        }
    }

    QWebSocketServer m_server{QStringLiteral("fake daphne"), QWebSocketServer::NonSecureMode};
    QList<Client> m_clients;
    QStringList m_origins;
    int m_acceptedTotal = 0;
};

// Completes the WebSocket handshake, then reads and answers nothing, pings included.
class SilentServer : public QObject
{
    Q_OBJECT
public:
    SilentServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &SilentServer::onNewConnection);
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl base() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    int handshakes() const { return m_handshakes; }

private:
    void onNewConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                if (socket->property("upgraded").toBool())
                    return; // frames, pings included, sink here
                m_buffers[socket] += socket->readAll();
                const QByteArray &request = m_buffers[socket];
                if (!request.contains("\r\n\r\n"))
                    return;
                QByteArray key;
                for (const QByteArray &line : request.split('\n')) {
                    if (line.toLower().startsWith("sec-websocket-key:"))
                        key = line.mid(line.indexOf(':') + 1).trimmed();
                }
                const QByteArray accept =
                    QCryptographicHash::hash(
                        QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                        QCryptographicHash::Sha1)
                        .toBase64();
                socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                              "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                              accept + "\r\n\r\n");
                socket->setProperty("upgraded", true);
                ++m_handshakes;
            });
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_handshakes = 0;
};

MonitorEvent eventAt(const QSignalSpy &spy, qsizetype index)
{
    return spy.at(index).at(0).value<MonitorEvent>();
}

} // namespace

class TestDaphneSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void routeUrls_data();
    void routeUrls();
    void framesBecomeEvents();
    void reconnectsAfterServerRestart();
    void connectsOnceServerComesUp();
    void invalidFramesAreCounted();
    void unansweredPingDropsSilentLink();
    void stopDisconnects();
};

void TestDaphneSource::initTestCase()
{
    qRegisterMetaType<MonitorEvent>();
    qRegisterMetaType<ConnectionState>();
}

void TestDaphneSource::routeUrls_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ws") << QStringLiteral("ws://trader-pc:8000")
                        << QStringLiteral("ws://trader-pc:8000/ws/webhooks/");
    QTest::newRow("trailing slash") << QStringLiteral("ws://trader-pc:8000/")
                                    << QStringLiteral("ws://trader-pc:8000/ws/webhooks/");
    QTest::newRow("http") << QStringLiteral("http://10.0.0.5:8000")
                          << QStringLiteral("ws://10.0.0.5:8000/ws/webhooks/");
    QTest::newRow("https prefix") << QStringLiteral("https://example.org/aristobot")
                                  << QStringLiteral("wss://example.org/aristobot/ws/webhooks/");
}

void TestDaphneSource::routeUrls()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    const DaphneSource source{QUrl(base)};
    QCOMPARE(source.routeUrl(kWebhooks).toString(), expected);
}

void TestDaphneSource::framesBecomeEvents()
{
    FakeDaphne daphne;
    QVERIFY(daphne.listen());
    DaphneSource source(daphne.base());
    QSignalSpy events(&source, &DaphneSource::eventReceived);
    QSignalSpy states(&source, &DaphneSource::stateChanged);
    source.start();
    QCOMPARE(source.state(), ConnectionState::Connecting);
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    QCOMPARE(daphne.clients(kWebhooks), 1);
    QCOMPARE(daphne.clients(kHeartbeat), 1);
    QCOMPARE(states.count(), 2); // Connecting, Connected
    // Channels' AllowedHostsOriginValidator needs an Origin naming the host we dialled.
    for (const QString &origin : daphne.origins())
        QCOMPARE(origin, QStringLiteral("http://127.0.0.1:%1").arg(daphne.port()));

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QList<QByteArray> lines = Fixtures::lines(QStringLiteral("daphne-frames.jsonl"));
    QList<QJsonObject> recorded;
    for (const QByteArray &line : lines) {
        recorded.append(QJsonDocument::fromJson(line).object());
        const QJsonObject frame = recorded.last().value(QLatin1String("frame")).toObject();
        daphne.sendText(recorded.last().value(QLatin1String("route")).toString(),
                        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        QTRY_COMPARE(events.count(), recorded.size()); // one at a time: routes are two links
    }

    for (qsizetype i = 0; i < recorded.size(); ++i) {
        const MonitorEvent event = eventAt(events, i);
        const QString route = recorded.at(i).value(QLatin1String("route")).toString();
        QCOMPARE(event.type, route == kWebhooks ? QStringLiteral("webhook_update")
                                                : QStringLiteral("heartbeat_message"));
        QCOMPARE(event.source, QStringLiteral("daphne"));
        QCOMPARE(event.message, recorded.at(i).value(QLatin1String("frame")).toObject());
        QCOMPARE(event.ts.timeSpec(), Qt::UTC);
        QVERIFY(event.ts >= before.addMSecs(-1));
        QVERIFY(event.ts <= QDateTime::currentDateTimeUtc());
    }
    QCOMPARE(source.garbageCount(), 0);
}

void TestDaphneSource::reconnectsAfterServerRestart()
{
    FakeDaphne daphne;
    QVERIFY(daphne.listen());
    const quint16 port = daphne.port();
    DaphneSource source(daphne.base());
    source.setBackoff(100ms, 400ms);
    QSignalSpy events(&source, &DaphneSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);

    daphne.shutDown();
    QTRY_COMPARE(source.state(), ConnectionState::Connecting);
    QTest::qWait(800); // several failed attempts, backoff at its cap
    QVERIFY(daphne.listen(port));
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), ConnectionState::Connected, 5000);
    // Far below the default 30 s cap: the 400 ms cap set above is the one in force.
    QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(daphne.clients(kWebhooks), 1);
    QCOMPARE(daphne.clients(kHeartbeat), 1);

    const QByteArray heartbeat = Fixtures::lines(QStringLiteral("daphne-frames.jsonl")).last();
    const QJsonObject frame =
        QJsonDocument::fromJson(heartbeat).object().value(QLatin1String("frame")).toObject();
    daphne.sendText(kHeartbeat,
                    QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    QTRY_COMPARE(events.count(), 1);
    QCOMPARE(eventAt(events, 0).type, QStringLiteral("heartbeat_message"));
    QCOMPARE(eventAt(events, 0).message.value(QLatin1String("symbol")).toString(),
             QStringLiteral("BTCUSDT"));
}

void TestDaphneSource::connectsOnceServerComesUp()
{
    const quint16 port = RedisServer::freePort(); // nobody listens there yet
    DaphneSource source(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)));
    source.setBackoff(50ms, 200ms);
    source.start();
    QTest::qWait(600);
    QCOMPARE(source.state(), ConnectionState::Connecting);

    FakeDaphne daphne;
    QVERIFY(daphne.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), ConnectionState::Connected, 2000);
    QCOMPARE(daphne.acceptedTotal(), 2);
}

void TestDaphneSource::invalidFramesAreCounted()
{
    FakeDaphne daphne;
    QVERIFY(daphne.listen());
    DaphneSource source(daphne.base());
    QSignalSpy events(&source, &DaphneSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);

    daphne.sendText(kWebhooks, QStringLiteral("not json"));
    daphne.sendText(kWebhooks, QStringLiteral("[1,2]"));
    daphne.sendText(kHeartbeat, QStringLiteral("{\"truncated\":"));
    daphne.sendBinary(kHeartbeat, QByteArrayLiteral("{\"symbol\":\"BTCUSDT\"}"));
    daphne.sendText(kWebhooks, QStringLiteral("{\"id\":7,\"status\":\"error\"}"));

    QTRY_COMPARE(events.count(), 1);
    QTRY_COMPARE(source.garbageCount(), 4);
    QCOMPARE(eventAt(events, 0).type, QStringLiteral("webhook_update"));
    QCOMPARE(eventAt(events, 0).message.value(QLatin1String("id")).toInt(), 7);
    QCOMPARE(source.state(), ConnectionState::Connected); // never fatal
}

void TestDaphneSource::unansweredPingDropsSilentLink()
{
    SilentServer silent;
    QVERIFY(silent.listen());
    DaphneSource source(silent.base());
    source.setBackoff(50ms, 50ms);
    source.setPing(100ms, 200ms);
    QSignalSpy states(&source, &DaphneSource::stateChanged);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    QCOMPARE(silent.handshakes(), 2);

    // Ping after 100 ms, no pong by 300 ms: both links are dropped and dialled again.
    QTRY_VERIFY_WITH_TIMEOUT(silent.handshakes() >= 4, 3000);
    QVERIFY(states.count() >= 3); // Connecting, Connected, Connecting, ...
}

void TestDaphneSource::stopDisconnects()
{
    FakeDaphne daphne;
    QVERIFY(daphne.listen());
    DaphneSource source(daphne.base());
    source.setBackoff(50ms, 50ms);
    QSignalSpy events(&source, &DaphneSource::eventReceived);
    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    source.stop();
    QCOMPARE(source.state(), ConnectionState::Disconnected);
    QTRY_COMPARE(daphne.clients(kWebhooks) + daphne.clients(kHeartbeat), 0);
    QTest::qWait(300); // no reconnect after stop()
    QCOMPARE(daphne.acceptedTotal(), 2);

    source.start();
    QTRY_COMPARE(source.state(), ConnectionState::Connected);
    QCOMPARE(daphne.acceptedTotal(), 4);
}

QTEST_GUILESS_MAIN(TestDaphneSource)
#include "tst_daphnesource.moc"
