#include "http/RefusalLedger.h"

#include "http/ClientAddress.h"

#include <QDateTime>

RefusalLedger::RefusalLedger(Clock clock)
    : m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{}

bool RefusalLedger::note(const QHostAddress &client, const QString &sourceIp, int status,
                         const QString &reason, const QByteArray &sample)
{
    const qint64 now = m_clock();
    const qint64 interval = now - now % intervalMs;
    if (interval != m_intervalStart) {
        m_done.append(m_current);
        m_current.clear();
        m_index.clear();
        m_intervalStart = interval;
    }
    const QByteArray what = QByteArray::number(status) + ' ' + reason.toUtf8();
    QByteArray key = ClientAddress::key(client) + '|' + what;
    auto it = m_index.constFind(key);
    if (it == m_index.constEnd() && m_current.size() >= maxEntries) {
        key = "*|" + what; // past the cap: all further addresses together
        it = m_index.constFind(key);
    }
    if (it != m_index.constEnd()) {
        Journal::Refusal &entry = m_current[*it];
        ++entry.count;
        entry.lastMs = now;
        return false;
    }
    Journal::Refusal entry;
    entry.intervalStartMs = interval;
    entry.sourceIp = key.startsWith("*|") ? QStringLiteral("(many addresses)") : sourceIp;
    entry.httpStatus = status;
    entry.reason = reason;
    entry.count = 1;
    entry.firstMs = entry.lastMs = now;
    entry.sample = sample;
    m_index.insert(key, m_current.size());
    m_current.append(entry);
    return true;
}

QList<Journal::Refusal> RefusalLedger::take(bool everything)
{
    if (m_intervalStart >= 0 && m_clock() - m_intervalStart >= intervalMs) {
        m_done.append(m_current);
        m_current.clear();
        m_index.clear();
        m_intervalStart = -1;
    }
    QList<Journal::Refusal> taken = std::exchange(m_done, {});
    if (everything) {
        taken.append(m_current);
        m_current.clear();
        m_index.clear();
        m_intervalStart = -1;
    }
    return taken;
}
