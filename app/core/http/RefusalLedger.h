#pragma once

#include "journal/Journal.h"

#include <QHash>
#include <QHostAddress>
#include <QList>

#include <functional>

// Accounts refused requests in bounded space: one entry per client (IPv6 by /64), status and
// reason per interval, with a count, at most maxEntries an interval (past them, one entry per
// status and reason for "many addresses"). Only the first refusal of an entry is worth a log line
// and a monitor event; the entries of an interval go to the journal together once it ends, so a
// flood of refusals costs a few rows, never a row each.
class RefusalLedger
{
public:
    using Clock = std::function<qint64()>; // wall-clock milliseconds
    static constexpr qint64 intervalMs = 10 * 1000;
    static constexpr int maxEntries = 1000;

    explicit RefusalLedger(Clock clock = {});

    // True when this refusal opens an entry. `sample`: kept for the first one only.
    bool note(const QHostAddress &client, const QString &sourceIp, int status,
              const QString &reason, const QByteArray &sample = {});
    // The entries of the intervals that have ended (all of them with `everything`), in order.
    QList<Journal::Refusal> take(bool everything = false);
    qsizetype entries() const { return m_current.size() + m_done.size(); }

private:
    Clock m_clock;
    qint64 m_intervalStart = -1;
    QHash<QByteArray, qsizetype> m_index; // entry key -> position in m_current
    QList<Journal::Refusal> m_current;
    QList<Journal::Refusal> m_done;
};
