#include "Forwarder.h"

#include "RedisConnection.h"
#include "RedisLog.h"
#include "journal/Journal.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace {
// Enough to keep the link busy without an unbounded hiredis output buffer.
constexpr int maxInFlight = 512;
// Undelivered rows kept in memory; the rest wait in the journal.
constexpr int windowSize = 10000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

Forwarder::Forwarder(Journal *journal, RedisConnection *redis, Options options, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_redis(redis)
    , m_options(std::move(options))
{
    connect(m_redis, &RedisConnection::connected, this, &Forwarder::onConnected);
    connect(m_redis, &RedisConnection::disconnected, this, [this] {
        for (Item &item : m_queue)
            item.inFlight = false;
        m_inFlight = 0;
    });
    m_housekeeping.setInterval(std::chrono::milliseconds(500));
    connect(&m_housekeeping, &QTimer::timeout, this, [this] {
        expireOld();
        if (m_holding)
            pollListeners();
    });
}

void Forwarder::start()
{
    m_complete = false;
    refill();
    m_housekeeping.start();
    Q_EMIT queueChanged(undelivered());
}

Forwarder::Item Forwarder::itemFrom(const JournalRecord &record)
{
    return Item{record.seq,
                record.traceId,
                record.replayed ? replayedEnvelope(record.envelope) : record.envelope,
                record.replayed ? record.fateAtMs : record.receivedMs,
                record.streamed,
                record.replayed};
}

QByteArray Forwarder::replayedEnvelope(const QByteArray &envelope)
{
    return envelope.chopped(1) + ",\"replayed\":true}";
}

void Forwarder::refill()
{
    if (m_complete || int(m_queue.size()) > windowSize / 2)
        return;
    const int room = windowSize - int(m_queue.size());
    const QList<JournalRecord> rows = m_journal->undelivered(m_loadedUpTo, room);
    for (const JournalRecord &row : rows) {
        m_queue.push_back(itemFrom(row));
        m_loadedUpTo = row.seq;
    }
    m_complete = rows.size() < room;
}

void Forwarder::submit(const JournalRecord &record)
{
    if (m_complete && int(m_queue.size()) < windowSize) {
        m_queue.push_back(itemFrom(record));
        m_loadedUpTo = record.seq;
    } else {
        m_complete = false; // it waits in the journal until the window has room
    }
    Q_EMIT queueChanged(undelivered());
    pump();
}

int Forwarder::resend(const QList<JournalRecord> &records)
{
    int count = 0;
    const qint64 now = nowMs();
    for (JournalRecord record : records) {
        if (record.fate != Fate::Expired && record.fate != Fate::Held)
            continue;
        const auto queued = std::find_if(m_queue.begin(), m_queue.end(),
                                         [&](const Item &item) { return item.seq == record.seq; });
        if (queued != m_queue.end()) {
            if (queued->inFlight)
                continue;
            m_queue.erase(queued); // a held row goes again at the back, as a replay
        }
        m_journal->setFate(record.seq, Fate::Pending, now, -1, record.streamed, true);
        record.replayed = true;
        record.fateAtMs = now;
        m_queue.push_back(itemFrom(record));
        ++count;
    }
    if (m_holding && count > 0)
        pollListeners();
    Q_EMIT queueChanged(undelivered());
    pump();
    return count;
}

void Forwarder::onConnected()
{
    // Whatever was in flight when the link (or the process) died may have reached Redis: the
    // stream's tail tells, since XADD and PUBLISH were one transaction.
    m_reconciling = true;
    const qint64 count = std::clamp<qint64>(qint64(m_queue.size()) + 16, 64, 4096);
    const bool sent = m_redis->command(
        {QByteArrayLiteral("XREVRANGE"), m_options.streamKey, QByteArrayLiteral("+"),
         QByteArrayLiteral("-"), QByteArrayLiteral("COUNT"), QByteArray::number(count)},
        [this](const RedisReply &reply) { reconcileWithStream(reply); });
    if (!sent)
        m_reconciling = false;
}

void Forwarder::reconcileWithStream(const RedisReply &reply)
{
    if (reply.type == RedisReply::Type::Error && isTransient(reply.string)) {
        // Redis is back but still loading its data: ask again shortly, send nothing meanwhile.
        QTimer::singleShot(std::chrono::milliseconds(200), this, [this] {
            if (m_redis->state() == ConnectionState::Connected)
                onConnected();
            else
                m_reconciling = false;
        });
        return;
    }
    m_reconciling = false;
    if (reply.type == RedisReply::Type::Disconnected)
        return; // link lost again: the next connect retries
    if (reply.type == RedisReply::Type::Error)
        qCWarning(lcRedis).noquote() << "cannot read" << m_options.streamKey << "to check what"
                                     << "already reached it:" << reply.string;
    QSet<QString> inStream;
    for (const RedisReply &entry : reply.elements) {
        if (entry.elements.size() < 2)
            continue;
        const QList<RedisReply> &fields = entry.elements.at(1).elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            if (fields.at(i).string == "trace_id")
                inStream.insert(QString::fromLatin1(fields.at(i + 1).string));
        }
    }
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        if (!it->streamed && !it->replayed && inStream.contains(it->traceId)) {
            qCInfo(lcRedis).noquote() << "already in the stream, not sent again:" << it->traceId;
            m_journal->setFate(it->seq, Fate::Forwarded, nowMs(), -1, true);
            Q_EMIT fateChanged(it->traceId, Fate::Forwarded, -1);
            it = m_queue.erase(it);
        } else {
            ++it;
        }
    }
    Q_EMIT queueChanged(undelivered());
    pump();
}

