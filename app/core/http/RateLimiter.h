#pragma once

#include "http/LruHash.h"

#include <QHostAddress>

#include <functional>

// Per-client token buckets: `rate` requests per second with `burst` at once. Loopback is exempt
// (a local proxy that is not declared trusted would otherwise throttle every caller as one).
// Memory stays bounded: a bucket that has refilled is forgotten, IPv6 clients share their /64
// (ClientAddress::key), and past `maxTracked` clients the least recently seen one is dropped.
// A dropped bucket is a full one, so only that old client is let off, never the new one.
class RateLimiter
{
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    // rate 0: no limit.
    RateLimiter(double rate, int burst, Clock clock = {}, qsizetype maxTracked = 100000);

    // Takes one token for `address`. False when there is none; `retryAfterS` then gets the
    // whole seconds until there is (at least 1).
    bool tryTake(const QHostAddress &address, int *retryAfterS = nullptr);
    qsizetype trackedAddresses() const { return m_buckets.size(); }

private:
    struct Bucket {
        double tokens;
        qint64 updatedMs;
    };
    double tokensAt(const Bucket &bucket, qint64 nowMs) const;
    void forgetFull(qint64 nowMs);

    double m_rate;
    double m_burst;
    Clock m_clock;
    qsizetype m_maxTracked;
    qint64 m_lastSweepMs = 0;
    LruHash<Bucket> m_buckets;
};
