// EdgeGuard in the real receiver (in-process, real redis-server): every transport-level bad
// request of tests/fixtures/bad-requests.md gets its status, nothing is accepted, and the next
// valid webhook still gets 200. Also: memory under huge declared bodies, slowloris, the
// connection cap and the idle deadline, Connection: close, pipelining, Expect: 100-continue.
#include "receiver/ReceiverService.h"
#include "support/HttpClient.h"
#include "support/RedisServer.h"
#include "support/ResidentMemory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

const QByteArray token = QByteArrayLiteral("edge_guard_test_token_2026");

QByteArray webhookRequest(const QByteArray &extraHeaders = {}, const QByteArray &version = "1.1")
{
    const QByteArray body = QByteArrayLiteral("{\"Action\":\"PING\",\"Symbol\":\"EDGE\"}");
    return "POST /webhook HTTP/" + version + "\r\nHost: t6\r\nX-Webhook-Token: " + token +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders +
           "\r\n" + body;
}

// Reads `count` whole responses (1xx included) from a blocking socket; the server runs in its
// own thread, so waiting here does not stall it.
QList<QPair<int, QByteArray>> readResponses(QTcpSocket &socket, int count, int timeoutMs = 5000)
{
    QList<QPair<int, QByteArray>> responses;
    QByteArray buffer;
    QElapsedTimer clock;
    clock.start();
    while (responses.size() < count && clock.elapsed() < timeoutMs) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = buffer.first(headEnd);
            const int status = head.mid(9, 3).toInt();
            qint64 length = 0;
            for (const QByteArray &line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() >= headEnd + 4 + length) {
                responses.append({status, buffer.mid(headEnd + 4, length)});
                buffer.remove(0, headEnd + 4 + length);
                continue;
            }
        }
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(100) &&
            socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        buffer += socket.readAll();
    }
    return responses;
}

bool waitForClose(QTcpSocket &socket, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < timeoutMs) {
        socket.waitForReadyRead(50);
        socket.readAll();
    }
    return socket.state() != QAbstractSocket::ConnectedState;
}

} // namespace

class TestEdgeGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void transportRefusals_data();
    void transportRefusals();
    void connectionCloseIsHonoured_data();
    void connectionCloseIsHonoured();
    void keepAliveStaysOpen();
    void pipelinedRequestsAnsweredInOrder();
    void expectContinue();
    void expectContinueRefusedAtOnce();
    void hugeDeclaredBodiesCostNoMemory();
    void slowlorisDoesNotStarveValidWebhooks();
    void connectionCapAndIdleDeadline();
    void hostileConnectionsLeaveRoom_data();
    void hostileConnectionsLeaveRoom();
    void ambiguousRequestsGetOneAnswer_data();
    void ambiguousRequestsGetOneAnswer();

private:
    std::unique_ptr<ReceiverService> startService(const QString &name,
                                                  const std::function<void(Settings &)> &adjust)
    {
        Settings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = 0;
        settings.tokens = {token};
        settings.redis = m_redis.endpoint();
        settings.dataDir = m_dataDir.filePath(name);
        settings.dedupeWindowS = 0;
        settings.rateLimit = 0; // the rate limiter is not under test here
        adjust(settings);
        auto service = std::make_unique<ReceiverService>(settings);
        const QString error = service->start();
        if (!error.isEmpty()) {
            qWarning().noquote() << error;
            return nullptr;
        }
        return service;
    }
    static qint64 received(quint16 port)
    {
        return HttpClient::request(port, "GET", "/health")
            .json()
            .value(QLatin1String("webhooks_received"))
            .toInteger(-1);
    }
    static int postValid(quint16 port)
    {
        return HttpClient::request(port, "POST", "/webhook",
                                   QByteArrayLiteral("{\"Action\":\"PING\",\"Symbol\":\"OK\"}"),
                                   {{"X-Webhook-Token", token}})
            .status;
    }

    RedisServer m_redis;
    QTemporaryDir m_dataDir;
    std::unique_ptr<ReceiverService> m_service; // requestTimeoutS = 1
    quint16 m_port = 0;
};

