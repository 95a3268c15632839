#include "redis/Forwarder.h"

#include "journal/Journal.h"
#include "redis/DeliveryScript.h"
#include "redis/RedisConnection.h"
#include "redis/RedisLog.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <memory>

namespace {

using namespace std::chrono_literals;

constexpr int maxBatchesInFlight = 8; // enough to keep the link busy
constexpr int maxRowsPerBatch = 256;
constexpr qint64 maxBatchBytes = 1024 * 1024;
constexpr int refillRows = 10000;
constexpr auto shortestPause = 500ms;
constexpr auto longestPause = 5s;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Errors that pass by themselves: worth a short pause only.
bool isTransient(const QByteArray &cause)
{
    return cause == "LOADING" || cause == "BUSY" || cause == "TRYAGAIN" || cause == "MASTERDOWN";
}

QByteArray infoField(const RedisReply &info, const QByteArray &name)
{
    const QByteArray prefix = name + ':';
    for (const QByteArray &line : info.string.split('\n')) {
        if (line.startsWith(prefix))
            return line.sliced(prefix.size()).trimmed();
    }
    return {};
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
        ++m_link; // replies still to come belong to the link that is gone
        m_batchesInFlight = 0;
        m_reconciled = false;
        for (Item &item : m_window)
            item.streamSent = item.publishSent = false;
    });
    m_housekeeping.setInterval(500ms);
    connect(&m_housekeeping, &QTimer::timeout, this, [this, ticks = 0]() mutable {
        if (++ticks % 10 == 0)
            askReplicas(); // a replica may come or go between reconnects
        expireOld();
        if (m_counts.holding)
            pollListeners();
        if (m_reloadWanted)
            pump();
        Q_EMIT queueChanged(undelivered());
    });
}

QByteArray Forwarder::stateKey() const
{
    return m_options.streamKey + ":t6:" + m_journal->journalId().toLatin1();
}

QByteArray Forwarder::replayedEnvelope(const QByteArray &envelope)
{
    return envelope.chopped(1) + ",\"replayed\":true}";
}

Forwarder::Counts Forwarder::counts() const
{
    Counts counts = m_counts;
    counts.oldestOpenMs = m_window.empty() ? 0 : m_window.front().receivedMs;
    return counts;
}

void Forwarder::start()
{
    const Journal::Backlog backlog = m_journal->backlog();
    m_counts.unstreamed = backlog.unstreamed;
    m_counts.unpublished = backlog.unpublished;
    m_counts.open = backlog.open;
    m_counts.expired = backlog.expired;
    m_complete = false;
    // A kill switch outlives a restart (a crash, systemd): forwarding resumes only by hand.
    if (!m_journal->meta(pausedKey()).isEmpty()) {
        m_userPaused = true;
        qCWarning(lcRedis).noquote() << "forwarding stays paused, as it was before the restart: "
                                        "resume it from the window or `terminal6 resume`";
    }
    refill();
    m_housekeeping.start();
    Q_EMIT queueChanged(undelivered());
}

Forwarder::Item Forwarder::itemFrom(const JournalRecord &record) const
{
    Item item;
    item.seq = record.seq;
    item.traceId = record.traceId;
    item.receivedMs = record.receivedMs;
    item.streamed = record.seq <= m_journal->streamedTo();
    item.publish = record.fate == Fate::Pending ? Publish::Waiting
                   : record.fate == Fate::Held  ? Publish::Held
                                                : Publish::Done;
    const bool resend = record.replayed && item.publish != Publish::Done;
    item.envelope = resend ? replayedEnvelope(record.envelope) : record.envelope;
    item.ageBaseMs = resend ? record.fateAtMs : record.receivedMs;
    item.dedupeKey = record.dedupeKey.toHex();
    item.resendId = resend ? record.fateAtMs : 0; // one id per resend request
    return item;
}

