#pragma once

#include "JournalRecord.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

struct sqlite3;
class WalCheckpointer;

// The durable record of every request and its fate: SQLite in WAL mode, written by group commit.
// Appends and fate changes made during one turn of the event loop share one transaction, so a
// burst of webhooks costs one commit, and each caller hears back once its row is on disk.
// Lives in the net thread; only that thread uses it.
class Journal : public QObject
{
    Q_OBJECT
public:
    enum class Durability {
        Normal, // survives the process being killed (WAL, synchronous=NORMAL)
        Full,   // survives power loss (fsync at every group commit)
        Memory, // nothing on disk: for benchmarks and throwaway runs only
    };
    struct Options {
        QString path;
        Durability durability = Durability::Normal;
        qint64 maxBytes = 1024LL * 1024 * 1024; // past this, appends fail: 503, not a full disk
    };
    using Committed = std::function<void(bool ok, qint64 seq)>;

    explicit Journal(Options options, QObject *parent = nullptr);
    ~Journal() override;

    // Opens or creates the database; returns why it cannot, or empty.
    QString open();
    bool isHealthy() const { return m_healthy; }

    // Queued for the next group commit; `done` runs after it, with the row's seq.
    void append(JournalRecord record, Committed done);
    // Batched into the next group commit as well.
    // `streamed` and `replayed` only ever turn on.
    void setFate(qint64 seq, Fate fate, qint64 atMs, qint64 listeners = -1, bool streamed = false,
                 bool replayed = false);
    // Commits what is queued now (shutdown, tests).
    void flush();

    // Accepted rows still to deliver (pending or held), in journal order, after `afterSeq`.
    QList<JournalRecord> undelivered(qint64 afterSeq, int limit);
    QList<JournalRecord> withFate(Fate fate, int limit);
    std::optional<JournalRecord> byTraceId(const QString &traceId);
    // The newest `limit` rows, oldest first (to fill a monitor at start).
    QList<JournalRecord> recent(int limit);
    // Accepted rows received since `sinceMs`, with their dedupe keys, oldest first.
    QList<JournalRecord> acceptedSince(qint64 sinceMs);

    struct Counts {
        qint64 pending = 0;
        qint64 held = 0;
        qint64 expired = 0;
        qint64 oldestUndeliveredMs = 0; // receivedMs of the oldest pending/held row; 0: none
    };
    Counts counts();

    // Deletes settled rows (not pending or held) received before `beforeMs`; returns how many.
    int prune(qint64 beforeMs);

Q_SIGNALS:
    void failed(const QString &message); // a commit did not reach the disk

private:
    struct Op;
    void scheduleCommit();
    void commit();
    bool exec(const char *sql);
    QList<JournalRecord> select(const QByteArray &where, const QList<QVariant> &args);

    Options m_options;
    sqlite3 *m_db = nullptr;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // off the net thread; none in memory
    std::vector<Op> m_queue;
    bool m_commitScheduled = false;
    bool m_healthy = true;
};