void TestEdgeGuard::initTestCase()
{
    T6_START_REDIS(m_redis);
    m_service = startService(QStringLiteral("main"), [](Settings &s) {
        s.requestTimeoutS = 1;
        s.maxConnections = 1000;
    });
    QVERIFY(m_service);
    m_port = m_service->port();
}

void TestEdgeGuard::cleanupTestCase()
{
    if (m_service)
        m_service->stop(std::chrono::milliseconds(500));
}

void TestEdgeGuard::transportRefusals_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QList<int>>("statuses"); // empty: any status, but nothing accepted

    const QByteArray auth = "X-Webhook-Token: " + token + "\r\n";
    const QByteArray start = "POST /webhook HTTP/1.1\r\nHost: t6\r\n" + auth;
    QTest::newRow("Content-Length larger than the body")
        << QByteArray(start + "Content-Length: 100\r\n\r\n{\"a\":1}") << QList<int>{408};
    QTest::newRow("Content-Length over the cap")
        << QByteArray(start + "Content-Length: 70000\r\n\r\n") << QList<int>{413};
    QTest::newRow("chunked")
        << QByteArray(start + "Transfer-Encoding: chunked\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n")
        << QList<int>{411};
    QTest::newRow("header block over 16 KiB")
        << QByteArray(start + "X-Big: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n")
        << QList<int>{431};
    QByteArray many;
    for (int i = 0; i < 1000; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("1000 headers") << QByteArray(start + many + "Content-Length: 0\r\n\r\n")
                                  << QList<int>{431};
    QTest::newRow("request line of 100 KiB")
        << QByteArray("GET /" + QByteArray(100 * 1024, 'a') + " HTTP/1.1\r\nHost: t6\r\n\r\n")
        << QList<int>{414, 431};
    QTest::newRow("no Host header")
        << QByteArray("POST /webhook HTTP/1.1\r\n" + auth + "Content-Length: 2\r\n\r\n{}")
        << QList<int>{400};
    QTest::newRow("GET /webhook") << QByteArray("GET /webhook HTTP/1.1\r\nHost: t6\r\n" + auth +
                                                "\r\n")
                                  << QList<int>{404, 405};
    QTest::newRow("PUT /webhook")
        << QByteArray(start + "Content-Length: 2\r\n\r\n{}").replace(0, 5, "PUT ")
        << QList<int>{404, 405};
    QTest::newRow("unknown path") << QByteArray("POST /nothing-here HTTP/1.1\r\nHost: t6\r\n" +
                                                auth + "Content-Length: 2\r\n\r\n{}")
                                  << QList<int>{404};
    QTest::newRow("path traversal")
        << QByteArray("POST /webhook/../health HTTP/1.1\r\nHost: t6\r\n" + auth +
                      "Content-Length: 16\r\n\r\n{\"Action\":\"BUY\"}")
        << QList<int>{};
}

void TestEdgeGuard::transportRefusals()
{
    QFETCH(QByteArray, request);
    QFETCH(QList<int>, statuses);

    const qint64 before = received(m_port);
    QVERIFY(before >= 0);
    const HttpResponse response = HttpClient::raw(m_port, request);
    if (!statuses.isEmpty())
        QVERIFY2(statuses.contains(response.status),
                 qPrintable(QStringLiteral("status %1 %2")
                                .arg(response.status)
                                .arg(response.error + QString::fromLatin1(response.body))));
    QVERIFY(!response.json().contains(QLatin1String("trace_id")));
    QCOMPARE(received(m_port), before);
    // The service is unharmed.
    QCOMPARE(postValid(m_port), 200);
    QCOMPARE(received(m_port), before + 1);
}

void TestEdgeGuard::connectionCloseIsHonoured_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("HTTP/1.0") << webhookRequest({}, "1.0");
    QTest::newRow("Connection: close") << webhookRequest("Connection: close\r\n");
}

void TestEdgeGuard::connectionCloseIsHonoured()
{
    QFETCH(QByteArray, request);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(3000));
    socket.write(request);
    const auto responses = readResponses(socket, 1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.constFirst().first, 200);
    QVERIFY2(waitForClose(socket, 2000), "the server kept the connection open");
}

void TestEdgeGuard::keepAliveStaysOpen()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(3000));
    for (int i = 0; i < 3; ++i) {
        socket.write(webhookRequest());
        const auto responses = readResponses(socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.constFirst().first, 200);
    }
    QVERIFY(!waitForClose(socket, 300));
}