void Forwarder::refill()
{
    if (m_complete)
        return;
    if (m_windowBytes > m_options.windowBytes / 2 && m_counts.holding && !m_resume) {
        // Rows waiting for a listener must not keep later ones from the stream: they leave memory
        // (the journal keeps them) and come back, in order, when someone listens.
        const auto waiting = [](const Item &item) {
            return item.streamed && item.publish != Publish::Done && !item.publishSent;
        };
        for (auto it = m_window.begin(); it != m_window.end();) {
            if (waiting(*it)) {
                m_windowBytes -= it->envelope.size();
                it = m_window.erase(it);
                m_spilled = true;
            } else {
                ++it;
            }
        }
    }
    if (m_windowBytes > m_options.windowBytes / 2)
        return;
    const qint64 room = m_options.windowBytes - m_windowBytes;
    const QList<JournalRecord> rows = m_journal->openRows(m_loadedUpTo, refillRows, room);
    qint64 loaded = 0;
    for (const JournalRecord &row : rows) {
        m_window.push_back(itemFrom(row));
        loaded += row.envelope.size();
        m_loadedUpTo = row.seq;
    }
    m_windowBytes += loaded;
    m_complete = rows.size() < refillRows && loaded < room;
}

void Forwarder::reload()
{
    m_reloadWanted = false;
    m_spilled = false;
    m_window.clear();
    m_windowBytes = 0;
    m_loadedUpTo = 0;
    const bool holding = m_counts.holding;
    start();
    m_counts.holding = holding;
    m_streamTail = m_journal->streamedTo();
    m_publishTail = m_journal->publishedTo();
}

void Forwarder::submit(const JournalRecord &record)
{
    ++m_counts.unstreamed;
    ++m_counts.unpublished;
    ++m_counts.open;
    if (m_complete && m_windowBytes + record.envelope.size() <= m_options.windowBytes) {
        m_window.push_back(itemFrom(record));
        m_windowBytes += record.envelope.size();
        m_loadedUpTo = record.seq;
    } else {
        m_complete = false; // it waits in the journal until the window has room
    }
    Q_EMIT queueChanged(undelivered());
    pump();
}

QString Forwarder::pausedKey()
{
    return QStringLiteral("forwarding_paused");
}

void Forwarder::pause()
{
    if (m_userPaused)
        return;
    m_userPaused = true;
    m_journal->setMeta(pausedKey(), QStringLiteral("1"));
    qCWarning(lcRedis).noquote() << "forwarding paused by hand: webhooks are answered and "
                                    "journaled, nothing goes to Redis";
}

void Forwarder::resume(bool publishWaiting)
{
    if (!m_userPaused)
        return;
    m_userPaused = false;
    m_journal->setMeta(pausedKey(), QString());
    if (!publishWaiting) {
        const QStringList expired = m_journal->expireWaiting(nowMs());
        qCWarning(lcRedis).noquote() << "forwarding resumed;" << expired.size()
                                     << "webhook(s) that waited expire unpublished";
        for (const QString &traceId : expired)
            Q_EMIT fateChanged(traceId, Fate::Expired, -1);
        m_reloadWanted = true;
    } else {
        qCInfo(lcRedis).noquote() << "forwarding resumed: publishing what waited, in order";
    }
    pump();
}

int Forwarder::resend(const QString &traceId)
{
    const int revived = m_journal->revive(nowMs(), traceId);
    if (revived > 0) {
        // Old rows, back to pending: the window starts again from the journal, in order.
        m_reloadWanted = true;
        pump();
    }
    return revived;
}

Forwarder::Item *Forwarder::find(qint64 seq)
{
    const auto it = std::lower_bound(m_window.begin(), m_window.end(), seq,
                                     [](const Item &item, qint64 s) { return item.seq < s; });
    return it != m_window.end() && it->seq == seq ? &*it : nullptr;
}

void Forwarder::onConnected()
{
    reconcile();
}

