#pragma once

#include "journal/JournalRecord.h"
#include "redis/RedisRefusal.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <deque>

class Journal;
class RedisConnection;
struct RedisReply;

// Delivers the journal's accepted webhooks to Redis, on two cursors in journal order: every row
// goes to the stream (XADD) as soon as Redis is reachable, whoever listens; PUBLISH webhook_raw
// follows, held while nobody listens, and a row that could not be published within the replay
// limit expires instead of firing late. Both go through one script (DeliveryScript.h) that makes
// the order hold and sends nothing twice, whatever is refused, lost or re-sent in between.
//
// At every (re)connect, before anything is sent, the forwarder reads the state Redis keeps for
// this journal and settles what the journal does not know (replies lost with the link) and what
// Redis has lost (a restart without persistence: the rows are added back to the stream, in
// order). If that state cannot be read, nothing is sent until it can. Every refusal is named
// (refusal(), streamRefusal()) and retried after a pause, one batch at a time until one goes
// through. What waits is counted here, not asked of the journal at each /health.
class Forwarder : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QByteArray channel = QByteArrayLiteral("webhook_raw");
        QByteArray streamKey = QByteArrayLiteral("webhook_raw:stream");
        qint64 streamMaxLen = 100000;
        bool requireListener = true;
        std::chrono::seconds replayMaxAge{120}; // 0: no limit
        qint64 windowBytes = 8 * 1024 * 1024;   // envelopes held in memory; the rest wait on disk
        QByteArray receiver;                    // this receiver's name, in each stream entry
        std::chrono::milliseconds dedupeWindow{0}; // duplicates across receivers; 0: off
        // With replicas, a batch counts once one has it (WAIT 1); 0: not waited for.
        std::chrono::milliseconds replicaWait{500};
    };
    struct Counts {
        qint64 unstreamed = 0;  // not yet in the stream
        qint64 unpublished = 0; // not yet published (waiting for Redis or for a listener)
        qint64 open = 0;        // either
        qint64 expired = 0;
        qint64 duplicates = 0;   // found in Redis: another receiver had them first
        qint64 oldestOpenMs = 0; // receipt of the oldest open row; 0: none
        bool holding = false;    // nobody listens: publishing waits
    };

    Forwarder(Journal *journal, RedisConnection *redis, Options options, QObject *parent = nullptr);

    // Counts what the journal still has to deliver; call once, before submit().
    void start();
    // A row the journal has just committed as accepted.
    void submit(const JournalRecord &record);
    // Expired rows (all, or the one with `traceId`) published again, by hand, with
    // "replayed": true. Returns how many.
    int resend(const QString &traceId = {});

    Counts counts() const;
    // The kill switch: while paused nothing is streamed or published (webhooks are still
    // answered and journaled). On resume, what waited is published in order (within the replay
    // limit) when `publishWaiting`, else it expires; either way it goes to the stream.
    void pause();
    void resume(bool publishWaiting);
    bool isPaused() const { return m_userPaused; }
    static QString pausedKey(); // the journal's meta key that keeps the kill switch on
    int undelivered() const { return int(m_counts.open); }
    qint64 listeners() const { return m_listeners; }
    const RedisRefusal &refusal() const { return m_refusal; }
    const RedisRefusal &streamRefusal() const { return m_streamRefusal; }
    // Rows Redis had in the stream and lost (restarts without persistence), since start.
    qint64 lostByRedis() const { return m_lostByRedis; }
    // The key of this journal's delivery state in Redis.
    QByteArray stateKey() const;
    // Replicas of the master, as Redis last said (INFO replication); -1: not known yet.
    int replicas() const { return m_replicas; }

    // The envelope as re-sent by hand: the original with "replayed": true appended.
    static QByteArray replayedEnvelope(const QByteArray &envelope);

Q_SIGNALS:
    void streamed(const QString &traceId);
    void fateChanged(const QString &traceId, Fate fate, qint64 listeners);
    void queueChanged(int undelivered);

private:
    enum class Publish { Waiting, Held, Done };
    struct Item {
        qint64 seq = 0;
        QString traceId;
        QByteArray envelope;
        QByteArray dedupeKey; // hex
        qint64 receivedMs = 0;
        qint64 ageBaseMs = 0; // receipt, or the moment it was re-sent by hand
        qint64 resendId = 0;  // non-zero: a hand resend
        bool streamed = false;
        bool duplicate = false;
        Publish publish = Publish::Waiting;
        bool streamSent = false;
        bool publishSent = false;
    };
    struct Sent {
        qint64 seq;
        int wants;
    };

    void onConnected();
    void reconcile();
    void onState(const RedisReply &info, const RedisReply &state, const RedisReply &duplicates);
    void pump();
    bool sendBatch();
    void onDelivered(const QList<Sent> &sent, const RedisReply &reply);
    void onReplicated(const QList<Sent> &sent, const RedisReply &reply, const RedisReply &wait);
    void markDuplicate(Item &item);
    void askReplicas();
    void refusedWhole(const QList<Sent> &sent, const QByteArray &error);
    void pauseThenPump();
    void markStreamedUpTo(qint64 seq);
    void settlePublish(Item &item, Fate fate, qint64 listeners);
    void dropSettled();
    void expireOld();
    void pollListeners();
    void refill();
    void reload();
    Item *find(qint64 seq);
    Item itemFrom(const JournalRecord &record) const;

    Journal *m_journal;
    RedisConnection *m_redis;
    Options m_options;
    std::deque<Item> m_window; // the journal's open rows, in seq order, from the oldest
    qint64 m_windowBytes = 0;
    qint64 m_loadedUpTo = 0; // highest seq ever loaded into the window
    bool m_complete = true;  // the window holds every open row
    bool m_reconciled = false;
    bool m_paused = false;     // after a refusal: wait before sending again
    bool m_userPaused = false; // the kill switch
    bool m_careful = false;    // after a refusal: one batch in flight until one goes through
    bool m_resume = false;     // a listener is back: the next batch lifts the hold
    bool m_reloadWanted = false;
    bool m_spilled = false; // rows waiting for a listener left memory: reload when one comes
    std::chrono::milliseconds m_pause{500};
    int m_batchesInFlight = 0;
    quint64 m_link = 0;             // bumped at each disconnect: late replies are ignored
    qint64 m_streamPausedUntil = 0; // the stream refused: not asked again before this
    qint64 m_streamTail = 0;  // the last row sent for the stream (its successor's predecessor)
    qint64 m_publishTail = 0; // the same for publishing
    qint64 m_listeners = -1;
    int m_replicas = -1;
    qint64 m_lostByRedis = 0;
    qint64 m_resendId = 0;
    Counts m_counts;
    RedisRefusal m_refusal{QStringLiteral("deliveries")};
    RedisRefusal m_streamRefusal{QStringLiteral("the stream")};
    QTimer m_housekeeping; // expiry, and listener polling while holding
};
