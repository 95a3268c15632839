#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>

#include <functional>

// Locks out a client that presents `limit` bad tokens within a minute, for five minutes, so the
// token cannot be guessed at the rate limit. A client is what ClientAddress::key makes it (an
// IPv6 /64), as for RateLimiter; loopback is exempt. Entries of clients that stopped guessing are
// forgotten.
class BadTokenLockout
{
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds
    static constexpr qint64 windowMs = 60 * 1000;
    static constexpr qint64 lockoutMs = 5 * 60 * 1000;

    // limit 0: never locks out.
    explicit BadTokenLockout(int limit, Clock clock = {});

    // Whole seconds the address is still locked out for, 0 when it is not.
    int lockedForS(const QHostAddress &address);
    // Counts a bad token; true when it starts a lockout (to log once per lockout).
    bool recordBadToken(const QHostAddress &address);
    qsizetype trackedAddresses() const { return m_entries.size(); }

private:
    struct Entry {
        QList<qint64> failuresMs; // within the window, oldest first, at most `limit`
        qint64 lockedUntilMs = 0;
    };
    void forgetStale(qint64 nowMs);

    int m_limit;
    Clock m_clock;
    qint64 m_lastSweepMs = 0;
    QHash<QByteArray, Entry> m_entries;
};
