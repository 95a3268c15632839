#pragma once

#include "journal/Durability.h"
#include "journal/JournalRecord.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

struct sqlite3;
class WalCheckpointer;

// The durable record of every accepted webhook and its fate: SQLite in WAL mode, written by group
// commit. Appends and fate changes made during one turn of the event loop share one transaction,
// so a burst of webhooks costs one commit, and each caller hears back once its row is on disk.
// Refused requests are not rows of their own: they arrive aggregated (RefusalLedger) in a table of
// their own, capped, so refused traffic can never take an accepted webhook's room.
//
// Its size on disk is bounded as a whole: the database by a page cap, its write-ahead log by
// checkpoints on a thread of their own (WalCheckpointer) and a size limit, both inside maxBytes.
// Lives in the net thread; only that thread uses it.
class Journal : public QObject
{
    Q_OBJECT
public:
    using Durability = ::Durability;
    struct Options {
        QString path;
        Durability durability = Durability::Normal;
        qint64 maxBytes = 1024LL * 1024 * 1024; // database + WAL; past it appends fail: 503
        bool readOnly = false; // a reader beside the writer (JournalReader): queries only
    };
    using Committed = std::function<void(bool ok, qint64 seq)>;

    // What waits, counted once at start (the forwarder keeps the counts up to date after).
    struct Backlog {
        qint64 unstreamed = 0;  // accepted, not yet in the stream
        qint64 unpublished = 0; // pending or held: not yet published
        qint64 open = 0;        // either of the two
        qint64 expired = 0;
    };
    // Refused requests of one address and reason within one interval.
    struct Refusal {
        qint64 intervalStartMs = 0;
        QString sourceIp;
        int httpStatus = 0;
        QString reason;
        qint64 count = 0;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
        QByteArray sample; // 400 only: the start of the body, tokens redacted
    };

    explicit Journal(Options options, QObject *parent = nullptr);
    ~Journal() override;

    // Where the journal of a data folder is: the one place that says so.
    static QString pathIn(const QString &dataDir);

    // Opens or creates the database; returns why it cannot, or empty.
    QString open();
    bool isHealthy() const { return m_healthy; }
    // Made when the file is created: names this journal's delivery state in Redis, so that a
    // fresh journal (seqs from 1 again) is never taken for one that was there before.
    QString journalId() const { return m_journalId; }
    // Small key/value facts kept with the journal (e.g. the Redis run_id last seen).
    QString meta(const QString &key) const { return m_meta.value(key); }
    void setMeta(const QString &key, const QString &value);

    // Every accepted row up to this seq is in the stream (in order: the forwarder never streams a
    // row before the one ahead of it). Changes go into the next commit.
    qint64 streamedTo() const { return m_streamedTo; }
    void setStreamedTo(qint64 seq);
    // The last row published in journal order (hand resends excepted).
    qint64 publishedTo() const { return m_publishedTo; }
    void setPublishedTo(qint64 seq);

    // Queued for the next group commit; `done` runs after it, with the row's seq.
    void append(JournalRecord record, Committed done);
    // Batched into the next group commit as well. `replayed` only ever turns on.
    void setFate(qint64 seq, Fate fate, qint64 atMs, qint64 listeners = -1, bool replayed = false);
    void setStreamed(qint64 seq, qint64 atMs);
    void addRefusals(const QList<Refusal> &refusals);
    // Commits what is queued now (shutdown, tests).
    void flush();

    // Accepted rows after `afterSeq` still to stream or to publish, in journal order, at most
    // `maxRows` and about `maxBytes` of envelopes.
    QList<JournalRecord> openRows(qint64 afterSeq, int maxRows, qint64 maxBytes);
    Backlog backlog();
    // Redis lost the rows after `fromSeq` it had in the stream: they are open again, the newest
    // `maxRows` of them at most (the stream keeps no more). Returns how many.
    qint64 reopenStream(qint64 fromSeq, qint64 maxRows);
    // Expired rows (or the one with `traceId`, when given) back to pending, as replays.
    // Returns how many.
    int revive(qint64 atMs, const QString &traceId = {});
    // Rows waiting to be published (pending or held) expire. Returns their trace ids, in order.
    QStringList expireWaiting(qint64 atMs);
    std::optional<JournalRecord> byTraceId(const QString &traceId);
    // The newest `limit` rows, oldest first (to fill a monitor at start).
    QList<JournalRecord> recent(int limit);
    // Accepted rows received since `sinceMs`, with their dedupe keys, oldest first.
    QList<JournalRecord> acceptedSince(qint64 sinceMs);
    QList<Refusal> refusals(int limit);
    // Database and WAL files together, as they are on disk now.
    qint64 bytesOnDisk() const;

    // Deletes settled rows (not open) and refusals received before `beforeMs`; returns how many
    // webhook rows went.
    int prune(qint64 beforeMs);

    // What SQLite keeps of refusals at most, and how large the WAL may grow, for `maxBytes`.
    static qint64 refusalRowsCap(qint64 maxBytes);
    static qint64 walBytesCap(qint64 maxBytes);

Q_SIGNALS:
    void failed(const QString &message); // a commit did not reach the disk

private:
    struct Op;
    struct CommitStatements; // prepared once, reused by every commit
    void scheduleCommit();
    void commit();
    bool exec(const char *sql);
    bool migrate();
    QList<JournalRecord> select(const QByteArray &where, const QList<QVariant> &args);
    void onWalCommit(int frames);

    Options m_options;
    sqlite3 *m_db = nullptr;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // off the net thread; none in memory
    std::unique_ptr<CommitStatements> m_statements;  // finalized before m_db is closed
    qint64 m_pageSize = 4096;
    std::vector<Op> m_queue;
    QHash<QString, QString> m_meta;
    QHash<QString, QString> m_metaChanged; // into the next commit
    QString m_journalId;
    qint64 m_streamedTo = 0;
    qint64 m_publishedTo = 0;
    bool m_commitScheduled = false;
    bool m_healthy = true;
    friend int walHook(void *, sqlite3 *, const char *, int);
};
