#pragma once

#include "support/ChildProcess.h"

#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// The built terminal6 (T6_BINARY) as a headless child on a free loopback port, with a data
// folder of its own that outlives a kill: one receiver of several, for the tests of more than
// one machine. It dies with the test (ChildProcess).
class ReceiverProcess
{
public:
    // `args` come after --headless, the address, the data folder and --receiver-name `name`.
    ReceiverProcess(QString name, QByteArray token, QStringList args);

    // Starts it and waits until /health answers; false, with errorString(), when it does not.
    bool start();
    void kill(); // SIGKILL, as a crash
    // SIGTERM: empty when it exited cleanly, else how it ended and the end of its output.
    QString terminate();
    bool isRunning() const;

    QString name() const { return m_name; }
    quint16 port() const { return m_port; }
    QString journalPath() const;
    QJsonObject health() const;
    QByteArray output(); // everything it printed so far
    QString errorString() const { return m_error; }

private:
    QString m_name;
    QByteArray m_token;
    QStringList m_args;
    quint16 m_port;
    QTemporaryDir m_dataDir;
    std::unique_ptr<ChildProcess> m_process;
    QByteArray m_output;
    QString m_error;
};
