// EdgeGuard's connection slots, on a bare guard in front of a QHttpServer that answers "ok": slots
// cannot be hoarded (per-address cap, the oldest connection without a completed request makes
// room), the request deadline runs from the first byte (empty lines included), a connection's
// life is bounded, and addresses outside the allowlist are refused at accept.
#include "http/DescriptorLimit.h"
#include "http/EdgeGuard.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QMutex>
#include <QNetworkInterface>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

namespace {

using namespace std::chrono_literals;

// EdgeGuard + QHttpServer in a thread of their own, so the test can use blocking sockets.
class GuardedServer
{
public:
    explicit GuardedServer(EdgeGuard::Options options,
                           const QHostAddress &listenOn = QHostAddress::LocalHost)
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_context,
            [this, options, listenOn] {
                m_guard = new EdgeGuard(options);
                m_http = new QHttpServer(m_context); // bind() makes it the guard's parent
                m_http->route(QStringLiteral("/"), [] { return QStringLiteral("ok"); });
                QObject::connect(m_guard, &EdgeGuard::rejected, m_guard,
                                 [this](int status, const QString &reason, const QHostAddress &) {
                                     QMutexLocker lock(&m_mutex);
                                     m_rejections.append({status, reason});
                                 });
                if (m_guard->listen(listenOn, 0)) {
                    m_http->bind(m_guard);
                    m_port = m_guard->serverPort();
                }
            },
            Qt::BlockingQueuedConnection);
    }
    ~GuardedServer()
    {
        QMetaObject::invokeMethod(
            m_context,
            [this] {
                delete m_http; // and the guard with it
                m_context->deleteLater();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    QList<QPair<int, QString>> rejections() const
    {
        QMutexLocker lock(&m_mutex);
        return m_rejections;
    }
    int served() const
    {
        int count = 0;
        QMetaObject::invokeMethod(
            m_context, [this, &count] { count = m_guard->connectionCount(); },
            Qt::BlockingQueuedConnection);
        return count;
    }

private:
    QThread m_thread;
    QObject *m_context = nullptr;
    EdgeGuard *m_guard = nullptr;
    QHttpServer *m_http = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<QPair<int, QString>> m_rejections;
};

EdgeGuard::Options smallOptions()
{
    EdgeGuard::Options options;
    options.maxConnections = 20;
    options.maxConnectionsPerAddress = 8;
    options.requestTimeout = 1s;
    options.idleTimeout = 30s;
    return options;
}

std::unique_ptr<QTcpSocket> connectFrom(const QHostAddress &from, const QHostAddress &to,
                                        quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    if (!from.isNull() && !socket->bind(from, 0))
        return nullptr;
    socket->connectToHost(to, port);
    if (!socket->waitForConnected(3000))
        return nullptr;
    return socket;
}

std::unique_ptr<QTcpSocket> connectTo(quint16 port, const QHostAddress &from = {})
{
    return connectFrom(from, QHostAddress::LocalHost, port);
}

// Everything the server sends until it closes the connection (or `timeoutMs` passes).
QByteArray readUntilClosed(QTcpSocket &socket, int timeoutMs)
{
    QByteArray all;
    QDeadlineTimer deadline(timeoutMs);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(50);
        all += socket.readAll();
    }
    return all + socket.readAll();
}

bool isClosed(QTcpSocket &socket, int waitMs)
{
    readUntilClosed(socket, waitMs);
    return socket.state() != QAbstractSocket::ConnectedState;
}

QByteArray get()
{
    return QByteArrayLiteral("GET / HTTP/1.1\r\nHost: t6\r\n\r\n");
}

// Sends a GET on `socket` and returns the status of the answer (0: none within 3 s).
int status(QTcpSocket &socket)
{
    socket.write(get());
    QByteArray answer;
    QDeadlineTimer deadline(3000);
    while (!answer.contains("\r\n\r\n") && !deadline.hasExpired()) {
        socket.waitForReadyRead(50);
        answer += socket.readAll();
    }
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
}

QHostAddress loopback(int last)
{
    return QHostAddress(QStringLiteral("127.0.0.%1").arg(last));
}

} // namespace

class TestEdgeSlots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneAddressCannotTakeEverySlot();
    void theOldestWithoutARequestMakesRoom();
    void aConnectionAtWorkIsKept();
    void emptyLinesStartTheRequestDeadline();
    void emptyLinesInsteadOfARequestAreRefused();
    void aConnectionsLifeIsBounded();
    void outsideTheAllowlistIsRefusedAtAccept();
    void descriptorLimit();
};

void TestEdgeSlots::oneAddressCannotTakeEverySlot()
{
    GuardedServer server(smallOptions());
    QVERIFY(server.port());
    // More idle connections from one address than its cap: each newcomer replaces the oldest.
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 30; ++i) {
        idle.push_back(connectTo(server.port()));
        QVERIFY(idle.back());
    }
    QTRY_VERIFY(server.served() <= 8);
    // Another address is not affected, and the hoarding one still gets served.
    auto other = connectTo(server.port(), loopback(2));
    QVERIFY(other);
    QCOMPARE(status(*other), 200);
    auto again = connectTo(server.port());
    QVERIFY(again);
    QCOMPARE(status(*again), 200);
    int open = 0;
    for (auto &socket : idle)
        open += !isClosed(*socket, 20);
    QVERIFY2(open <= 7, qPrintable(QString::number(open)));
}

