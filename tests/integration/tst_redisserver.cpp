// The RedisServer fixture: the redis-server it starts never outlives the test process, however
// that process ends (an abort, a SIGKILL such as ctest's timeout, a qFatal). The test runs this
// same executable as a "victim" that starts a server, prints its pid and dies.
#include "support/ChildProcess.h"
#include "support/RedisServer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QTest>

#include <csignal>
#include <cstdio>

namespace {

const char *const victimVariable = "T6_REDISSERVER_VICTIM";

// True while `pid` is a live process (a zombie waiting to be reaped has already died).
bool isAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype afterName = line.lastIndexOf(')');
    return afterName > 0 && line.size() > afterName + 2 && line.at(afterName + 2) != 'Z';
}

int runVictim(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    RedisServer server;
    if (!server.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 3;
    }
    std::printf("%lld\n", static_cast<long long>(server.pid()));
    std::fflush(stdout);
    const QByteArray how = qgetenv(victimVariable);
    if (how == "abort")
        std::abort();
    if (how == "kill")
        ::raise(SIGKILL);
    if (how == "fatal")
        qFatal("the victim gives up");
    return 0; // "return": destructors run, the ordinary way
}

} // namespace

class TestRedisServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverDiesWithTheTestProcess_data();
    void serverDiesWithTheTestProcess();
};

void TestRedisServer::serverDiesWithTheTestProcess_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("return") << QStringLiteral("return");
    QTest::newRow("abort") << QStringLiteral("abort");
    QTest::newRow("SIGKILL") << QStringLiteral("kill");
    QTest::newRow("qFatal") << QStringLiteral("fatal");
}

void TestRedisServer::serverDiesWithTheTestProcess()
{
    QFETCH(QString, how);
    ChildProcess victim;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(victimVariable), how);
    victim.setProcessEnvironment(environment);
    victim.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(victim.waitForFinished(20000));
    const QByteArray output = victim.readAllStandardOutput().trimmed();
    bool ok = false;
    const qint64 pid = output.toLongLong(&ok);
    QVERIFY2(ok && pid > 0, victim.readAllStandardError().constData());

    QDeadlineTimer deadline(5000);
    while (isAlive(pid) && !deadline.hasExpired())
        QTest::qWait(20);
    if (isAlive(pid)) {
        ::kill(pid_t(pid), SIGKILL); // leave nothing behind, then fail
        QFAIL(qPrintable(QStringLiteral("redis-server %1 outlived its test process").arg(pid)));
    }
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(victimVariable))
        return runVictim(argc, argv);
    QCoreApplication app(argc, argv);
    TestRedisServer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_redisserver.moc"
