#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <mutex>
#include <vector>

class RedisServer;

// A pub/sub listener for tests, independent of the code under test: hiredis' synchronous API,
// one connection and one reader thread per subscribed channel, so it keeps listening while the
// test thread runs the app code's event loop.
class RedisSubscriber
{
public:
    explicit RedisSubscriber(const RedisServer &server);
    ~RedisSubscriber();
    RedisSubscriber(const RedisSubscriber &) = delete;
    RedisSubscriber &operator=(const RedisSubscriber &) = delete;

    // Returns once Redis confirmed the subscription; false with errorString() otherwise.
    bool subscribe(const QByteArray &channel);
    QList<QByteArray> messages() const; // payloads, in arrival order
    QList<QByteArray> traceIds() const; // the trace_id of each (webhook_raw messages)
    // Spins the Qt event loop (so the code under test keeps running) until count messages came.
    bool waitForMessages(int count, int timeoutMs = 5000) const;
    QString errorString() const { return m_error; }

private:
    struct Listener;
    void listen(Listener *listener);

    quint16 m_port;
    QByteArray m_password;
    QString m_error;
    mutable std::mutex m_mutex;
    QList<QByteArray> m_messages;
    std::vector<std::unique_ptr<Listener>> m_listeners;
};
