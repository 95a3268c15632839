#include "http/RateLimiter.h"

#include "http/ClientAddress.h"

#include "MonotonicClock.h"

#include <cmath>

RateLimiter::RateLimiter(double rate, int burst, Clock clock, qsizetype maxTracked)
    : m_rate(rate)
    , m_burst(std::max(1, burst))
    , m_clock(clock ? std::move(clock) : Clock(monotonicMs))
    , m_maxTracked(std::max<qsizetype>(1, maxTracked))
{
    m_lastSweepMs = m_clock();
}

bool RateLimiter::tryTake(const QHostAddress &address, int *retryAfterS)
{
    if (m_rate <= 0 || ClientAddress::plain(address).isLoopback())
        return true;
    const qint64 now = m_clock();
    // A bucket left alone for a full refill (burst/rate seconds) is full again: looking that often
    // forgets every idle client within two refills.
    if (now - m_lastSweepMs >= qint64(std::max(1000.0, 1000.0 * m_burst / m_rate)))
        forgetFull(now);

    const QByteArray key = ClientAddress::key(address);
    Bucket *bucket = m_buckets.use(key);
    if (bucket) {
        bucket->tokens = tokensAt(*bucket, now);
        bucket->updatedMs = now;
    } else {
        if (m_buckets.size() >= m_maxTracked)
            m_buckets.removeOldest();
        bucket = &m_buckets.insert(key, {m_burst, now});
    }
    if (bucket->tokens >= 1.0) {
        bucket->tokens -= 1.0;
        return true;
    }
    if (retryAfterS)
        *retryAfterS = std::max(1, int(std::ceil((1.0 - bucket->tokens) / m_rate)));
    return false;
}

double RateLimiter::tokensAt(const Bucket &bucket, qint64 nowMs) const
{
    return std::min(m_burst, bucket.tokens + (nowMs - bucket.updatedMs) * m_rate / 1000.0);
}

void RateLimiter::forgetFull(qint64 nowMs)
{
    m_lastSweepMs = nowMs;
    // A bucket that would be full again is the same as no bucket at all. Idle buckets are the
    // oldest, so stopping at the first that still refills keeps each sweep as cheap as its drops.
    while (!m_buckets.isEmpty() && tokensAt(m_buckets.oldest(), nowMs) >= m_burst)
        m_buckets.removeOldest();
}
