#include "support/RedisServer.h"

#include "support/ChildProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <hiredis/hiredis.h>

#include <csignal>
#include <vector>

namespace {

struct ContextDeleter {
    void operator()(redisContext *context) const { redisFree(context); }
};
struct ReplyDeleter {
    void operator()(redisReply *reply) const { freeReplyObject(reply); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

RedisReply disconnectedReply(const QByteArray &why)
{
    RedisReply reply = RedisReply::fromHiredis(nullptr);
    reply.string = why;
    return reply;
}

RedisReply runOn(redisContext *context, const QList<QByteArray> &argv)
{
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    for (const QByteArray &arg : argv) {
        args.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    ReplyPtr reply(static_cast<redisReply *>(
        redisCommandArgv(context, int(args.size()), args.data(), lengths.data())));
    if (!reply)
        return disconnectedReply(QByteArray(context->errstr));
    return RedisReply::fromHiredis(reply.get());
}

} // namespace

RedisServer::RedisServer(QStringList extraArgs)
    : m_port(freePort())
{
    setExtraArgs(std::move(extraArgs));
}

void RedisServer::setExtraArgs(QStringList extraArgs)
{
    m_extraArgs = std::move(extraArgs);
    m_password.clear();
    const qsizetype at = m_extraArgs.indexOf(QStringLiteral("--requirepass"));
    if (at >= 0 && at + 1 < m_extraArgs.size())
        m_password = m_extraArgs.at(at + 1).toUtf8();
}

RedisServer::~RedisServer()
{
    stop(StopSignal::Kill);
}

quint16 RedisServer::freePort()
{
    // The kernel picks a free port for a listener on port 0; closing it leaves the port free
    // for redis-server a moment later.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

bool RedisServer::start()
{
    if (isRunning())
        return true;
    m_error.clear();
    const QString program = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (program.isEmpty()) {
        m_error =
            QStringLiteral("redis-server not found on PATH (Debian: apt install redis-server)");
        return false;
    }
    if (m_port == 0 || !m_dir.isValid()) {
        m_error = QStringLiteral("no free port or temporary directory for redis-server");
        return false;
    }

    QStringList args{
        QStringLiteral("--port"),       QString::number(m_port),  QStringLiteral("--bind"),
        QStringLiteral("127.0.0.1"),    QStringLiteral("--save"), QString(),
        QStringLiteral("--appendonly"), QStringLiteral("no"),     QStringLiteral("--daemonize"),
        QStringLiteral("no"),           QStringLiteral("--dir"),  m_dir.path(),
        QStringLiteral("--loglevel"),   QStringLiteral("warning")};
    args += m_extraArgs;
    return launch(program, args);
}

bool RedisServer::startSentinel(const QByteArray &name, quint16 masterPort, int quorum,
                                int downAfterMs)
{
    m_error.clear();
    QString program = QStandardPaths::findExecutable(QStringLiteral("redis-sentinel"));
    QStringList args;
    if (program.isEmpty()) {
        program = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
        args << QStringLiteral("--sentinel");
    }
    if (program.isEmpty() || m_port == 0 || !m_dir.isValid()) {
        m_error = QStringLiteral("no redis-sentinel, free port or temporary directory");
        return false;
    }
    // Sentinel rewrites its file (what it learnt of replicas and peers): a file of its own.
    const QString config = m_dir.filePath(QStringLiteral("sentinel.conf"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = file.errorString();
        return false;
    }
    const QByteArray master = name + " ";
    file.write("port " + QByteArray::number(m_port) + "\nbind 127.0.0.1\ndaemonize no\n" +
               "loglevel warning\ndir " + m_dir.path().toUtf8() + "\nsentinel monitor " + master +
               "127.0.0.1 " + QByteArray::number(masterPort) + " " + QByteArray::number(quorum) +
               "\nsentinel down-after-milliseconds " + master + QByteArray::number(downAfterMs) +
               "\nsentinel failover-timeout " + master + "5000\nsentinel parallel-syncs " + master +
               "1\n");
    file.close();
    args.prepend(config);
    return launch(program, args);
}

bool RedisServer::launch(const QString &program, const QStringList &args)
{
    m_process = std::make_unique<ChildProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setWorkingDirectory(m_dir.path());
    m_process->start(program, args);
    if (!m_process->waitForStarted(5000)) {
        m_error = QStringLiteral("redis-server did not start: %1").arg(m_process->errorString());
        m_process.reset();
        return false;
    }
    return waitUntilReady();
}

bool RedisServer::restart()
{
    stop(StopSignal::Kill);
    return start();
}

bool RedisServer::waitUntilReady()
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        if (m_process->state() != QProcess::Running) {
            m_error = QStringLiteral("redis-server on port %1 exited early: %2")
                          .arg(QString::number(m_port),
                               QString::fromLocal8Bit(m_process->readAll()).trimmed());
            m_process.reset();
            return false;
        }
        // Any answer counts, NOAUTH included: the server is up and listening.
        if (run({QByteArrayLiteral("PING")}).type != RedisReply::Type::Disconnected)
            return true;
        QTest::qWait(20);
    }
    m_error = QStringLiteral("redis-server on port %1 did not answer PING within 10 s").arg(m_port);
    stop(StopSignal::Kill);
    return false;
}

void RedisServer::stop(StopSignal signal)
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        const qint64 pid = m_process->processId();
        if (pid > 0)
            ::kill(pid_t(pid), signal == StopSignal::Kill ? SIGKILL : SIGTERM);
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

qint64 RedisServer::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

bool RedisServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

RedisEndpoint RedisServer::endpoint() const
{
    RedisEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = m_port;
    endpoint.password = m_password;
    return endpoint;
}

RedisReply RedisServer::run(const QList<QByteArray> &argv) const
{
    const timeval connectTimeout{0, 200 * 1000};
    ContextPtr context(redisConnectWithTimeout("127.0.0.1", m_port, connectTimeout));
    if (!context)
        return disconnectedReply(QByteArrayLiteral("no memory"));
    if (context->err)
        return disconnectedReply(QByteArray(context->errstr));
    const timeval commandTimeout{10, 0};
    redisSetTimeout(context.get(), commandTimeout);
    if (!m_password.isEmpty()) {
        const RedisReply auth = runOn(context.get(), {QByteArrayLiteral("AUTH"), m_password});
        if (auth.isError())
            return auth;
    }
    return runOn(context.get(), argv);
}

QList<QByteArray> RedisServer::streamTraceIds(const QByteArray &key) const
{
    QList<QByteArray> ids;
    const RedisReply reply = run({"XRANGE", key, "-", "+"});
    for (const RedisReply &entry : reply.elements) {
        const QList<RedisReply> &fields = entry.elements.value(1).elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            if (fields.at(i).string == "trace_id")
                ids.append(fields.at(i + 1).string);
        }
    }
    return ids;
}

RedisServer::StreamTally RedisServer::tallyStream(const QList<QByteArray> &acknowledged,
                                                  const QByteArray &stream) const
{
    QHash<QByteArray, int> inStream;
    const RedisReply entries = run({"XRANGE", stream, "-", "+"});
    for (const RedisReply &entry : entries.elements)
        ++inStream[entry.elements.at(1).elements.at(1).string]; // the trace_id field
    StreamTally tally;
    tally.entries = entries.elements.size();
    for (const QByteArray &id : acknowledged) {
        tally.lost += inStream.value(id) == 0;
        tally.twice += inStream.value(id) > 1;
    }
    return tally;
}