void TestEdgeSlots::theOldestWithoutARequestMakesRoom()
{
    GuardedServer server(smallOptions());
    // 20 addresses, one connection each: the guard is full.
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 20; ++i) {
        held.push_back(connectTo(server.port(), loopback(10 + i)));
        QVERIFY(held.back());
        QTest::qWait(2); // accepted in this order
    }
    QTRY_COMPARE(server.served(), 20);
    auto newcomer = connectTo(server.port(), loopback(100));
    QVERIFY(newcomer);
    QCOMPARE(status(*newcomer), 200);
    QVERIFY2(isClosed(*held.front(), 2000), "the oldest idle connection is still open");
    QCOMPARE(held.front()->readAll(), QByteArray()); // closed, not answered
    for (size_t i = 1; i < held.size(); ++i)
        QVERIFY2(!isClosed(*held[i], 10), qPrintable(QString::number(i)));
    bool evictionSeen = false;
    for (const auto &[status, reason] : server.rejections())
        evictionSeen |= status == 503 && reason.contains(QLatin1String("Evicted"));
    QVERIFY(evictionSeen);
}

void TestEdgeSlots::aConnectionAtWorkIsKept()
{
    EdgeGuard::Options options = smallOptions();
    options.maxConnections = 3;
    GuardedServer server(options);
    auto first = connectTo(server.port(), loopback(2));
    QTest::qWait(5);
    auto second = connectTo(server.port(), loopback(3));
    QTest::qWait(5);
    auto third = connectTo(server.port(), loopback(4));
    QTest::qWait(5);
    QVERIFY(first && second && third);
    QCOMPARE(status(*second), 200); // the second completed a request: it is the newest now
    auto fourth = connectTo(server.port(), loopback(5));
    QVERIFY(fourth);
    QCOMPARE(status(*fourth), 200);
    QVERIFY(isClosed(*first, 2000));
    auto fifth = connectTo(server.port(), loopback(6));
    QVERIFY(fifth);
    QCOMPARE(status(*fifth), 200);
    QVERIFY(isClosed(*third, 2000));
    QCOMPARE(status(*second), 200);
}

void TestEdgeSlots::emptyLinesStartTheRequestDeadline()
{
    GuardedServer server(smallOptions()); // request deadline 1 s, idle 30 s
    auto socket = connectTo(server.port());
    QVERIFY(socket);
    socket->write("\r\n");
    const QByteArray answer = readUntilClosed(*socket, 4000);
    QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
}

void TestEdgeSlots::emptyLinesInsteadOfARequestAreRefused()
{
    GuardedServer server(smallOptions());
    auto socket = connectTo(server.port());
    QVERIFY(socket);
    socket->write("\r\n\r\n\r\n");
    const QByteArray answer = readUntilClosed(*socket, 3000);
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
}

void TestEdgeSlots::aConnectionsLifeIsBounded()
{
    EdgeGuard::Options options = smallOptions();
    options.maxConnectionAge = 1500ms;
    GuardedServer server(options);
    auto socket = connectTo(server.port());
    QVERIFY(socket);
    // A client that keeps asking is served, then closed between two requests once too old.
    int answered = 0;
    QDeadlineTimer deadline(6000);
    while (socket->state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (status(*socket) == 200)
            ++answered;
        QTest::qWait(100);
    }
    QVERIFY2(socket->state() != QAbstractSocket::ConnectedState, "still open after 6 s");
    QVERIFY(answered >= 5);
}

void TestEdgeSlots::outsideTheAllowlistIsRefusedAtAccept()
{
    QHostAddress own;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            own = address;
    }
    if (own.isNull())
        QSKIP("this machine has no non-loopback IPv4 address to connect from");
    EdgeGuard::Options options = smallOptions();
    options.allowed = *IpAllowlist::parse({QStringLiteral("198.51.100.0/24")});
    GuardedServer server(options, QHostAddress::AnyIPv4);
    auto socket = connectFrom(own, own, server.port());
    QVERIFY(socket);
    // Refused before it says anything: it holds no slot.
    const QByteArray answer = readUntilClosed(*socket, 3000);
    QVERIFY2(answer.startsWith("HTTP/1.1 403"), answer.constData());
    QCOMPARE(server.served(), 0);
    // Loopback passes the accept check (the routes judge its requests).
    auto local = connectTo(server.port());
    QVERIFY(local);
    QCOMPARE(status(*local), 200);
}

void TestEdgeSlots::descriptorLimit()
{
    const long limit = DescriptorLimit::raise();
    QVERIFY(limit > 0);
    QCOMPARE(DescriptorLimit::raise(), limit); // already at the hard limit
    QCOMPARE(DescriptorLimit::connectionsThatFit(256, 100000), 256);
    QCOMPARE(DescriptorLimit::connectionsThatFit(256, 128), 64);
    QCOMPARE(DescriptorLimit::connectionsThatFit(256, 10), 1);
    QCOMPARE(DescriptorLimit::connectionsThatFit(256, -1), 256);
}

QTEST_GUILESS_MAIN(TestEdgeSlots)
#include "tst_edgeslots.moc"