void Forwarder::pump()
{
    expireOld();
    refill();
    if (m_redis->state() != ConnectionState::Connected || m_reconciling || m_holding || m_paused)
        return;
    for (Item &item : m_queue) {
        if (m_inFlight >= maxInFlight)
            break;
        if (!item.inFlight)
            send(item);
    }
}

void Forwarder::send(Item &item)
{
    const qint64 seq = item.seq;
    auto onReply = [this, seq](const RedisReply &reply) { onDelivered(seq, reply); };
    bool sent = false;
    if (item.streamed) {
        sent = m_redis->command({QByteArrayLiteral("PUBLISH"), m_options.channel, item.envelope},
                                onReply);
    } else {
        // One transaction: the stream has it if and only if it was published.
        sent = m_redis->command({QByteArrayLiteral("MULTI")}) &&
               m_redis->command({QByteArrayLiteral("XADD"), m_options.streamKey,
                                 QByteArrayLiteral("MAXLEN"), QByteArrayLiteral("~"),
                                 QByteArray::number(m_options.streamMaxLen), QByteArrayLiteral("*"),
                                 QByteArrayLiteral("trace_id"), item.traceId.toLatin1(),
                                 QByteArrayLiteral("data"), item.envelope}) &&
               m_redis->command({QByteArrayLiteral("PUBLISH"), m_options.channel, item.envelope}) &&
               m_redis->command({QByteArrayLiteral("EXEC")}, onReply);
    }
    if (sent) {
        item.inFlight = true;
        ++m_inFlight;
    }
}

