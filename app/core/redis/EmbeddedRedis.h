#pragma once

#include "redis/RedisEndpoint.h"

#include <QProcess>
#include <QString>

#include <memory>

// A redis-server of our own, for a machine where none runs: started as a child of this process
// (it dies with it, even on SIGKILL), bound to 127.0.0.1 on a free port, with a generated
// password and its data and append-only file in <data-dir>/redis. Stopped (SHUTDOWN, so the AOF is
// flushed) when this object goes.
class EmbeddedRedis
{
public:
    ~EmbeddedRedis();

    // Whether one is needed for the Redis `configured`: the default address (nothing set),
    // nothing answering there, redis-server installed. `why` says what decided.
    static bool wanted(const RedisEndpoint &configured, QString *why = nullptr);
    // Starts one and waits until it answers (a few seconds at most); returns the error line, or
    // empty. endpoint() is then where it listens.
    QString start(const QString &dataDir);
    void stop();

    bool isRunning() const;
    qint64 pid() const;
    const RedisEndpoint &endpoint() const { return m_endpoint; }
    QString folder() const { return m_folder; }

private:
    bool answers() const;

    std::unique_ptr<QProcess> m_process;
    RedisEndpoint m_endpoint;
    QString m_folder;
};
