// The embedded Redis of the real terminal6 binary, started with nothing configured (as from the
// menu entry): it starts its own redis-server on loopback with a generated password kept out of
// `ps`, forwards into it, says "embedded" in /health, keeps the stream in its data folder across
// a restart, and leaves no redis-server behind when it quits or is killed.
#include "redis/RedisConnection.h"
#include "support/ChildProcess.h"
#include "support/HttpClient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray token = QByteArrayLiteral("embedded-redis-token-c0de");

// Running, not a zombie waiting for whoever adopted it to reap it.
bool alive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2, 1) != "Z";
}
} // namespace

class TestEmbeddedRedis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsServesAndStopsWithTheApp();
    void keepsTheStreamAcrossRestarts();
    void diesWhenTheAppIsKilled();

private:
    struct Started {
        quint16 redisPort = 0;
        qint64 redisPid = 0;
        QByteArray password;
    };
    // Starts terminal6 --headless with no Redis setting at all, and reads what it started.
    Started start(ChildProcess &process);
    qint64 xlen(const Started &redis);

    QTemporaryDir m_home;
    quint16 m_port = 0;
};

void TestEmbeddedRedis::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("T6_BINARY")), "T6_BINARY names terminal6");
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, 6379);
    if (probe.waitForConnected(300))
        QSKIP("a Redis runs at 127.0.0.1:6379: Terminal 6 uses it and embeds none");
}

TestEmbeddedRedis::Started TestEmbeddedRedis::start(ChildProcess &process)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys())
        if (name.startsWith(QLatin1String("REDIS_")) || name.startsWith(QLatin1String("T6_")))
            environment.remove(name);
    environment.insert(QStringLiteral("T6_EMBEDDED_REDIS"), QStringLiteral("auto"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(token));
    if (m_port == 0) {
        QTcpServer free;
        free.listen(QHostAddress::LocalHost);
        m_port = free.serverPort();
    }
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(qEnvironmentVariable("T6_BINARY"),
                  {QStringLiteral("--headless"), QStringLiteral("--host"),
                   QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(m_port),
                   QStringLiteral("--data-dir"), m_home.filePath(QStringLiteral("data"))});
    Started started;
    if (!process.waitForStarted(5000) || !process.waitForOutput("listening on", 15000))
        return started;
    const QString output = QString::fromUtf8(process.peek(1 << 20));
    const QRegularExpressionMatch match =
        QRegularExpression(
            QStringLiteral("embedded Redis started on 127.0.0.1:(\\d+) \\(pid (\\d+)"))
            .match(output);
    if (!match.hasMatch()) {
        qWarning().noquote() << output;
        return started;
    }
    started.redisPort = quint16(match.captured(1).toUInt());
    started.redisPid = match.captured(2).toLongLong();
    QFile config(m_home.filePath(QStringLiteral("data/redis/redis.conf")));
    if (config.open(QIODevice::ReadOnly))
        for (const QByteArray &line : config.readAll().split('\n'))
            if (line.startsWith("requirepass "))
                started.password = line.mid(12).trimmed();
    return started;
}

qint64 TestEmbeddedRedis::xlen(const Started &redis)
{
    RedisEndpoint endpoint;
    endpoint.port = redis.redisPort;
    endpoint.password = redis.password;
    RedisConnection link(endpoint);
    link.open();
    if (!QTest::qWaitFor([&] { return link.state() == ConnectionState::Connected; }, 5000))
        return -1;
    qint64 length = -1;
    link.command({"XLEN", "webhook_raw:stream"},
                 [&length](const RedisReply &reply) { length = reply.integer; });
    QTest::qWaitFor([&] { return length >= 0; }, 5000);
    return length;
}

void TestEmbeddedRedis::startsServesAndStopsWithTheApp()
{
    ChildProcess terminal6;
    const Started redis = start(terminal6);
    QVERIFY(redis.redisPort != 0);
    QVERIFY(alive(redis.redisPid));
    QVERIFY2(redis.password.size() >= 32, "a generated password");
    // The password is in a file only this user reads, not on redis-server's command line.
    QCOMPARE(QFileInfo(m_home.filePath(QStringLiteral("data/redis/redis.conf"))).permissions() &
                 0x7777,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(redis.redisPid));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    QVERIFY(!cmdline.readAll().contains(redis.password));

    QTRY_COMPARE(HttpClient::request(m_port, "GET", "/health")
                     .json()
                     .value(QLatin1String("redis"))
                     .toString(),
                 QStringLiteral("ok"));
    QCOMPARE(HttpClient::request(m_port, "GET", "/health")
                 .json()
                 .value(QLatin1String("redis_embedded"))
                 .toBool(),
             true);
    const HttpResponse posted =
        HttpClient::request(m_port, "POST", "/webhook", R"({"Symbol":"BTCUSDT","Action":"PING"})",
                            {{"X-Webhook-Token", token}});
    QCOMPARE(posted.status, 200);
    QTRY_COMPARE(xlen(redis), qint64(1));
    QVERIFY(QFileInfo(m_home.filePath(QStringLiteral("data/redis/appendonlydir"))).isDir());

    terminal6.terminate();
    QVERIFY(terminal6.waitForFinished(10000));
    QCOMPARE(terminal6.exitCode(), 0);
    QVERIFY(terminal6.readAll().contains("embedded Redis stopped"));
    QTRY_VERIFY(!alive(redis.redisPid));
}

void TestEmbeddedRedis::keepsTheStreamAcrossRestarts()
{
    ChildProcess terminal6;
    const Started redis = start(terminal6);
    QVERIFY(redis.redisPort != 0);
    // A new port and password each start; the stream came back from the append-only file.
    QTRY_COMPARE(xlen(redis), qint64(1));
    terminal6.terminate();
    QVERIFY(terminal6.waitForFinished(10000));
    QTRY_VERIFY(!alive(redis.redisPid));
}

void TestEmbeddedRedis::diesWhenTheAppIsKilled()
{
    ChildProcess terminal6;
    const Started redis = start(terminal6);
    QVERIFY(alive(redis.redisPid));
    terminal6.kill(); // SIGKILL: no destructor runs
    QVERIFY(terminal6.waitForFinished(5000));
    QTRY_VERIFY_WITH_TIMEOUT(!alive(redis.redisPid), 10000);
}

QTEST_MAIN(TestEmbeddedRedis)
#include "tst_embeddedredis.moc"
