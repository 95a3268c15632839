#pragma once

#include "redis/RedisEndpoint.h"
#include "redis/RedisReply.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class ChildProcess;

// A throwaway redis-server for one test: a free port on 127.0.0.1, a temporary directory, no
// persistence; it dies with the test process even when the test aborts (ChildProcess). Stopped
// by its pid, so a test can simulate a crash (SIGKILL) or a clean shutdown, then restarted on the
// same port.
class RedisServer
{
public:
    enum class StopSignal { Kill, Terminate };

    // extraArgs are appended to the command line, e.g. {"--requirepass", "secret"}.
    explicit RedisServer(QStringList extraArgs = {});
    ~RedisServer();
    RedisServer(const RedisServer &) = delete;
    RedisServer &operator=(const RedisServer &) = delete;

    // Launches redis-server on port() and returns once it answers PING; false with
    // errorString() when it cannot (redis-server not on PATH, port taken, early exit...).
    bool start();
    bool restart(); // start() again on the same port
    // Starts a Redis Sentinel instead (redis-sentinel, or redis-server --sentinel) on port(),
    // watching the master `name` at 127.0.0.1:masterPort, judged down after downAfterMs.
    bool startSentinel(const QByteArray &name, quint16 masterPort, int quorum, int downAfterMs);
    // Arguments for the next start()/restart(); the password follows --requirepass.
    void setExtraArgs(QStringList extraArgs);
    void stop(StopSignal signal = StopSignal::Kill);
    bool isRunning() const;

    qint64 pid() const;                                // 0 when not running
    quint16 port() const { return m_port; }            // chosen at construction, free until start()
    QByteArray password() const { return m_password; } // from --requirepass, if given
    RedisEndpoint endpoint() const;                    // 127.0.0.1:port() with the password
    QString errorString() const { return m_error; }

    // One synchronous command on a fresh connection (AUTH first when a password is set), for
    // checks independent of the code under test. Connection failures come back as Disconnected
    // with hiredis' message in `string`.
    RedisReply run(const QList<QByteArray> &argv) const;

    // Of the trace ids a client got a 200 for: how many are not in `stream`, how many are there
    // more than once (the "every acknowledged webhook in the stream once" check).
    struct StreamTally {
        int lost = 0;
        int twice = 0;
        qsizetype entries = 0; // all entries of the stream
    };
    StreamTally tallyStream(const QList<QByteArray> &acknowledged,
                            const QByteArray &stream = "webhook_raw:stream") const;

    // The trace_id field of every entry of a stream, in stream order.
    QList<QByteArray>
    streamTraceIds(const QByteArray &key = QByteArrayLiteral("webhook_raw:stream")) const;

    static quint16 freePort();

private:
    bool waitUntilReady();
    bool launch(const QString &program, const QStringList &args);

    QStringList m_extraArgs;
    QByteArray m_password;
    quint16 m_port = 0;
    QTemporaryDir m_dir;
    std::unique_ptr<ChildProcess> m_process;
    QString m_error;
};

// Starts a RedisServer or fails the current test function with the reason.
#define T6_START_REDIS(server) QVERIFY2((server).start(), qPrintable((server).errorString()))
