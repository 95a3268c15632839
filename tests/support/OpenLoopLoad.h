#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QStringList>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

// Webhooks as TradingView sends them, for soak tests: each on a new connection, at a steady
// rate from several threads, open loop (each request at its time, however late the previous
// answer came). Every body is unique (sender and sequence number), so none is a duplicate.
class OpenLoopLoad
{
public:
    struct Options {
        quint16 port = 0;
        QByteArray token;
        int senders = 10;
        int perSenderPerSecond = 50;
        int timeoutMs = 10000;
    };
    struct Result {
        int sent = 0;
        QList<QByteArray> acknowledged; // trace ids of the 200s
        QList<QByteArray> bodies;       // what each of them carried, in the same order
        int refused = 0;                // connection refused
        QStringList failures;           // anything else, with when and how long
        qint64 longestMs = 0;           // the longest request
    };

    explicit OpenLoopLoad(Options options);
    ~OpenLoopLoad(); // stops and joins: a failed check may leave a test early
    OpenLoopLoad(const OpenLoopLoad &) = delete;
    OpenLoopLoad &operator=(const OpenLoopLoad &) = delete;

    void start();
    void stop();
    qsizetype acknowledged() const;
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    Result result() const; // after stop()

private:
    void send(int sender);

    Options m_options;
    mutable std::mutex m_mutex;
    Result m_result;
    std::atomic<bool> m_stop = false;
    QElapsedTimer m_clock;
    std::vector<std::thread> m_threads;
};
