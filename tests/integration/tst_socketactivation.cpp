// The built terminal6 under a supervisor that does what systemd does for terminal6.socket and
// Type=notify, without systemd: this test holds the listening socket, hands it over as
// descriptor 3 with LISTEN_FDS/LISTEN_PID, reads the notify socket, and restarts the process
// after a SIGKILL. While the process is down, connections wait in the socket's backlog.
#include "receiver/ReceiverService.h"
#include "support/ChildProcess.h"
#include "support/HttpClient.h"
#include "support/OpenLoopLoad.h"
#include "support/RedisServer.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

const QByteArray token = QByteArrayLiteral("socket-activation-token");

// A listening TCP socket on a kernel-chosen port, as terminal6.socket's ListenStream= makes.
struct HeldSocket {
    int fd = -1;
    quint16 port = 0;

    explicit HeldSocket(const char *address)
    {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in in{};
        in.sin_family = AF_INET;
        ::inet_pton(AF_INET, address, &in.sin_addr);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&in), sizeof in) != 0 || ::listen(fd, 4096))
            return;
        socklen_t length = sizeof in;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&in), &length);
        port = ntohs(in.sin_port);
    }
    ~HeldSocket() { ::close(fd); }
};

// The notify socket systemd gives a Type=notify service (NOTIFY_SOCKET).
struct NotifySocket {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("notify"));
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    NotifySocket()
    {
        sockaddr_un un{};
        un.sun_family = AF_UNIX;
        qstrncpy(un.sun_path, path.toLocal8Bit().constData(), sizeof un.sun_path);
        ::bind(fd, reinterpret_cast<sockaddr *>(&un), sizeof un);
    }
    ~NotifySocket() { ::close(fd); }

    // The next datagram, empty when none came within timeoutMs.
    QByteArray next(int timeoutMs)
    {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) != 1)
            return {};
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        return n > 0 ? QByteArray(buffer, n) : QByteArray();
    }

    // Datagrams until one holds `text` (true) or the time runs out; all seen go to `seen`.
    bool waitFor(const QByteArray &text, int timeoutMs, QByteArrayList *seen = nullptr)
    {
        for (QDeadlineTimer deadline(timeoutMs); !deadline.hasExpired();) {
            const QByteArray datagram = next(int(std::max<qint64>(1, deadline.remainingTime())));
            if (seen && !datagram.isEmpty())
                seen->append(datagram);
            if (datagram.contains(text))
                return true;
        }
        return false;
    }
};

} // namespace

class TestSocketActivation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void takesTheSocketItIsGiven();
    void refusesAPublicSocketWithoutAToken();
    void refusesWhatIsNotAListeningSocket();
    void tellsTheServiceManagerItsState();
    void noConnectionRefusedWhileItRestarts();
    void theSettingsCannotMoveAHandedOverSocket();

private:
    // terminal6 --headless with `socket` as descriptor 3, through `sh -c 'exec'` so that
    // LISTEN_PID is the pid terminal6 runs as.
    void start(ChildProcess &process, int socket, const QProcessEnvironment &extra = {},
               bool withToken = true);
    bool waitForHealth(quint16 port, int timeoutMs = 10000);

    RedisServer m_redis;
    QTemporaryDir m_dataDir;
};

void TestSocketActivation::initTestCase()
{
    T6_START_REDIS(m_redis);
}

void TestSocketActivation::start(ChildProcess &process, int socket,
                                 const QProcessEnvironment &extra, bool withToken)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (withToken)
        environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    environment.insert(QStringLiteral("REDIS_PORT"), QString::number(m_redis.port()));
    for (const QString &name : extra.keys())
        environment.insert(name, extra.value(name));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.passDescriptor(socket);
    process.start(
        QStringLiteral("/bin/sh"),
        {QStringLiteral("-c"), QStringLiteral("LISTEN_PID=$$ LISTEN_FDS=1 exec \"$0\" \"$@\""),
         qEnvironmentVariable("T6_BINARY"), QStringLiteral("--headless"),
         QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--dedupe-window"),
         QStringLiteral("0"), QStringLiteral("--require-listener"), QStringLiteral("false")});
}

