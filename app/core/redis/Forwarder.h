#pragma once

#include "journal/JournalRecord.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <deque>

class Journal;
class RedisConnection;
struct RedisReply;

// Delivers the journal's accepted webhooks to Redis strictly in journal order, pipelined:
// MULTI; XADD <stream> ...; PUBLISH webhook_raw ...; EXEC. When nobody listens the row is held
// (it is in the stream already) and re-published once a listener subscribes; a row older than
// the replay limit expires instead of firing late. After a crash or a lost reply, rows whose
// trace_id is already in the stream's tail are marked forwarded, not sent twice.
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
    };

    Forwarder(Journal *journal, RedisConnection *redis, Options options, QObject *parent = nullptr);

    // Loads what the journal still has to deliver; call once, before submit().
    void start();
    // A row the journal has just committed as accepted and pending.
    void submit(const JournalRecord &record);
    // Re-sends expired or held rows by hand, with "replayed": true. Returns how many.
    int resend(const QList<JournalRecord> &records);

    int undelivered() const { return int(m_queue.size()) + (m_complete ? 0 : 1); }
    qint64 listeners() const { return m_listeners; }

    // The envelope as re-sent by hand: the original with "replayed": true appended.
    static QByteArray replayedEnvelope(const QByteArray &envelope);

Q_SIGNALS:
    void fateChanged(const QString &traceId, Fate fate, qint64 listeners);
    void queueChanged(int undelivered);

private:
    struct Item {
        qint64 seq;
        QString traceId;
        QByteArray envelope;
        qint64 ageBaseMs; // receipt, or the moment it was re-sent by hand
        bool streamed;
        bool replayed;
        bool inFlight = false;
    };

    void onConnected();
    void reconcileWithStream(const RedisReply &reply);
    void pump();
    void send(Item &item);
    void onDelivered(qint64 seq, const RedisReply &reply);
    void settle(std::deque<Item>::iterator it, Fate fate, qint64 listeners);
    void expireOld();
    void pollListeners();
    void refill();
    static Item itemFrom(const JournalRecord &record);
    // Errors that pass by themselves (Redis loading its data, busy with a script...).
    static bool isTransient(const QByteArray &error)
    {
        return error.startsWith("LOADING") || error.startsWith("BUSY") ||
               error.startsWith("TRYAGAIN") || error.startsWith("MASTERDOWN");
    }

    Journal *m_journal;
    RedisConnection *m_redis;
    Options m_options;
    std::deque<Item> m_queue; // a window of the journal's undelivered rows, in seq order
    qint64 m_loadedUpTo = 0;  // highest seq ever loaded into the window
    bool m_complete = true;   // the window holds every undelivered row
    bool m_reconciling = false;
    bool m_holding = false; // the front row found no listener: wait for one
    bool m_paused = false;  // Redis refused a delivery: wait a moment before sending again
    QByteArray m_lastStreamError;
    int m_inFlight = 0;
    qint64 m_listeners = -1;
    QTimer m_housekeeping; // expiry, and listener polling while holding
};