void Forwarder::reconcile()
{
    // Nothing is sent before Redis has told where it stands for this journal.
    m_reconciled = false;
    const quint64 link = m_link;
    auto info = std::make_shared<RedisReply>();
    auto state = std::make_shared<RedisReply>();
    askReplicas();
    const bool sent = m_redis->command({QByteArrayLiteral("INFO"), QByteArrayLiteral("server")},
                                       [info](const RedisReply &reply) { *info = reply; }) &&
                      m_redis->command({QByteArrayLiteral("HGETALL"), stateKey()},
                                       [state](const RedisReply &reply) { *state = reply; }) &&
                      m_redis->command({QByteArrayLiteral("ZRANGEBYSCORE"), stateKey() + ":dup",
                                        '(' + QByteArray::number(m_journal->streamedTo()),
                                        QByteArrayLiteral("+inf")},
                                       [this, info, state, link](const RedisReply &duplicates) {
                                           if (link == m_link)
                                               onState(*info, *state, duplicates);
                                       });
    if (!sent)
        return; // the link went: the next connect starts over
}

void Forwarder::askReplicas()
{
    if (m_redis->state() != ConnectionState::Connected)
        return;
    const quint64 link = m_link;
    m_redis->command({QByteArrayLiteral("INFO"), QByteArrayLiteral("replication")},
                     [this, link](const RedisReply &reply) {
                         if (link != m_link || reply.type != RedisReply::Type::String)
                             return;
                         const QByteArray count = infoField(reply, "connected_slaves");
                         const int replicas = count.isEmpty() ? 0 : count.toInt();
                         if (replicas != m_replicas && m_options.replicaWait.count() > 0)
                             qCInfo(lcRedis).noquote()
                                 << QStringLiteral("Redis has %1 replica(s): %2")
                                        .arg(replicas)
                                        .arg(replicas > 0
                                                 ? QStringLiteral("a webhook counts as delivered "
                                                                  "once one of them has it")
                                                 : QStringLiteral("nothing to wait for"));
                         m_replicas = replicas;
                     });
}

