#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>

#include <array>

// The receiver's counters for GET /metrics, rendered in the Prometheus text format (0.0.4).
// Labels are a fixed vocabulary (outcome, status code): nothing a caller sends ever lands here.
class Metrics
{
public:
    enum class Outcome { Accepted, Duplicate, Rejected, Failed };
    // What is read when rendering rather than counted.
    struct Gauges {
        qint64 journalPending = 0; // not yet in the stream
        qint64 journalUnpublished = 0;
        qint64 journalHeld = 0;
        qint64 journalExpired = 0;
        qint64 journalBytes = 0;
        bool redisUp = false;
        bool redisRefusing = false;
        qint64 redisRefusals = 0;
        qint64 redisLost = 0;
        qint64 listeners = 0;
    };
    static constexpr std::array<double, 12> latencyBucketsS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};
    static const QByteArray contentType;

    void countRequest(Outcome outcome, int status);
    // Time from the request reaching its route to the reply (after the journal commit).
    void observeLatency(double seconds);
    void countLockout() { ++m_lockouts; }

    QByteArray render(const Gauges &gauges) const;

private:
    QMap<QPair<Outcome, int>, qint64> m_requests;
    std::array<qint64, latencyBucketsS.size()> m_latencyBuckets{};
    qint64 m_latencyCount = 0;
    double m_latencySum = 0;
    qint64 m_lockouts = 0;
};
