#include "http/BadTokenLockout.h"

#include "http/ClientAddress.h"

#include "MonotonicClock.h"

BadTokenLockout::BadTokenLockout(int limit, Clock clock, qsizetype maxTracked)
    : m_limit(limit)
    , m_clock(clock ? std::move(clock) : Clock(monotonicMs))
    , m_maxTracked(std::max<qsizetype>(1, maxTracked))
{}

int BadTokenLockout::lockedForS(const QHostAddress &address)
{
    if (m_limit <= 0 || m_locked.isEmpty())
        return 0;
    const qint64 *lockedUntilMs = m_locked.find(ClientAddress::key(address));
    if (!lockedUntilMs)
        return 0;
    const qint64 left = *lockedUntilMs - m_clock();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

bool BadTokenLockout::recordBadToken(const QHostAddress &address)
{
    if (m_limit <= 0 || ClientAddress::plain(address).isLoopback())
        return false;
    const qint64 now = m_clock();
    forgetStale(now);
    const QByteArray key = ClientAddress::key(address);
    if (m_locked.find(key))
        return false; // already locked out (and refused before the token check anyway)
    QList<qint64> *failuresMs = m_counting.use(key);
    if (!failuresMs) {
        makeRoom();
        failuresMs = &m_counting.insert(key, {});
    }
    while (!failuresMs->isEmpty() && now - failuresMs->constFirst() >= windowMs)
        failuresMs->removeFirst();
    failuresMs->append(now);
    if (failuresMs->size() < m_limit)
        return false;
    m_counting.remove(key);
    m_locked.insert(key, now + lockoutMs);
    return true;
}

void BadTokenLockout::forgetStale(qint64 nowMs)
{
    // Both tables are in expiry order, so only their fronts need looking at.
    while (!m_locked.isEmpty() && m_locked.oldest() <= nowMs)
        m_locked.removeOldest();
    while (!m_counting.isEmpty() && nowMs - m_counting.oldest().constLast() >= windowMs)
        m_counting.removeOldest();
}

void BadTokenLockout::makeRoom()
{
    if (trackedAddresses() < m_maxTracked)
        return;
    // Dropping a locked-out client would let it guess again at once: it goes last.
    if (!m_counting.isEmpty())
        m_counting.removeOldest();
    else
        m_locked.removeOldest();
}
