#pragma once

#include "http/LruHash.h"

#include <QHostAddress>
#include <QList>

#include <functional>

// Locks out a client that presents `limit` bad tokens within a minute, for five minutes, so the
// token cannot be guessed at the rate limit. A client is what ClientAddress::key makes it (an
// IPv6 /64), as for RateLimiter; loopback is exempt. Entries of clients that stopped guessing are
// forgotten, and past `maxTracked` clients the one whose latest bad token is oldest is dropped;
// a locked-out client only when every tracked one is locked out, then the one whose lockout ends
// first.
class BadTokenLockout
{
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds
    static constexpr qint64 windowMs = 60 * 1000;
    static constexpr qint64 lockoutMs = 5 * 60 * 1000;

    // limit 0: never locks out.
    explicit BadTokenLockout(int limit, Clock clock = {}, qsizetype maxTracked = 100000);

    // Whole seconds the address is still locked out for, 0 when it is not.
    int lockedForS(const QHostAddress &address);
    // Counts a bad token; true when it starts a lockout (to log once per lockout).
    bool recordBadToken(const QHostAddress &address);
    qsizetype trackedAddresses() const { return m_counting.size() + m_locked.size(); }

private:
    void forgetStale(qint64 nowMs);
    void makeRoom();

    int m_limit;
    Clock m_clock;
    qsizetype m_maxTracked;
    // Bad token times within the window, oldest first, at most `limit`; clients in the order of
    // their latest bad token.
    LruHash<QList<qint64>> m_counting;
    // When each lockout ends; in that order, since every lockout is as long.
    LruHash<qint64> m_locked;
};