void TestEdgeGuard::pipelinedRequestsAnsweredInOrder()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(3000));
    // One write: all three arrive together; the webhooks are answered only after their journal
    // commit, so answering out of order would show.
    socket.write(webhookRequest() + "GET /health HTTP/1.1\r\nHost: t6\r\n\r\n" + webhookRequest() +
                 "GET /nothing HTTP/1.1\r\nHost: t6\r\n\r\n");
    const auto responses = readResponses(socket, 4);
    QCOMPARE(responses.size(), 4);
    QCOMPARE(responses.at(0).first, 200);
    QVERIFY(responses.at(0).second.contains("trace_id"));
    QCOMPARE(responses.at(1).first, 200);
    QVERIFY(responses.at(1).second.contains("webhooks_received"));
    QCOMPARE(responses.at(2).first, 200);
    QVERIFY(responses.at(2).second.contains("trace_id"));
    QVERIFY(responses.at(0).second != responses.at(2).second);
    QCOMPARE(responses.at(3).first, 404);
}

void TestEdgeGuard::expectContinue()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(3000));
    const QByteArray request = webhookRequest("Expect: 100-continue\r\n");
    const qsizetype headEnd = request.indexOf("\r\n\r\n") + 4;
    socket.write(request.first(headEnd));
    const auto interim = readResponses(socket, 1);
    QCOMPARE(interim.size(), 1);
    QCOMPARE(interim.constFirst().first, 100);
    socket.write(request.sliced(headEnd));
    const auto final = readResponses(socket, 1);
    QCOMPARE(final.size(), 1);
    QCOMPARE(final.constFirst().first, 200);
}

void TestEdgeGuard::expectContinueRefusedAtOnce()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(3000));
    socket.write("POST /webhook HTTP/1.1\r\nHost: t6\r\nExpect: 100-continue\r\n"
                 "Content-Length: 10000000\r\n\r\n");
    const auto responses = readResponses(socket, 1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.constFirst().first, 413);
}

void TestEdgeGuard::hugeDeclaredBodiesCostNoMemory()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer keeps freed memory in quarantine: RSS tells nothing here");
#endif
    const qint64 before = residentKiB();
    const QByteArray head = "POST /webhook HTTP/1.1\r\nHost: t6\r\nX-Webhook-Token: " + token +
                            "\r\nContent-Length: 209715200\r\n\r\n";
    const QByteArray chunk(64 * 1024, 'x');
    qint64 worst = 0;
    for (const int parallel : {1, 4}) {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < parallel; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket->waitForConnected(3000));
            socket->write(head);
            sockets.push_back(std::move(socket));
        }
        // Up to 16 MB each, interleaved, while the server refuses and drains.
        QList<QByteArray> answers(parallel);
        for (int round = 0; round < 256; ++round) {
            bool anyOpen = false;
            for (int i = 0; i < parallel; ++i) {
                QTcpSocket &socket = *sockets[i];
                if (socket.state() != QAbstractSocket::ConnectedState)
                    continue;
                anyOpen = true;
                socket.write(chunk);
                socket.waitForBytesWritten(1000);
                answers[i] += socket.readAll();
            }
            if (!anyOpen)
                break;
        }
        for (int i = 0; i < parallel; ++i) {
            QTcpSocket &socket = *sockets[i];
            while (!answers[i].contains("\r\n\r\n") && socket.waitForReadyRead(2000))
                answers[i] += socket.readAll();
            answers[i] += socket.readAll();
            QVERIFY2(answers[i].startsWith("HTTP/1.1 413"), answers[i].left(64).constData());
        }
        const qint64 growth = residentKiB() - before;
        qInfo("200 MB declared x %d: RSS growth %lld KiB", parallel, growth);
        worst = std::max(worst, growth);
    }
    QVERIFY2(worst < 5 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(worst)));
    QCOMPARE(postValid(m_port), 200);
}

