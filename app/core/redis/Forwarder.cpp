#include "Forwarder.h"

#include "RedisConnection.h"
#include "RedisLog.h"

#include <QTimer>

#include <algorithm>

namespace {
// Enough to keep the link busy without an unbounded hiredis output buffer.
constexpr int maxInFlight = 512;
} // namespace

Forwarder::Forwarder(RedisConnection *redis, int queueLimit, QObject *parent)
    : QObject(parent)
    , m_redis(redis)
    , m_limit(queueLimit)
{
    connect(m_redis, &RedisConnection::connected, this, &Forwarder::pump);
}

bool Forwarder::enqueue(const QString &traceId, const QByteArray &envelope)
{
    if (int(m_queue.size()) >= m_limit)
        return false;
    m_queue.push_back(Item{m_nextSequence++, traceId, envelope});
    Q_EMIT queueChanged(queued());
    pump();
    return true;
}

void Forwarder::pump()
{
    if (m_redis->state() != ConnectionState::Connected)
        return;
    for (Item &item : m_queue) {
        if (m_inFlight >= maxInFlight)
            break;
        if (item.inFlight)
            continue;
        const quint64 sequence = item.sequence;
        const bool sent = m_redis->command(
            {QByteArrayLiteral("PUBLISH"), channel(), item.envelope},
            [this, sequence](const RedisReply &reply) {
                onReply(sequence, reply.type == RedisReply::Type::Integer, reply.integer);
            });
        if (!sent)
            break;
        item.inFlight = true;
        ++m_inFlight;
    }
}

void Forwarder::onReply(quint64 sequence, bool ok, qint64 listeners)
{
    const auto it = std::find_if(m_queue.begin(), m_queue.end(), [sequence](const Item &item) {
        return item.sequence == sequence;
    });
    if (it == m_queue.end() || !it->inFlight)
        return; // already given up on when the link dropped
    --m_inFlight;
    if (!ok) {
        // Not confirmed: it goes again. When the link dropped, hiredis fails every pending command,
        // so everything after it goes again too, still in order.
        it->inFlight = false;
        if (m_redis->state() == ConnectionState::Connected) {
            qCWarning(lcRedis) << "PUBLISH refused by Redis; retrying" << it->traceId;
            QTimer::singleShot(std::chrono::seconds(1), this, &Forwarder::pump);
        }
        return;
    }
    const QString traceId = it->traceId;
    m_queue.erase(it);
    Q_EMIT forwarded(traceId, listeners);
    Q_EMIT queueChanged(queued());
    pump();
}