void Forwarder::onState(const RedisReply &info, const RedisReply &state,
                        const RedisReply &duplicates)
{
    for (const RedisReply *reply : {&info, &state, &duplicates}) {
        if (reply->type == RedisReply::Type::Disconnected)
            return;
        if (reply->isError()) {
            // Without knowing what Redis has, sending could add rows twice: wait and ask again.
            m_refusal.refused(reply->string);
            m_careful = true;
            pauseThenPump();
            return;
        }
    }
    QHash<QByteArray, qint64> fields;
    for (qsizetype i = 0; i + 1 < state.elements.size(); i += 2)
        fields.insert(state.elements.at(i).string, state.elements.at(i + 1).string.toLongLong());
    const QByteArray runId = infoField(info, "run_id");
    const QString lastRunId = m_journal->meta(QStringLiteral("redis_run_id"));
    const bool synced = !m_journal->meta(QStringLiteral("redis_synced")).isEmpty();
    if (!lastRunId.isEmpty() && lastRunId != QLatin1String(runId))
        qCInfo(lcRedis).noquote() << "Redis is not the server last seen (run_id" << lastRunId
                                  << "->" << runId << "): restarted, or another took over";

    qint64 streamedTo = m_journal->streamedTo();
    const qint64 publishedTo = m_journal->publishedTo();
    const bool known = fields.contains("s");
    const qint64 redisStreamed = fields.value("s", 0);
    const qint64 redisPublished = fields.value("p", 0);
    // Rows Redis found to be duplicates while their replies were lost with the link.
    for (const RedisReply &seq : duplicates.elements) {
        if (Item *item = find(seq.string.toLongLong()))
            markDuplicate(*item);
    }
    if (known && redisStreamed > streamedTo) {
        markStreamedUpTo(redisStreamed); // its replies were lost with the link
        streamedTo = redisStreamed;
    } else if ((known && redisStreamed < streamedTo) || (!known && synced && streamedTo > 0)) {
        // Redis no longer has rows it had confirmed (a restart without persistence, a flush):
        // they go back to the stream, in order. Published ones are not published again: their
        // listeners had them when they were.
        const qint64 lost = m_journal->reopenStream(redisStreamed, m_options.streamMaxLen);
        m_lostByRedis += lost;
        qCCritical(lcRedis).noquote()
            << QStringLiteral("Redis lost %1 webhook(s) it had in %2 (run_id %3 -> %4): adding "
                              "them back, in order")
                   .arg(lost)
                   .arg(QString::fromUtf8(m_options.streamKey), lastRunId,
                        QString::fromLatin1(runId));
        streamedTo = m_journal->streamedTo();
        m_reloadWanted = true;
    }
    if (known && redisPublished > publishedTo) {
        for (Item &item : m_window) {
            if (item.seq <= redisPublished && !item.resendId && item.publish != Publish::Done)
                settlePublish(item, Fate::Forwarded, -1);
        }
        m_journal->setPublishedTo(redisPublished);
    }
    m_counts.holding = fields.value("h", 0) == 1;
    m_journal->setMeta(QStringLiteral("redis_run_id"), QString::fromLatin1(runId));

    // Redis and the journal agree from here on.
    const quint64 link = m_link;
    const bool sent = m_redis->command(
        {QByteArrayLiteral("HSET"), stateKey(), QByteArrayLiteral("s"),
         QByteArray::number(m_journal->streamedTo()), QByteArrayLiteral("p"),
         QByteArray::number(m_journal->publishedTo())},
        [this, link](const RedisReply &reply) {
            if (link != m_link || reply.type == RedisReply::Type::Disconnected)
                return;
            if (reply.isError()) {
                m_refusal.refused(reply.string);
                m_careful = true;
                pauseThenPump();
                return;
            }
            m_journal->setMeta(QStringLiteral("redis_synced"), QStringLiteral("1"));
            m_reconciled = true;
            m_streamTail = m_journal->streamedTo();
            m_publishTail = m_journal->publishedTo();
            for (Item &item : m_window)
                item.streamSent = item.publishSent = false;
            pump();
        });
    if (!sent)
        return;
    dropSettled();
    Q_EMIT queueChanged(undelivered());
}

void Forwarder::pump()
{
    if (m_reloadWanted && m_batchesInFlight == 0)
        reload();
    expireOld();
    refill();
    if (m_redis->state() != ConnectionState::Connected || !m_reconciled || m_paused || m_userPaused)
        return;
    const int limit = m_careful ? 1 : maxBatchesInFlight;
    while (m_batchesInFlight < limit && sendBatch()) {
    }
}

