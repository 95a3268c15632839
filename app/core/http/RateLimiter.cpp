#include "RateLimiter.h"

#include "ClientAddress.h"

#include "MonotonicClock.h"

#include <cmath>

RateLimiter::RateLimiter(double rate, int burst, Clock clock, qsizetype maxTracked)
    : m_rate(rate)
    , m_burst(std::max(1, burst))
    , m_clock(clock ? std::move(clock) : Clock(monotonicMs))
    , m_maxTracked(maxTracked)
{
    m_lastSweepMs = m_clock();
}

bool RateLimiter::tryTake(const QHostAddress &address, int *retryAfterS)
{
    if (m_rate <= 0 || ClientAddress::plain(address).isLoopback())
        return true;
    const qint64 now = m_clock();
    // A full refill takes burst/rate seconds; sweeping that often keeps the sweep cost per
    // request constant on average.
    if (now - m_lastSweepMs >= qint64(std::max(1000.0, 1000.0 * m_burst / m_rate)))
        forgetIdle(now);

    const QByteArray key = ClientAddress::key(address);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxTracked)
            forgetIdle(now);
        if (m_buckets.size() >= m_maxTracked)
            return true;
        it = m_buckets.insert(key, {m_burst, now});
    } else {
        it->tokens = std::min(m_burst, it->tokens + (now - it->updatedMs) * m_rate / 1000.0);
        it->updatedMs = now;
    }
    if (it->tokens >= 1.0) {
        it->tokens -= 1.0;
        return true;
    }
    if (retryAfterS)
        *retryAfterS = std::max(1, int(std::ceil((1.0 - it->tokens) / m_rate)));
    return false;
}

void RateLimiter::forgetIdle(qint64 nowMs)
{
    m_lastSweepMs = nowMs;
    // A bucket that would be full again is the same as no bucket at all.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + (nowMs - it->updatedMs) * m_rate / 1000.0 >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}