bool TestSocketActivation::waitForHealth(quint16 port, int timeoutMs)
{
    for (QDeadlineTimer deadline(timeoutMs); !deadline.hasExpired(); QTest::qWait(50)) {
        if (HttpClient::request(port, "GET", "/health", {}, {}, 500).status == 200)
            return true;
    }
    return false;
}

void TestSocketActivation::takesTheSocketItIsGiven()
{
    HeldSocket socket("127.0.0.1");
    QVERIFY(socket.port != 0);
    ChildProcess process;
    start(process, socket.fd);
    QVERIFY(process.waitForOutput(
        "listening on http://127.0.0.1:" + QByteArray::number(socket.port) + "/webhook"));
    const HttpResponse posted = HttpClient::request(
        socket.port, "POST", "/webhook", R"({"Symbol":"BTCUSDT"})", {{"X-Webhook-Token", token}});
    QCOMPARE(posted.status, 200);
    // The default port (8888) was not taken instead.
    QVERIFY(!process.readAll().contains("8888"));
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    // The socket is still ours, listening: a connection waits in its backlog.
    QTcpSocket waiting;
    waiting.connectToHost(QHostAddress::LocalHost, socket.port);
    QVERIFY(waiting.waitForConnected(2000));
}

void TestSocketActivation::refusesAPublicSocketWithoutAToken()
{
    HeldSocket socket("0.0.0.0");
    QVERIFY(socket.port != 0);
    ChildProcess process;
    start(process, socket.fd, {}, false);
    QVERIFY(process.waitForFinished(10000));
    QVERIFY(process.exitCode() != 0);
    const QByteArray output = process.readAll();
    QVERIFY2(output.contains("no token is set"), output.constData());
}

void TestSocketActivation::refusesWhatIsNotAListeningSocket()
{
    // A socket that was never listening: a mistake in the unit, said at once (exit status 2).
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ChildProcess process;
    start(process, fd);
    QVERIFY(process.waitForFinished(10000));
    ::close(fd);
    QCOMPARE(process.exitCode(), 2);
    const QByteArray output = process.readAll();
    QVERIFY2(output.contains("LISTEN_FDS: descriptor 3 is not listening"), output.constData());
}

void TestSocketActivation::tellsTheServiceManagerItsState()
{
    HeldSocket socket("127.0.0.1");
    NotifySocket notify;
    QProcessEnvironment extra;
    extra.insert(QStringLiteral("NOTIFY_SOCKET"), notify.path);
    extra.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("400000")); // WatchdogSec=0.4
    ChildProcess process;
    start(process, socket.fd, extra);

    QByteArrayList seen;
    QVERIFY2(notify.waitFor("READY=1", 10000, &seen), seen.join(" | ").constData());
    // Ready means ready: the first request after READY=1 is answered.
    QCOMPARE(HttpClient::request(socket.port, "POST", "/webhook", R"({"Symbol":"ETHUSDT"})",
                                 {{"X-Webhook-Token", token}})
                 .status,
             200);
    QVERIFY(seen.last().contains("STATUS=listening on http://127.0.0.1:"));
    // WATCHDOG=1 at half the interval systemd asks for: at least 5 in 1.5 s.
    seen.clear();
    QElapsedTimer clock;
    clock.start();
    int pings = 0;
    while (clock.elapsed() < 1500) {
        const QByteArray datagram = notify.next(100);
        pings += datagram == "WATCHDOG=1";
        if (!datagram.isEmpty())
            seen.append(datagram);
    }
    QVERIFY2(pings >= 5, seen.join(" | ").constData());
    // The counts, as `systemctl status` shows them.
    bool counted = false;
    for (const QByteArray &datagram : std::as_const(seen))
        counted = counted || datagram.startsWith("STATUS=1 received, 0 refused");
    QVERIFY2(counted, seen.join(" | ").constData());
    // Stopped by a signal stops the pings with STOPPING=1 first.
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(notify.waitFor("STOPPING=1", 10000));
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