bool Forwarder::sendBatch()
{
    const bool streaming = !m_streamPausedUntil || nowMs() >= m_streamPausedUntil;
    // Spilled rows come first: nothing is published before the window has them back.
    const bool publishing = (!m_counts.holding || m_resume) && !m_spilled;
    QList<QByteArray> argv{QByteArrayLiteral("EVAL"),
                           QByteArray(deliveryScript),
                           QByteArrayLiteral("2"),
                           m_options.streamKey,
                           stateKey(),
                           QByteArray::number(m_options.streamMaxLen),
                           m_options.channel,
                           m_options.requireListener ? QByteArrayLiteral("1")
                                                     : QByteArrayLiteral("0"),
                           m_resume ? QByteArrayLiteral("1") : QByteArrayLiteral("0"),
                           QByteArray::number(m_streamTail),
                           QByteArray::number(m_publishTail),
                           QByteArray::number(nowMs()),
                           m_options.receiver,
                           QByteArray::number(m_options.dedupeWindow.count()),
                           m_options.streamKey + ":t6:dedupe:"};
    QList<Sent> sent;
    qint64 bytes = 0;
    const qint64 streamTail = m_streamTail;
    const qint64 publishTail = m_publishTail;
    for (Item &item : m_window) {
        int wants = 0;
        if (streaming && !item.streamed && !item.streamSent)
            wants |= 1;
        if (publishing && item.publish != Publish::Done && !item.publishSent)
            wants |= 2;
        if (wants == 0)
            continue;
        argv << QByteArray::number(item.seq) << item.traceId.toLatin1() << item.envelope
             << QByteArray::number(wants) << QByteArray::number(item.resendId) << item.dedupeKey;
        sent.append({item.seq, wants});
        bytes += item.envelope.size();
        if (sent.size() >= maxRowsPerBatch || bytes >= maxBatchBytes)
            break;
    }
    if (sent.isEmpty())
        return false;
    const quint64 link = m_link;
    bool ok = false;
    if (m_options.replicaWait.count() > 0 && m_replicas > 0) {
        // Counted once a replica has it too: a failover then cannot take it back.
        auto delivered = std::make_shared<RedisReply>();
        ok = m_redis->command(argv, [delivered](const RedisReply &reply) { *delivered = reply; }) &&
             m_redis->command({QByteArrayLiteral("WAIT"), QByteArrayLiteral("1"),
                               QByteArray::number(m_options.replicaWait.count())},
                              [this, sent, link, delivered](const RedisReply &wait) {
                                  if (link == m_link)
                                      onReplicated(sent, *delivered, wait);
                              });
    } else {
        ok = m_redis->command(argv, [this, sent, link](const RedisReply &reply) {
            if (link == m_link)
                onDelivered(sent, reply);
        });
    }
    if (!ok) {
        m_streamTail = streamTail;
        m_publishTail = publishTail;
        return false;
    }
    m_resume = false;
    for (const Sent &s : sent) {
        Item *item = find(s.seq);
        if (s.wants & 1) {
            item->streamSent = true;
            m_streamTail = s.seq;
        }
        if (s.wants & 2) {
            item->publishSent = true;
            if (!item->resendId)
                m_publishTail = s.seq;
        }
    }
    ++m_batchesInFlight;
    return true;
}

void Forwarder::onReplicated(const QList<Sent> &sent, const RedisReply &reply,
                             const RedisReply &wait)
{
    if (wait.type == RedisReply::Type::Disconnected || reply.isError() ||
        (wait.type == RedisReply::Type::Integer && wait.integer >= 1)) {
        onDelivered(sent, reply);
        return;
    }
    // On the master only: not counted yet. Sent again after a pause, the script skips what it
    // has, and the next WAIT covers it all.
    --m_batchesInFlight;
    refusedWhole(sent, wait.isError()
                           ? wait.string
                           : QByteArrayLiteral("NOREPLICAS no replica had it within ") +
                                 QByteArray::number(m_options.replicaWait.count()) + " ms");
    askReplicas();
}