void TestEdgeGuard::slowlorisDoesNotStarveValidWebhooks()
{
    auto service = startService(QStringLiteral("slowloris"), [](Settings &s) {
        s.requestTimeoutS = 2;
        s.maxConnections = 1000;
        s.maxConnectionsPerIp = 1000; // the request deadline is under test here, not the caps
    });
    QVERIFY(service);
    const quint16 port = service->port();
    constexpr int slowCount = 300;
    const QByteArray slowRequest = webhookRequest();
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < slowCount; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket->waitForConnected(3000));
        socket->write(slowRequest.first(1));
        slow.push_back(std::move(socket));
    }
    int sent = 1;
    QTimer drip;
    drip.setInterval(1000);
    connect(&drip, &QTimer::timeout, this, [&] {
        for (auto &socket : slow) {
            if (socket->state() == QAbstractSocket::ConnectedState)
                socket->write(slowRequest.mid(sent, 1));
        }
        ++sent;
    });
    drip.start();
    QTest::qWait(300);

    QElapsedTimer clock;
    clock.start();
    const int status = postValid(port);
    qInfo("valid webhook beside %d slowloris connections: %lld ms", slowCount, clock.elapsed());
    QCOMPARE(status, 200);
    int open = 0;
    for (auto &socket : slow)
        open += socket->state() == QAbstractSocket::ConnectedState;
    QCOMPARE(open, slowCount); // they were all still there

    // The request deadline (2 s) closes them all with 408.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(slow.begin(), slow.end(),
                                         [](const auto &socket) {
                                             return socket->state() !=
                                                    QAbstractSocket::ConnectedState;
                                         }),
                             8000);
    drip.stop();
    int timedOut = 0;
    for (auto &socket : slow)
        timedOut += socket->readAll().startsWith("HTTP/1.1 408");
    QCOMPARE(timedOut, slowCount);
    service->stop(std::chrono::milliseconds(500));
}

void TestEdgeGuard::connectionCapAndIdleDeadline()
{
    auto service = startService(QStringLiteral("cap"), [](Settings &s) {
        s.maxConnections = 20;
        s.idleTimeoutS = 1;
    });
    QVERIFY(service);
    const quint16 port = service->port();
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 25; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        // Addresses of their own: the per-address cap stays out of the way.
        QVERIFY(socket->bind(QHostAddress(QStringLiteral("127.0.0.%1").arg(10 + i)), 0));
        socket->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket->waitForConnected(3000));
        sockets.push_back(std::move(socket));
        QTest::qWait(5); // accepted in this order
    }
    // Past the cap, each newcomer took the place of the oldest idle connection: closed unanswered.
    for (int i = 0; i < 5; ++i) {
        QVERIFY2(waitForClose(*sockets[i], 3000),
                 qPrintable(QStringLiteral("connection %1 still open").arg(i)));
        QCOMPARE(sockets[i]->readAll(), QByteArray());
    }
    // The 20 others: nothing said to them, closed after the idle deadline (1 s).
    for (int i = 5; i < 25; ++i) {
        QVERIFY2(waitForClose(*sockets[i], 4000),
                 qPrintable(QStringLiteral("connection %1 still open").arg(i)));
        QCOMPARE(sockets[i]->readAll(), QByteArray());
    }
    QCOMPARE(postValid(port), 200);
    service->stop(std::chrono::milliseconds(500));
}

void TestEdgeGuard::hostileConnectionsLeaveRoom_data()
{
    QTest::addColumn<QByteArray>("opening"); // sent at once
    QTest::addColumn<QByteArray>("drip");    // sent every 200 ms while the test runs
    QTest::addColumn<bool>("spread");        // from many addresses, or all from one

    const QByteArray partial = "POST /webhook HTTP/1.1\r\nHo";
    for (const bool spread : {false, true}) {
        const char *from = spread ? ", many addresses" : ", one address";
        QTest::newRow(qPrintable(QStringLiteral("idle%1").arg(QLatin1String(from))))
            << QByteArray() << QByteArray() << spread;
        QTest::newRow(qPrintable(QStringLiteral("partial request%1").arg(QLatin1String(from))))
            << partial << QByteArray("s") << spread;
        QTest::newRow(qPrintable(QStringLiteral("empty lines%1").arg(QLatin1String(from))))
            << QByteArray("\r\n") << QByteArray("\r\n") << spread;
    }
}

