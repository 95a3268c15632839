#pragma once

#include <QByteArray>
#include <QHash>
#include <QStringList>

#include <deque>

struct WebhookPayload;

// Recognises an alert sent twice: the same payload (or the same values of chosen fields) again
// within the window. Remembers accepted webhooks only, by a SHA-256 of what decides.
class DuplicateFilter
{
public:
    DuplicateFilter(int windowSeconds, QStringList keyFields);

    bool enabled() const { return m_windowMs > 0; }
    QByteArray keyFor(const WebhookPayload &payload) const;
    // True when `key` was accepted within the window before `nowMs`.
    bool isDuplicate(const QByteArray &key, qint64 nowMs);
    void remember(const QByteArray &key, qint64 atMs);
    // The webhook behind `key` was not accepted after all (the journal could not write it).
    void forget(const QByteArray &key, qint64 atMs);

private:
    void dropOlderThan(qint64 cutMs);

    qint64 m_windowMs;
    QStringList m_keyFields;
    QHash<QByteArray, qint64> m_lastSeen;
    std::deque<std::pair<qint64, QByteArray>> m_order; // to forget keys as they age out
};