void Forwarder::onDelivered(const QList<Sent> &sent, const RedisReply &reply)
{
    --m_batchesInFlight;
    if (reply.type == RedisReply::Type::Disconnected)
        return; // the disconnect handler has let go of the batch; the reconnect settles it
    const auto &e = reply.elements;
    if (reply.isError() || reply.type != RedisReply::Type::Array || e.size() < 6) {
        refusedWhole(sent, reply.isError() ? reply.string
                                           : QByteArrayLiteral("ERR unexpected reply to EVAL"));
        return;
    }
    m_refusal.accepted();
    const qint64 redisStreamed = e.at(0).integer;
    const qint64 redisPublished = e.at(1).integer;
    const bool held = e.at(2).integer != 0;
    const QByteArray streamError = e.at(3).string;
    const QList<RedisReply> &heard = e.at(4).elements;
    const QByteArray stateError = e.at(5).string;
    if (e.size() > 6) {
        const QList<RedisReply> &duplicates = e.at(6).elements;
        for (qsizetype i = 0; i < sent.size() && i < duplicates.size(); ++i) {
            Item *item = duplicates.at(i).integer == 1 ? find(sent.at(i).seq) : nullptr;
            if (item)
                markDuplicate(*item);
        }
    }

    markStreamedUpTo(redisStreamed);
    if (redisPublished > m_journal->publishedTo())
        m_journal->setPublishedTo(redisPublished);
    bool gap = false;
    for (qsizetype i = 0; i < sent.size(); ++i) {
        Item *item = find(sent.at(i).seq);
        if (!item)
            continue;
        if ((sent.at(i).wants & 1) && !item->streamed) {
            item->streamSent = false;
            gap = gap || streamError.isEmpty();
        }
        if (!(sent.at(i).wants & 2))
            continue;
        if (item->duplicate)
            continue;
        const qint64 n = i < heard.size() ? heard.at(i).integer : -2;
        const Fate done = item->resendId ? Fate::Replayed : Fate::Forwarded;
        if (n == -3) {
            settlePublish(*item, done, -1); // published before (its reply was lost)
        } else if (n == -2) {
            item->publishSent = false;
            gap = gap || !held;
        } else {
            m_listeners = n;
            if (n == 0 && m_options.requireListener) {
                item->publishSent = false;
                if (item->publish != Publish::Held) {
                    item->publish = Publish::Held;
                    m_journal->setFate(item->seq, Fate::Held, nowMs(), 0);
                    Q_EMIT fateChanged(item->traceId, Fate::Held, 0);
                }
            } else {
                settlePublish(*item, done, n);
            }
        }
    }
    if (held != m_counts.holding) {
        if (held)
            qCWarning(lcRedis).noquote() << "nobody listens on" << m_options.channel
                                         << "- publishing waits for a listener; the stream "
                                            "gets every webhook meanwhile";
        else
            qCInfo(lcRedis).noquote() << "a listener is back on" << m_options.channel;
        m_counts.holding = held;
        m_reloadWanted = m_reloadWanted || (!held && m_spilled);
    }
    if (!streamError.isEmpty()) {
        // The stream refuses (e.g. the key holds something else): publishing goes on, the
        // stream is tried again, in order, after a pause.
        m_streamRefusal.refused(streamError);
        m_streamPausedUntil = nowMs() + m_pause.count();
        m_pause = std::min<std::chrono::milliseconds>(m_pause * 2, longestPause);
        QTimer::singleShot(m_pause, this, &Forwarder::pump);
    } else if (redisStreamed > 0) {
        m_streamRefusal.accepted();
    }
    if (!stateError.isEmpty()) {
        m_refusal.refused(stateError);
        gap = true;
    }
    if (gap && !m_careful)
        m_careful = true; // what was sent behind a refusal comes back undone: one at a time
    else if (!gap && streamError.isEmpty() && m_careful && m_batchesInFlight == 0)
        m_careful = false;
    if (m_careful && m_batchesInFlight == 0) {
        // Nothing in flight: start again from what Redis has confirmed.
        m_streamTail = m_journal->streamedTo();
        m_publishTail = m_journal->publishedTo();
        for (Item &item : m_window)
            item.streamSent = item.publishSent = false;
    }
    if (!gap && streamError.isEmpty())
        m_pause = shortestPause;
    dropSettled();
    Q_EMIT queueChanged(undelivered());
    pump();
}

void Forwarder::refusedWhole(const QList<Sent> &sent, const QByteArray &error)
{
    // Refused before it ran (OOM, READONLY, NOPERM, MISCONF, LOADING...): nothing happened.
    m_refusal.refused(error);
    for (const Sent &s : sent) {
        if (Item *item = find(s.seq))
            item->streamSent = item->publishSent = false;
    }
    m_careful = true;
    if (isTransient(RedisRefusal::causeOf(error)))
        m_pause = shortestPause;
    pauseThenPump();
}