void Forwarder::onDelivered(qint64 seq, const RedisReply &reply)
{
    const auto it = std::find_if(m_queue.begin(), m_queue.end(),
                                 [seq](const Item &item) { return item.seq == seq; });
    if (it == m_queue.end() || !it->inFlight)
        return; // given up on when the link dropped
    it->inFlight = false;
    --m_inFlight;

    qint64 listeners = -1;
    if (reply.type == RedisReply::Type::Integer) { // PUBLISH alone
        listeners = reply.integer;
    } else if (reply.type == RedisReply::Type::Array && reply.elements.size() == 2 &&
               reply.elements.at(1).type == RedisReply::Type::Integer) { // EXEC: [XADD, PUBLISH]
        listeners = reply.elements.at(1).integer;
        // Published, but the stream refused it (e.g. the key holds something else): sending
        // again would publish twice, so say it loudly and go on.
        if (reply.elements.at(0).isError() && reply.elements.at(0).string != m_lastStreamError) {
            m_lastStreamError = reply.elements.at(0).string;
            qCCritical(lcRedis).noquote()
                << "XADD to" << m_options.streamKey << "failed:" << m_lastStreamError
                << "- webhooks are published but"
                << "not kept in the stream";
        }
    }
    if (listeners < 0) {
        // Refused as a whole (Redis loading, out of memory...): nothing went out. Pause, then
        // send again from the first undelivered row, so the order holds.
        if (m_redis->state() == ConnectionState::Connected && !m_paused) {
            qCWarning(lcRedis).noquote()
                << "Redis refused delivery:" << reply.string << "- retrying in 1 s";
            m_paused = true;
            QTimer::singleShot(std::chrono::seconds(1), this, [this] {
                m_paused = false;
                pump();
            });
        }
        return;
    }
    m_listeners = listeners;
    if (listeners == 0 && m_options.requireListener) {
        // In the stream now; published to nobody. Everything behind it waits, to keep the order.
        it->streamed = true;
        if (!m_holding)
            qCWarning(lcRedis).noquote() << "nobody listens on" << m_options.channel
                                         << "- holding webhooks until someone does";
        m_holding = true;
        m_journal->setFate(it->seq, Fate::Held, nowMs(), 0, true);
        Q_EMIT fateChanged(it->traceId, Fate::Held, 0);
        return;
    }
    settle(it, it->replayed ? Fate::Replayed : Fate::Forwarded, listeners);
    pump();
}

void Forwarder::settle(std::deque<Item>::iterator it, Fate fate, qint64 listeners)
{
    m_journal->setFate(it->seq, fate, nowMs(), listeners, fate != Fate::Expired || it->streamed);
    const QString traceId = it->traceId;
    m_queue.erase(it);
    Q_EMIT fateChanged(traceId, fate, listeners);
    Q_EMIT queueChanged(undelivered());
}

void Forwarder::expireOld()
{
    if (m_options.replayMaxAge.count() <= 0)
        return;
    const qint64 cut = nowMs() - std::chrono::milliseconds(m_options.replayMaxAge).count();
    std::vector<qint64> expired;
    for (const Item &item : m_queue) {
        if (!item.inFlight && item.ageBaseMs < cut)
            expired.push_back(item.seq);
    }
    for (qint64 seq : expired) {
        const auto it = std::find_if(m_queue.begin(), m_queue.end(),
                                     [seq](const Item &item) { return item.seq == seq; });
        qCWarning(lcRedis).noquote() << "expired, not sent:" << it->traceId;
        settle(it, Fate::Expired, -1);
    }
    if (m_holding && std::none_of(m_queue.begin(), m_queue.end(),
                                  [](const Item &item) { return item.streamed; }))
        m_holding = false; // what was held has expired: newer rows get their own chance
}

void Forwarder::pollListeners()
{
    if (m_redis->state() != ConnectionState::Connected)
        return;
    m_redis->command({QByteArrayLiteral("PUBSUB"), QByteArrayLiteral("NUMSUB"), m_options.channel},
                     [this](const RedisReply &reply) {
                         if (reply.type != RedisReply::Type::Array || reply.elements.size() != 2)
                             return;
                         m_listeners = reply.elements.at(1).integer;
                         if (m_listeners > 0 && m_holding) {
                             qCInfo(lcRedis).noquote()
                                 << "a listener is back: re-publishing held webhooks";
                             m_holding = false;
                             pump();
                         }
                     });
}