void TestSocketActivation::noConnectionRefusedWhileItRestarts()
{
    // 500 webhooks/s, each on a new connection (as TradingView sends them), while the process
    // is SIGKILLed and restarted three times. Refused: none. Every acknowledged webhook in the
    // stream, once.
    HeldSocket socket("127.0.0.1");
    m_redis.run({"DEL", "webhook_raw:stream"});
    auto process = std::make_unique<ChildProcess>();
    start(*process, socket.fd);
    QVERIFY(waitForHealth(socket.port));

    constexpr int senders = 10;
    OpenLoopLoad load({socket.port, token, senders, 50});
    load.start();
    const auto ackedCount = [&load] { return load.acknowledged(); };

    QList<qint64> downMs;
    for (int round = 0; round < 3; ++round) {
        const qsizetype before = ackedCount();
        QTRY_VERIFY_WITH_TIMEOUT(ackedCount() >= before + 500, 20000);
        QElapsedTimer down;
        down.start();
        qInfo("SIGKILL at %lld ms", load.elapsedMs());
        ::kill(pid_t(process->processId()), SIGKILL);
        QVERIFY(process->waitForFinished(5000));
        QCOMPARE(process->exitStatus(), QProcess::CrashExit);
        // Restart=on-failure: a new process on the same socket and data folder.
        process = std::make_unique<ChildProcess>();
        start(*process, socket.fd);
        QVERIFY(waitForHealth(socket.port));
        downMs.append(down.elapsed());
    }
    const qsizetype before = ackedCount();
    QTRY_VERIFY_WITH_TIMEOUT(ackedCount() >= before + 500, 20000);
    load.stop();
    const auto [sent, acked, bodies, refused, failures, longestMs] = load.result();

    QTRY_COMPARE_WITH_TIMEOUT(HttpClient::request(socket.port, "GET", "/health")
                                  .json()
                                  .value(QLatin1String("pending"))
                                  .toInteger(),
                              0, 15000);
    const auto [lost, twice, entries] = m_redis.tallyStream(acked);
    qInfo("sent %d, acknowledged %lld, refused %d, other failures %lld, in the stream %lld, "
          "lost %d, twice %d, down %lld / %lld / %lld ms, longest request %lld ms",
          sent, qint64(acked.size()), refused, qint64(failures.size()), qint64(entries), lost,
          twice, downMs.value(0), downMs.value(1), downMs.value(2), longestMs);
    for (const QString &failure : std::as_const(failures))
        qInfo("failure: %s", qPrintable(failure));
    QCOMPARE(refused, 0);
    QCOMPARE(lost, 0);
    QCOMPARE(twice, 0);
    // A request the killed process had taken but not answered yet dies with it (the client sees
    // the connection close): at most one per sender per kill.
    QVERIFY2(failures.size() <= 3 * senders, qPrintable(failures.join(QLatin1String("; "))));

    ::kill(pid_t(process->processId()), SIGTERM);
    QVERIFY(process->waitForFinished(10000));
    QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
             process->readAll().right(3000).constData());
}

void TestSocketActivation::theSettingsCannotMoveAHandedOverSocket()
{
    // In-process (the window's settings dialog ends in rebind()): another port would be a
    // socket of our own, which systemd knows nothing of; the dialog says where to change it.
    HeldSocket socket("127.0.0.1");
    Settings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = socket.port;
    settings.tokens = {token};
    settings.redis = m_redis.endpoint();
    QTemporaryDir dataDir;
    settings.dataDir = dataDir.path();
    settings.listenSocket.descriptor = ::dup(socket.fd); // the receiver closes its copy
    settings.listenSocket.address = QHostAddress(QHostAddress::LocalHost);
    settings.listenSocket.port = socket.port;
    ReceiverService service(settings);
    QCOMPARE(service.start(), QString());
    QCOMPARE(service.port(), socket.port);
    Settings moved = settings;
    moved.port = quint16(socket.port + 1);
    QVERIFY(service.rebind(moved).contains(QLatin1String("terminal6.socket")));
    // Still answering on the socket it was given.
    QCOMPARE(HttpClient::request(socket.port, "POST", "/webhook", R"({"Symbol":"BTCUSDT"})",
                                 {{"X-Webhook-Token", token}})
                 .status,
             200);
    service.stop(std::chrono::milliseconds(500));
}

QTEST_GUILESS_MAIN(TestSocketActivation)
#include "tst_socketactivation.moc"