void Forwarder::pauseThenPump()
{
    if (m_paused)
        return;
    m_paused = true;
    const auto pause = m_pause;
    m_pause = std::min<std::chrono::milliseconds>(m_pause * 2, longestPause);
    QTimer::singleShot(pause, this, [this] {
        m_paused = false;
        if (m_redis->state() != ConnectionState::Connected)
            return;
        if (!m_reconciled) {
            reconcile();
            return;
        }
        if (m_batchesInFlight == 0) {
            m_streamTail = m_journal->streamedTo();
            m_publishTail = m_journal->publishedTo();
            for (Item &item : m_window)
                item.streamSent = item.publishSent = false;
        }
        pump();
    });
}

void Forwarder::markStreamedUpTo(qint64 seq)
{
    if (seq > m_journal->streamedTo())
        m_journal->setStreamedTo(seq);
    const qint64 at = nowMs();
    for (Item &item : m_window) {
        if (item.seq > seq)
            break;
        if (item.streamed)
            continue;
        item.streamed = true;
        item.streamSent = false;
        --m_counts.unstreamed;
        if (item.publish == Publish::Done)
            --m_counts.open;
        if (item.duplicate)
            continue; // passed by the stream's cursor, not in the stream
        m_journal->setStreamed(item.seq, at);
        Q_EMIT streamed(item.traceId);
    }
}

void Forwarder::settlePublish(Item &item, Fate fate, qint64 listeners)
{
    if (item.publish == Publish::Done)
        return;
    item.publish = Publish::Done;
    item.publishSent = false;
    m_journal->setFate(item.seq, fate, nowMs(), listeners, item.resendId != 0);
    --m_counts.unpublished;
    if (fate == Fate::Expired)
        ++m_counts.expired;
    if (item.streamed)
        --m_counts.open;
    Q_EMIT fateChanged(item.traceId, fate, listeners);
}

void Forwarder::markDuplicate(Item &item)
{
    if (item.duplicate)
        return;
    item.duplicate = true;
    ++m_counts.duplicates;
    qCInfo(lcRedis).noquote() << "duplicate of a webhook another receiver took first:"
                              << item.traceId;
    settlePublish(item, Fate::Duplicate, -1);
}

void Forwarder::dropSettled()
{
    while (!m_window.empty() && m_window.front().streamed &&
           m_window.front().publish == Publish::Done) {
        m_windowBytes -= m_window.front().envelope.size();
        m_window.pop_front();
    }
}

void Forwarder::expireOld()
{
    if (m_options.replayMaxAge.count() <= 0)
        return;
    const qint64 cut = nowMs() - std::chrono::milliseconds(m_options.replayMaxAge).count();
    bool any = false;
    for (Item &item : m_window) {
        if (item.publish != Publish::Done && !item.publishSent && item.ageBaseMs < cut) {
            qCWarning(lcRedis).noquote() << "expired, not published:" << item.traceId;
            settlePublish(item, Fate::Expired, -1);
            any = true;
        }
    }
    if (any) {
        dropSettled();
        Q_EMIT queueChanged(undelivered());
    }
}

void Forwarder::pollListeners()
{
    if (m_redis->state() != ConnectionState::Connected || !m_reconciled)
        return;
    m_redis->command({QByteArrayLiteral("PUBSUB"), QByteArrayLiteral("NUMSUB"), m_options.channel},
                     [this](const RedisReply &reply) {
                         if (reply.type != RedisReply::Type::Array || reply.elements.size() != 2)
                             return;
                         m_listeners = reply.elements.at(1).integer;
                         if (m_listeners > 0 && m_counts.holding && !m_resume) {
                             qCInfo(lcRedis).noquote()
                                 << "a listener subscribed: publishing what waited, in order";
                             m_resume = true;
                             m_reloadWanted = m_reloadWanted || m_spilled;
                             pump();
                         }
                     });
}
