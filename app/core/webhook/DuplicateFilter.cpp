#include "webhook/DuplicateFilter.h"

#include "webhook/WebhookPayload.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

DuplicateFilter::DuplicateFilter(int windowSeconds, QStringList keyFields)
    : m_windowMs(qint64(windowSeconds) * 1000)
    , m_keyFields(std::move(keyFields))
{}

QByteArray DuplicateFilter::keyFor(const WebhookPayload &payload) const
{
    if (m_keyFields.isEmpty())
        return QCryptographicHash::hash(payload.json, QCryptographicHash::Sha256);
    QJsonArray values;
    for (const QString &field : m_keyFields)
        values.append(payload.object.value(field));
    return QCryptographicHash::hash(QJsonDocument(values).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha256);
}

bool DuplicateFilter::isDuplicate(const QByteArray &key, qint64 nowMs)
{
    if (!enabled())
        return false;
    dropOlderThan(nowMs - m_windowMs);
    const auto it = m_lastSeen.constFind(key);
    return it != m_lastSeen.constEnd() && nowMs - *it < m_windowMs;
}

void DuplicateFilter::remember(const QByteArray &key, qint64 atMs)
{
    if (!enabled())
        return;
    m_lastSeen.insert(key, atMs);
    m_order.emplace_back(atMs, key);
}

void DuplicateFilter::forget(const QByteArray &key, qint64 atMs)
{
    const auto it = m_lastSeen.find(key);
    if (it != m_lastSeen.end() && *it == atMs)
        m_lastSeen.erase(it);
}

void DuplicateFilter::dropOlderThan(qint64 cutMs)
{
    while (!m_order.empty() && m_order.front().first < cutMs) {
        const auto &[at, key] = m_order.front();
        const auto it = m_lastSeen.find(key);
        if (it != m_lastSeen.end() && *it == at)
            m_lastSeen.erase(it);
        m_order.pop_front();
    }
}
