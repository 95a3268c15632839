#include "redis/EmbeddedRedis.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <hiredis/hiredis.h>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

constexpr quint16 DefaultPort = 6379;

QByteArray generatedPassword()
{
    quint32 words[6];
    QRandomGenerator::system()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // closed on return: free for redis-server a moment later
}

// redis.conf quotes like a shell: a path with a space stays one argument.
QByteArray quoted(const QString &text)
{
    QByteArray out = text.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

} // namespace

EmbeddedRedis::~EmbeddedRedis()
{
    stop();
}

bool EmbeddedRedis::wanted(const RedisEndpoint &redis, QString *why)
{
    auto say = [why](const QString &text) {
        if (why)
            *why = text;
    };
    // A Redis that was named is the system's: when it is down, that is shown, not papered over
    // by another one nobody else reads.
    const bool defaultAddress =
        (redis.host == QLatin1String("127.0.0.1") || redis.host == QLatin1String("localhost")) &&
        redis.port == DefaultPort && redis.password.isEmpty() && redis.user.isEmpty() &&
        redis.db == 0;
    if (!defaultAddress || redis.usesSentinel()) {
        say(QStringLiteral("a Redis address is set"));
        return false;
    }
    QTcpSocket probe;
    probe.connectToHost(QHostAddress(QHostAddress::LocalHost), DefaultPort);
    if (probe.waitForConnected(300)) {
        say(QStringLiteral("a Redis answers at 127.0.0.1:6379"));
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("redis-server")).isEmpty()) {
        say(QStringLiteral("no Redis at 127.0.0.1:6379 and redis-server is not installed"));
        return false;
    }
    say(QStringLiteral("no Redis at 127.0.0.1:6379"));
    return true;
}

QString EmbeddedRedis::start(const QString &dataDir)
{
    stop();
    m_folder = QDir(dataDir).filePath(QStringLiteral("redis"));
    if (!QDir().mkpath(m_folder))
        return QStringLiteral("embedded Redis: cannot create %1").arg(m_folder);
    QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_endpoint = RedisEndpoint();
    m_endpoint.port = freeLoopbackPort();
    m_endpoint.password = generatedPassword();
    m_endpoint.embedded = true;
    if (m_endpoint.port == 0)
        return QStringLiteral("embedded Redis: no free port on 127.0.0.1");

    // The password goes in a file only we can read, not on the command line (`ps` shows that).
    QFile config(QDir(m_folder).filePath(QStringLiteral("redis.conf")));
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !config.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return QStringLiteral("embedded Redis: cannot write %1").arg(config.fileName());
    config.write("# Written by Terminal 6 at each start; the password changes every time.\n"
                 "bind 127.0.0.1\nprotected-mode yes\nport " +
                 QByteArray::number(m_endpoint.port) + "\nrequirepass " + m_endpoint.password +
                 "\ndir " + quoted(m_folder) +
                 "\nappendonly yes\nappendfsync everysec\nsave \"\"\ndaemonize no\n"
                 "logfile " +
                 quoted(QDir(m_folder).filePath(QStringLiteral("redis.log"))) + '\n');
    config.close();

    m_process = std::make_unique<QProcess>();
    m_process->setWorkingDirectory(m_folder);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    const pid_t parent = ::getpid();
    m_process->setChildProcessModifier([parent] {
        // It dies with us, even when we are SIGKILLed (and we may have died before this line).
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(1);
    });
    m_process->start(QStandardPaths::findExecutable(QStringLiteral("redis-server")),
                     {config.fileName()});
    if (!m_process->waitForStarted(5000)) {
        const QString error = m_process->errorString();
        m_process.reset();
        return QStringLiteral("embedded Redis did not start: %1").arg(error);
    }
    QElapsedTimer waited;
    waited.start();
    while (!answers()) {
        if (m_process->state() != QProcess::Running || waited.elapsed() > 5000) {
            stop();
            return QStringLiteral("embedded Redis did not answer (see %1)")
                .arg(QDir(m_folder).filePath(QStringLiteral("redis.log")));
        }
        QThread::msleep(20);
    }
    return {};
}

bool EmbeddedRedis::answers() const
{
    const timeval timeout{0, 300'000};
    redisContext *context = redisConnectWithTimeout("127.0.0.1", m_endpoint.port, timeout);
    bool ok = false;
    if (context && !context->err) {
        redisSetTimeout(context, timeout);
        auto *auth = static_cast<redisReply *>(redisCommand(context, "AUTH %b",
                                                            m_endpoint.password.constData(),
                                                            size_t(m_endpoint.password.size())));
        ok = auth && auth->type == REDIS_REPLY_STATUS;
        if (auth)
            freeReplyObject(auth);
        if (ok) {
            // LOADING (an AOF being read) answers PING with an error: not ready yet.
            auto *pong = static_cast<redisReply *>(redisCommand(context, "PING"));
            ok = pong && pong->type == REDIS_REPLY_STATUS;
            if (pong)
                freeReplyObject(pong);
        }
    }
    if (context)
        redisFree(context);
    return ok;
}

void EmbeddedRedis::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        // SIGTERM is SHUTDOWN for redis-server: the append-only file is written out first.
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
    }
    m_process.reset();
}

bool EmbeddedRedis::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 EmbeddedRedis::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}
