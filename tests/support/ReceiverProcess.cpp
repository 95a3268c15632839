#include "support/ReceiverProcess.h"

#include "support/HttpClient.h"
#include "support/RedisServer.h"

#include <QDeadlineTimer>
#include <QTest>

#include <csignal>

ReceiverProcess::ReceiverProcess(QString name, QByteArray token, QStringList args)
    : m_name(std::move(name))
    , m_token(std::move(token))
    , m_args(std::move(args))
    , m_port(RedisServer::freePort())
{}

bool ReceiverProcess::start()
{
    output(); // what the last run said stays readable
    m_process = std::make_unique<ChildProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("WEBHOOK_TOKEN"), QString::fromLatin1(m_token));
    m_process->setProcessEnvironment(environment);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(qEnvironmentVariable("T6_BINARY"),
                     QStringList{QStringLiteral("--headless"), QStringLiteral("--host"),
                                 QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                                 QString::number(m_port), QStringLiteral("--data-dir"),
                                 m_dataDir.path(), QStringLiteral("--receiver-name"), m_name} +
                         m_args);
    for (QDeadlineTimer deadline(15000); !deadline.hasExpired(); QTest::qWait(50)) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        if (HttpClient::request(m_port, "GET", "/health", {}, {}, 500).status == 200)
            return true;
    }
    m_error = QStringLiteral("%1 did not answer /health: %2")
                  .arg(m_name, QString::fromUtf8(output().right(2000)));
    return false;
}

void ReceiverProcess::kill()
{
    if (!isRunning())
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(5000);
}

QString ReceiverProcess::terminate()
{
    if (!m_process)
        return m_name + QLatin1String(" was never started");
    const bool wasRunning = isRunning();
    if (wasRunning) {
        ::kill(pid_t(m_process->processId()), SIGTERM);
        if (!m_process->waitForFinished(15000))
            return m_name + QLatin1String(" still running 15 s after SIGTERM:\n") +
                   QString::fromUtf8(output().right(3000));
    }
    QString how;
    if (m_process->exitStatus() == QProcess::CrashExit)
        how = QStringLiteral("crashed");
    else if (m_process->exitCode() != 0)
        how = QStringLiteral("exited with %1").arg(m_process->exitCode());
    if (wasRunning && how.isEmpty())
        return {};
    if (!wasRunning)
        how = QLatin1String("had ended before SIGTERM") + (how.isEmpty() ? QString() : u' ' + how);
    return m_name + u' ' + how + QLatin1String(":\n") + QString::fromUtf8(output().right(3000));
}

bool ReceiverProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString ReceiverProcess::journalPath() const
{
    return m_dataDir.filePath(QStringLiteral("journal.sqlite"));
}

QJsonObject ReceiverProcess::health() const
{
    return HttpClient::request(m_port, "GET", "/health", {}, {}, 2000).json();
}

QByteArray ReceiverProcess::output()
{
    if (m_process)
        m_output += m_process->readAll();
    return m_output;
}