void TestEdgeGuard::hostileConnectionsLeaveRoom()
{
    QFETCH(QByteArray, opening);
    QFETCH(QByteArray, drip);
    QFETCH(bool, spread);

    // Default caps and deadlines, as a trader runs it.
    auto service = startService(QStringLiteral("hostile"), [](Settings &) {});
    QVERIFY(service);
    const quint16 port = service->port();
    constexpr int hostileCount = 1000;
    std::vector<std::unique_ptr<QTcpSocket>> hostile;
    for (int i = 0; i < hostileCount; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        if (spread)
            QVERIFY(socket->bind(
                QHostAddress(QStringLiteral("127.0.%1.%2").arg(1 + i / 250).arg(2 + i % 250)), 0));
        socket->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket->waitForConnected(3000));
        if (!opening.isEmpty())
            socket->write(opening);
        hostile.push_back(std::move(socket));
    }
    QTimer dripTimer;
    dripTimer.setInterval(200);
    connect(&dripTimer, &QTimer::timeout, this, [&] {
        for (auto &socket : hostile) {
            if (!drip.isEmpty() && socket->state() == QAbstractSocket::ConnectedState)
                socket->write(drip);
        }
    });
    dripTimer.start();
    QTest::qWait(500);

    QList<qint64> elapsed;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(postValid(port), 200);
        elapsed.append(clock.elapsed());
        QTest::qWait(100);
    }
    dripTimer.stop();
    std::sort(elapsed.begin(), elapsed.end());
    qInfo("valid webhooks beside %d hostile connections: %lld ms median, %lld ms worst",
          hostileCount, elapsed.at(2), elapsed.last());
    service->stop(std::chrono::milliseconds(500));
}

void TestEdgeGuard::ambiguousRequestsGetOneAnswer_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    const QByteArray body = QByteArrayLiteral("{\"Action\":\"PING\",\"Symbol\":\"AMBIGUOUS\"}");
    const QByteArray start = "POST /webhook HTTP/1.1\r\nHost: t6\r\n";
    const QByteArray auth = "X-Webhook-Token: " + token + "\r\n";
    const QByteArray length = "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    const QByteArray smuggled = "GET /health HTTP/1.1\r\nHost: t6\r\n\r\n";
    // Each of these was read one way by the guard and another by Qt 6.4's parser.
    QTest::newRow("space before the colon smuggles a GET")
        << QByteArray(start + auth + "Content-Length : " + QByteArray::number(smuggled.size()) +
                      "\r\n\r\n" + smuggled)
        << 400;
    QTest::newRow("folded header line") << QByteArray(start + "X-Webhook-Token: " + token +
                                                      "\r\n folded\r\n" + length + "\r\n" + body)
                                        << 400;
    QTest::newRow("LF CR LF ends the head")
        << QByteArray(start + auth + length.chopped(2) + "\n\r\n" + body) << 400;
    QTest::newRow("a field name outside the token set hides the token")
        << QByteArray(start + auth + "X(Note): 1\r\n" + length + "\r\n" + body) << 400;
    QTest::newRow("websocket upgrade on the webhook route")
        << QByteArray(
               start + auth + length +
               "Connection: Upgrade\r\nUpgrade: websocket\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n" +
               body)
        << 400;
    QTest::newRow("two Content-Lengths")
        << QByteArray(start + auth + length + length + "\r\n" + body) << 400;
    QTest::newRow("wrong method") << QByteArray("PUT /webhook HTTP/1.1\r\nHost: t6\r\n" + auth +
                                                length + "\r\n" + body)
                                  << 405;
}

void TestEdgeGuard::ambiguousRequestsGetOneAnswer()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);

    const qint64 before = received(m_port);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(3000));
    socket.write(request);
    // Everything said on this connection until it closes: one answer, the refusal.
    const auto responses = readResponses(socket, 3, 3000);
    QVERIFY(!responses.isEmpty());
    QCOMPARE(responses.constFirst().first, status);
    QCOMPARE(responses.size(), 1);
    QVERIFY2(waitForClose(socket, 3000), "the connection stayed open after the refusal");
    QCOMPARE(received(m_port), before); // nothing accepted, nothing streamed
    QCOMPARE(postValid(m_port), 200);
}

QTEST_GUILESS_MAIN(TestEdgeGuard)
#include "tst_edgeguard.moc"
