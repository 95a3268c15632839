#include "BadTokenLockout.h"

#include "ClientAddress.h"

#include "MonotonicClock.h"

BadTokenLockout::BadTokenLockout(int limit, Clock clock)
    : m_limit(limit)
    , m_clock(clock ? std::move(clock) : Clock(monotonicMs))
{
    m_lastSweepMs = m_clock();
}

int BadTokenLockout::lockedForS(const QHostAddress &address)
{
    if (m_limit <= 0 || m_entries.isEmpty())
        return 0;
    const auto it = m_entries.constFind(ClientAddress::key(address));
    if (it == m_entries.constEnd())
        return 0;
    const qint64 left = it->lockedUntilMs - m_clock();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

bool BadTokenLockout::recordBadToken(const QHostAddress &address)
{
    if (m_limit <= 0 || ClientAddress::plain(address).isLoopback())
        return false;
    const qint64 now = m_clock();
    if (now - m_lastSweepMs >= windowMs)
        forgetStale(now);
    Entry &entry = m_entries[ClientAddress::key(address)];
    if (entry.lockedUntilMs > now)
        return false; // already locked out (and refused before the token check anyway)
    while (!entry.failuresMs.isEmpty() && now - entry.failuresMs.constFirst() >= windowMs)
        entry.failuresMs.removeFirst();
    entry.failuresMs.append(now);
    if (entry.failuresMs.size() < m_limit)
        return false;
    entry.failuresMs.clear();
    entry.lockedUntilMs = now + lockoutMs;
    return true;
}

void BadTokenLockout::forgetStale(qint64 nowMs)
{
    m_lastSweepMs = nowMs;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const bool recentFailure =
            !it->failuresMs.isEmpty() && nowMs - it->failuresMs.constLast() < windowMs;
        if (it->lockedUntilMs <= nowMs && !recentFailure)
            it = m_entries.erase(it);
        else
            ++it;
    }
}
