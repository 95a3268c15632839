#include "journal/Journal.h"

#include "journal/WalCheckpointer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <QVariant>

#include <algorithm>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcJournal, "t6.journal")

namespace {

const char schema[] = R"sql(
CREATE TABLE IF NOT EXISTS webhooks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    trace_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    received_ms INTEGER NOT NULL,
    source_ip TEXT NOT NULL,
    outcome TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    reason TEXT,
    payload BLOB,
    envelope BLOB,
    dedupe_key BLOB,
    fate TEXT NOT NULL,
    fate_at_ms INTEGER,
    listeners INTEGER,
    streamed INTEGER NOT NULL DEFAULT 0,
    replayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS webhooks_fate ON webhooks(fate, seq);
CREATE INDEX IF NOT EXISTS webhooks_trace ON webhooks(trace_id);
CREATE INDEX IF NOT EXISTS webhooks_received ON webhooks(received_ms);
CREATE TABLE IF NOT EXISTS refusals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    interval_start_ms INTEGER NOT NULL,
    source_ip TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    reason TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    sample BLOB
);
CREATE INDEX IF NOT EXISTS refusals_time ON refusals(last_ms);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

const char columns[] = "seq, trace_id, received_at, received_ms, source_ip, outcome, http_status, "
                       "reason, payload, envelope, dedupe_key, fate, fate_at_ms, listeners, "
                       "streamed, replayed, streamed_at_ms";

// How long a write waits for the checkpointer (or a reader) before it fails.
constexpr int busyTimeoutMs = 2000;

// Rows still open: to stream (past the watermark) or to publish.
const char openCondition[] = "outcome = 'accepted' AND (seq > ? OR fate IN ('pending', 'held'))";

// A prepared statement that finalizes itself.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const { return m_stmt != nullptr; }
    sqlite3_stmt *get() const { return m_stmt; }

    void bind(int i, const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, const QByteArray &blob)
    {
        if (blob.isNull())
            sqlite3_bind_null(m_stmt, i);
        else
            sqlite3_bind_blob(m_stmt, i, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, qint64 value) { sqlite3_bind_int64(m_stmt, i, value); }
    void bind(int i, const QVariant &value)
    {
        if (value.typeId() == QMetaType::QByteArray)
            bind(i, value.toByteArray());
        else if (value.typeId() == QMetaType::QString)
            bind(i, value.toString());
        else
            bind(i, value.toLongLong());
    }

    QString text(int col) const
    {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col)),
                                 sqlite3_column_bytes(m_stmt, col));
    }
    QByteArray blob(int col) const
    {
        if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL)
            return {};
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_stmt, col)),
                          sqlite3_column_bytes(m_stmt, col));
    }
    qint64 integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

JournalRecord readRecord(const Statement &s)
{
    JournalRecord r;
    r.seq = s.integer(0);
    r.traceId = s.text(1);
    r.receivedAt = s.text(2);
    r.receivedMs = s.integer(3);
    r.sourceIp = s.text(4);
    r.outcome = outcomeFromName(s.text(5));
    r.httpStatus = int(s.integer(6));
    r.reason = s.text(7);
    r.payload = s.blob(8);
    r.envelope = s.blob(9);
    r.dedupeKey = s.blob(10);
    r.fate = fateFromName(s.text(11));
    r.fateAtMs = s.integer(12);
    r.listeners = sqlite3_column_type(s.get(), 13) == SQLITE_NULL ? -1 : s.integer(13);
    r.streamed = s.integer(14) != 0;
    r.replayed = s.integer(15) != 0;
    r.streamedAtMs = s.integer(16);
    return r;
}

} // namespace

// The group commit's statements, parsed once: SQLite's parser and planner cost more per commit
// than the rows they write.
struct Journal::CommitStatements {
    explicit CommitStatements(sqlite3 *db)
        : begin(db, "BEGIN IMMEDIATE")
        , commit(db, "COMMIT")
        , insert(db, "INSERT INTO webhooks (trace_id, received_at, received_ms, source_ip, "
                     "outcome, http_status, reason, payload, envelope, dedupe_key, fate, "
                     "fate_at_ms, listeners, streamed, replayed) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        , fate(db, "UPDATE webhooks SET fate=?, fate_at_ms=?, "
                   "listeners=CASE WHEN ?3 >= 0 THEN ?3 ELSE listeners END, "
                   "replayed=MAX(replayed, ?4) WHERE seq=?5")
        , streamed(db, "UPDATE webhooks SET streamed=1, streamed_at_ms=? WHERE seq=?")
        , setMeta(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
    {}
    bool ok() const
    {
        return begin.ok() && commit.ok() && insert.ok() && fate.ok() && streamed.ok() &&
               setMeta.ok();
    }
    // Runs a statement without results; reset and ready for the next use either way.
    static bool run(const Statement &statement)
    {
        const bool done = sqlite3_step(statement.get()) == SQLITE_DONE;
        sqlite3_reset(statement.get());
        return done;
    }

    Statement begin;
    Statement commit;
    Statement insert;
    Statement fate;
    Statement streamed;
    Statement setMeta;
};

int walHook(void *context, sqlite3 *, const char *, int frames)
{
    static_cast<Journal *>(context)->onWalCommit(frames);
    return SQLITE_OK;
}

struct Journal::Op {
    enum class Kind { Append, Fate, Streamed };
    Kind kind = Kind::Append;
    JournalRecord record; // Append: the row; Fate/Streamed: seq and the new values
    Committed done;
};

Journal::Journal(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

Journal::~Journal()
{
    commit(); // answers whatever is queued, with ok=false when the journal never opened
    m_checkpointer.reset();
    m_statements.reset();
    if (m_db)
        sqlite3_close(m_db);
}

QString Journal::pathIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("journal.sqlite"));
}

qint64 Journal::walBytesCap(qint64 maxBytes)
{
    return std::clamp<qint64>(maxBytes / 8, 32 * 1024, 64LL * 1024 * 1024);
}

qint64 Journal::refusalRowsCap(qint64 maxBytes)
{
    // A twentieth of the budget at ~512 bytes a row (a 400's sample is at most 256 bytes).
    return std::clamp<qint64>(maxBytes / 20 / 512, 100, 100000);
}

QString Journal::open()
{
    if (m_options.readOnly) {
        const bool opened =
            sqlite3_open_v2(m_options.path.toUtf8().constData(), &m_db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK;
        if (!opened) {
            const QString error = QString::fromUtf8(sqlite3_errmsg(m_db));
            sqlite3_close(m_db);
            m_db = nullptr;
            return QStringLiteral("journal %1: %2").arg(m_options.path, error);
        }
        sqlite3_busy_timeout(m_db, busyTimeoutMs);
        return {};
    }
    const bool memory = m_options.durability == Durability::Memory;
    if (!memory)
        QDir().mkpath(QFileInfo(m_options.path).absolutePath());
    const QByteArray path = memory ? QByteArrayLiteral(":memory:") : m_options.path.toUtf8();
    if (sqlite3_open_v2(path.constData(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const QString error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_close(m_db);
        m_db = nullptr;
        return QStringLiteral("journal %1: %2").arg(m_options.path, error);
    }
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    const char *synchronous = m_options.durability == Durability::Full ? "PRAGMA synchronous=FULL"
                              : m_options.durability == Durability::Memory
                                  ? "PRAGMA synchronous=OFF"
                                  : "PRAGMA synchronous=NORMAL";
    if ((!memory && !exec("PRAGMA journal_mode=WAL")) || !exec(synchronous) || !exec(schema) ||
        !migrate())
        return QStringLiteral("journal %1: %2")
            .arg(m_options.path, QString::fromUtf8(sqlite3_errmsg(m_db)));
    Statement pageSize(m_db, "PRAGMA page_size");
    if (pageSize.ok() && sqlite3_step(pageSize.get()) == SQLITE_ROW)
        m_pageSize = std::max<qint64>(512, pageSize.integer(0));
    // The database gets what the WAL's cap leaves of the budget.
    const qint64 walCap = memory ? 0 : walBytesCap(m_options.maxBytes);
    const qint64 pages = std::max<qint64>(16, (m_options.maxBytes - walCap) / m_pageSize);
    exec(QByteArray("PRAGMA max_page_count=" + QByteArray::number(pages)).constData());
    if (!memory) {
        exec(QByteArray("PRAGMA journal_size_limit=" + QByteArray::number(walCap)).constData());
        // Checkpoints run on their own thread (an fsync inside a commit stalls the net thread);
        // the hook below only tells it when the WAL grows.
        exec("PRAGMA wal_autocheckpoint=0");
        m_checkpointer = std::make_unique<WalCheckpointer>(m_options.path);
        sqlite3_wal_hook(m_db, &walHook, this);
    }
    return {};
}

bool Journal::migrate()
{
    // Columns added since the first schema.
    Statement info(m_db, "SELECT 1 FROM pragma_table_info('webhooks') WHERE name='streamed_at_ms'");
    if (info.ok() && sqlite3_step(info.get()) != SQLITE_ROW &&
        !exec("ALTER TABLE webhooks ADD COLUMN streamed_at_ms INTEGER"))
        return false;
    Statement read(m_db, "SELECT key, value FROM meta");
    while (read.ok() && sqlite3_step(read.get()) == SQLITE_ROW)
        m_meta.insert(read.text(0), read.text(1));
    if (!m_meta.contains(QStringLiteral("journal_id"))) {
        // A new file, or one from before the watermarks: streamed up to the last row ever
        // streamed (older rows that were never streamed expired long ago and stay out), published
        // up to the last one published in order.
        Statement streamed(m_db, "SELECT COALESCE(MAX(seq), 0) FROM webhooks WHERE streamed = 1");
        Statement published(m_db, "SELECT COALESCE(MAX(seq), 0) FROM webhooks WHERE "
                                  "fate = 'forwarded' AND replayed = 0");
        if (!streamed.ok() || !published.ok() || sqlite3_step(streamed.get()) != SQLITE_ROW ||
            sqlite3_step(published.get()) != SQLITE_ROW)
            return false;
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QByteArray sql = "INSERT INTO meta (key, value) VALUES ('journal_id', '" +
                               id.toLatin1() + "'), ('streamed_to', '" +
                               QByteArray::number(streamed.integer(0)) + "'), ('published_to', '" +
                               QByteArray::number(published.integer(0)) + "')";
        if (!exec(sql.constData()))
            return false;
        m_meta.insert(QStringLiteral("journal_id"), id);
        m_meta.insert(QStringLiteral("streamed_to"), QString::number(streamed.integer(0)));
        m_meta.insert(QStringLiteral("published_to"), QString::number(published.integer(0)));
    }
    m_journalId = m_meta.value(QStringLiteral("journal_id"));
    m_streamedTo = m_meta.value(QStringLiteral("streamed_to")).toLongLong();
    m_publishedTo = m_meta.value(QStringLiteral("published_to")).toLongLong();
    return true;
}

void Journal::onWalCommit(int frames)
{
    if (!m_checkpointer)
        return;
    const qint64 walBytes = qint64(frames) * m_pageSize;
    const qint64 cap = walBytesCap(m_options.maxBytes);
    if (walBytes > cap / 2) {
        // Under a steady stream of commits the checkpointer never finds the WAL still, and the
        // WAL only starts over once wholly copied back: do it here, between two commits, where
        // nothing is written meanwhile (the checkpointer has copied most of it already).
        // Without waiting while under the cap: if the checkpointer holds the WAL right now, the
        // next commit tries again. Past the cap, wait for it: the cap is a promise.
        const bool overCap = walBytes > cap;
        if (!overCap)
            sqlite3_busy_timeout(m_db, 0);
        int rc =
            sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
        // SQLite answers BUSY at once, busy handler or not, while the checkpointer is in a pass
        // of its own (a slow one when the disk is busy): past the cap, wait for that pass to end
        // rather than let the WAL grow (seen once at twice the cap under ctest -j2).
        for (QDeadlineTimer deadline(busyTimeoutMs);
             overCap && rc == SQLITE_BUSY && !deadline.hasExpired();) {
            QThread::msleep(2);
            rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr,
                                           nullptr);
        }
        if (!overCap)
            sqlite3_busy_timeout(m_db, busyTimeoutMs);
    } else if (walBytes > cap / 8) {
        m_checkpointer->wake();
    }
}

bool Journal::exec(const char *sql)
{
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) == SQLITE_OK)
        return true;
    qCWarning(lcJournal) << "sqlite:" << error;
    sqlite3_free(error);
    return false;
}

void Journal::setMeta(const QString &key, const QString &value)
{
    if (m_meta.value(key) == value && !m_metaChanged.contains(key))
        return;
    m_meta.insert(key, value);
    m_metaChanged.insert(key, value);
    scheduleCommit();
}

void Journal::setStreamedTo(qint64 seq)
{
    m_streamedTo = seq;
    setMeta(QStringLiteral("streamed_to"), QString::number(seq));
}

void Journal::setPublishedTo(qint64 seq)
{
    m_publishedTo = seq;
    setMeta(QStringLiteral("published_to"), QString::number(seq));
}

void Journal::append(JournalRecord record, Committed done)
{
    m_queue.push_back(Op{Op::Kind::Append, std::move(record), std::move(done)});
    scheduleCommit();
}

void Journal::setFate(qint64 seq, Fate fate, qint64 atMs, qint64 listeners, bool replayed)
{
    JournalRecord change;
    change.seq = seq;
    change.fate = fate;
    change.fateAtMs = atMs;
    change.listeners = listeners;
    change.replayed = replayed || fate == Fate::Replayed;
    m_queue.push_back(Op{Op::Kind::Fate, std::move(change), {}});
    scheduleCommit();
}

void Journal::setStreamed(qint64 seq, qint64 atMs)
{
    JournalRecord change;
    change.seq = seq;
    change.streamedAtMs = atMs;
    m_queue.push_back(Op{Op::Kind::Streamed, std::move(change), {}});
    scheduleCommit();
}

void Journal::addRefusals(const QList<Refusal> &refusals)
{
    if (!m_db || refusals.isEmpty())
        return;
    // Not part of the group commit: refused traffic must never delay an accepted webhook's.
    bool ok = exec("BEGIN IMMEDIATE");
    if (ok) {
        Statement insert(m_db,
                         "INSERT INTO refusals (interval_start_ms, source_ip, http_status, "
                         "reason, count, first_ms, last_ms, sample) VALUES (?,?,?,?,?,?,?,?)");
        ok = insert.ok();
        for (const Refusal &r : refusals) {
            if (!ok)
                break;
            sqlite3_reset(insert.get());
            insert.bind(1, r.intervalStartMs);
            insert.bind(2, r.sourceIp);
            insert.bind(3, qint64(r.httpStatus));
            insert.bind(4, r.reason);
            insert.bind(5, r.count);
            insert.bind(6, r.firstMs);
            insert.bind(7, r.lastMs);
            insert.bind(8, r.sample);
            ok = sqlite3_step(insert.get()) == SQLITE_DONE;
        }
        // The table keeps its newest rows only, whatever the rest of the journal holds.
        const QByteArray cap = QByteArray::number(refusalRowsCap(m_options.maxBytes));
        ok = ok && exec(QByteArray("DELETE FROM refusals WHERE id <= (SELECT MAX(id) FROM "
                                   "refusals) - " +
                                   cap)
                            .constData());
        ok = ok && exec("COMMIT");
    }
    if (!ok && !sqlite3_get_autocommit(m_db))
        exec("ROLLBACK");
    if (!ok)
        qCWarning(lcJournal).noquote() << "refusals not recorded:" << sqlite3_errmsg(m_db);
}

void Journal::scheduleCommit()
{
    if (m_commitScheduled)
        return;
    m_commitScheduled = true;
    // Runs once the event loop has read every request that is already in: they share this commit.
    QTimer::singleShot(0, this, &Journal::commit);
}

void Journal::flush()
{
    commit();
}

void Journal::commit()
{
    m_commitScheduled = false;
    if (m_queue.empty() && m_metaChanged.isEmpty())
        return;
    std::vector<Op> ops;
    ops.swap(m_queue);
    const QHash<QString, QString> meta = std::exchange(m_metaChanged, {});
    std::vector<qint64> seqs(ops.size(), 0);

    if (m_db && !m_statements) {
        m_statements = std::make_unique<CommitStatements>(m_db);
        if (!m_statements->ok()) {
            qCWarning(lcJournal) << "sqlite:" << sqlite3_errmsg(m_db);
            m_statements.reset(); // prepared again by the next commit
        }
    }
    bool ok = m_statements && CommitStatements::run(m_statements->begin);
    const bool began = ok;
    if (ok) {
        Statement &insert = m_statements->insert;
        Statement &fate = m_statements->fate;
        Statement &streamed = m_statements->streamed;
        Statement &setMeta = m_statements->setMeta;
        for (size_t i = 0; ok && i < ops.size(); ++i) {
            const JournalRecord &r = ops[i].record;
            switch (ops[i].kind) {
            case Op::Kind::Append:
                sqlite3_reset(insert.get());
                insert.bind(1, r.traceId);
                insert.bind(2, r.receivedAt);
                insert.bind(3, r.receivedMs);
                insert.bind(4, r.sourceIp);
                insert.bind(5, outcomeName(r.outcome));
                insert.bind(6, qint64(r.httpStatus));
                insert.bind(7, r.reason);
                insert.bind(8, r.payload);
                insert.bind(9, r.envelope);
                insert.bind(10, r.dedupeKey);
                insert.bind(11, fateName(r.fate));
                insert.bind(12, r.fateAtMs);
                insert.bind(13, r.listeners);
                insert.bind(14, qint64(r.streamed));
                insert.bind(15, qint64(r.replayed));
                ok = sqlite3_step(insert.get()) == SQLITE_DONE;
                if (ok)
                    seqs[i] = sqlite3_last_insert_rowid(m_db);
                break;
            case Op::Kind::Fate:
                sqlite3_reset(fate.get());
                fate.bind(1, fateName(r.fate));
                fate.bind(2, r.fateAtMs);
                fate.bind(3, r.listeners);
                fate.bind(4, qint64(r.replayed));
                fate.bind(5, r.seq);
                ok = sqlite3_step(fate.get()) == SQLITE_DONE;
                break;
            case Op::Kind::Streamed:
                sqlite3_reset(streamed.get());
                streamed.bind(1, r.streamedAtMs);
                streamed.bind(2, r.seq);
                ok = sqlite3_step(streamed.get()) == SQLITE_DONE;
                break;
            }
        }
        for (auto it = meta.cbegin(); ok && it != meta.cend(); ++it) {
            sqlite3_reset(setMeta.get());
            setMeta.bind(1, it.key());
            setMeta.bind(2, it.value());
            ok = sqlite3_step(setMeta.get()) == SQLITE_DONE;
        }
        ok = ok && CommitStatements::run(m_statements->commit);
    }
    if (!ok) {
        const QString error =
            m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("journal not open");
        // SQLite may have rolled back by itself (disk full).
        if (began && !sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        qCCritical(lcJournal).noquote() << "journal write failed:" << error;
        // What the failed commit would have recorded is tried again with the next one.
        for (auto it = meta.cbegin(); it != meta.cend(); ++it)
            m_metaChanged.insert(it.key(), it.value());
        Q_EMIT failed(error);
    }
    m_healthy = ok;
    for (size_t i = 0; i < ops.size(); ++i) {
        if (ops[i].done)
            ops[i].done(ok, ok ? seqs[i] : 0);
    }
}

QList<JournalRecord> Journal::select(const QByteArray &where, const QList<QVariant> &args)
{
    QList<JournalRecord> records;
    if (!m_db)
        return records;
    const QByteArray sql = QByteArray("SELECT ") + columns + " FROM webhooks " + where;
    Statement s(m_db, sql.constData());
    if (!s.ok())
        return records;
    for (int i = 0; i < args.size(); ++i)
        s.bind(i + 1, args.at(i));
    while (sqlite3_step(s.get()) == SQLITE_ROW)
        records.append(readRecord(s));
    return records;
}

QList<JournalRecord> Journal::openRows(qint64 afterSeq, int maxRows, qint64 maxBytes)
{
    QList<JournalRecord> rows;
    if (!m_db)
        return rows;
    const QByteArray sql = QByteArray("SELECT ") + columns + " FROM webhooks WHERE seq > ? AND " +
                           openCondition + " ORDER BY seq LIMIT ?";
    Statement s(m_db, sql.constData());
    s.bind(1, afterSeq);
    s.bind(2, m_streamedTo);
    s.bind(3, qint64(maxRows));
    qint64 bytes = 0;
    while (s.ok() && bytes < maxBytes && sqlite3_step(s.get()) == SQLITE_ROW) {
        rows.append(readRecord(s));
        bytes += rows.constLast().envelope.size();
    }
    return rows;
}

Journal::Backlog Journal::backlog()
{
    Backlog backlog;
    if (!m_db)
        return backlog;
    Statement s(m_db, "SELECT "
                      "(SELECT COUNT(*) FROM webhooks WHERE seq > ?1 AND outcome = 'accepted'), "
                      "(SELECT COUNT(*) FROM webhooks WHERE fate IN ('pending', 'held')), "
                      "(SELECT COUNT(*) FROM webhooks WHERE outcome = 'accepted' AND "
                      "(seq > ?1 OR fate IN ('pending', 'held'))), "
                      "(SELECT COUNT(*) FROM webhooks WHERE fate = 'expired')");
    s.bind(1, m_streamedTo);
    if (s.ok() && sqlite3_step(s.get()) == SQLITE_ROW) {
        backlog.unstreamed = s.integer(0);
        backlog.unpublished = s.integer(1);
        backlog.open = s.integer(2);
        backlog.expired = s.integer(3);
    }
    return backlog;
}

qint64 Journal::reopenStream(qint64 fromSeq, qint64 maxRows)
{
    if (!m_db || fromSeq >= m_streamedTo)
        return 0;
    flush();
    qint64 watermark = fromSeq;
    Statement oldest(m_db, "SELECT seq FROM webhooks WHERE outcome = 'accepted' AND seq > ? AND "
                           "seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?");
    oldest.bind(1, fromSeq);
    oldest.bind(2, m_streamedTo);
    oldest.bind(3, std::max<qint64>(0, maxRows - 1));
    if (oldest.ok() && sqlite3_step(oldest.get()) == SQLITE_ROW)
        watermark = std::max(fromSeq, oldest.integer(0) - 1);
    Statement count(m_db, "SELECT COUNT(*) FROM webhooks WHERE outcome = 'accepted' AND seq > ? "
                          "AND seq <= ?");
    count.bind(1, watermark);
    count.bind(2, m_streamedTo);
    const qint64 reopened =
        count.ok() && sqlite3_step(count.get()) == SQLITE_ROW ? count.integer(0) : 0;
    Statement unmark(m_db, "UPDATE webhooks SET streamed = 0, streamed_at_ms = NULL WHERE seq > ?");
    unmark.bind(1, watermark);
    sqlite3_step(unmark.get());
    setStreamedTo(watermark);
    flush();
    return reopened;
}

int Journal::revive(qint64 atMs, const QString &traceId)
{
    if (!m_db)
        return 0;
    flush(); // fates queued before this must not land on top of it
    QByteArray sql = "UPDATE webhooks SET fate = 'pending', replayed = 1, fate_at_ms = ? "
                     "WHERE fate = 'expired'";
    if (!traceId.isEmpty())
        sql += " AND trace_id = ?";
    Statement s(m_db, sql.constData());
    s.bind(1, atMs);
    if (!traceId.isEmpty())
        s.bind(2, traceId);
    if (!s.ok() || sqlite3_step(s.get()) != SQLITE_DONE)
        return 0;
    return sqlite3_changes(m_db);
}

QStringList Journal::expireWaiting(qint64 atMs)
{
    if (!m_db)
        return {};
    flush();
    Statement s(m_db, "UPDATE webhooks SET fate = 'expired', fate_at_ms = ? "
                      "WHERE fate IN ('pending', 'held') RETURNING seq, trace_id");
    s.bind(1, atMs);
    std::vector<std::pair<qint64, QString>> expired;
    while (s.ok() && sqlite3_step(s.get()) == SQLITE_ROW)
        expired.emplace_back(sqlite3_column_int64(s.get(), 0), s.text(1));
    // RETURNING gives no order.
    std::sort(expired.begin(), expired.end());
    QStringList traces;
    traces.reserve(qsizetype(expired.size()));
    for (auto &[seq, trace] : expired)
        traces.append(std::move(trace));
    return traces;
}

std::optional<JournalRecord> Journal::byTraceId(const QString &traceId)
{
    const auto records = select("WHERE trace_id = ? ORDER BY seq DESC LIMIT 1", {traceId});
    if (records.isEmpty())
        return std::nullopt;
    return records.constFirst();
}

QList<JournalRecord> Journal::recent(int limit)
{
    QList<JournalRecord> rows = select("ORDER BY seq DESC LIMIT ?", {qint64(limit)});
    std::reverse(rows.begin(), rows.end());
    return rows;
}

QList<JournalRecord> Journal::acceptedSince(qint64 sinceMs)
{
    return select("WHERE received_ms >= ? AND outcome = 'accepted' ORDER BY seq", {sinceMs});
}

QList<Journal::Refusal> Journal::refusals(int limit)
{
    QList<Refusal> rows;
    if (!m_db)
        return rows;
    Statement s(m_db, "SELECT interval_start_ms, source_ip, http_status, reason, count, first_ms, "
                      "last_ms, sample FROM refusals ORDER BY id DESC LIMIT ?");
    s.bind(1, qint64(limit));
    while (s.ok() && sqlite3_step(s.get()) == SQLITE_ROW) {
        rows.append(Refusal{s.integer(0), s.text(1), int(s.integer(2)), s.text(3), s.integer(4),
                            s.integer(5), s.integer(6), s.blob(7)});
    }
    std::reverse(rows.begin(), rows.end());
    return rows;
}

qint64 Journal::bytesOnDisk() const
{
    if (m_options.durability == Durability::Memory)
        return 0;
    return QFileInfo(m_options.path).size() +
           QFileInfo(m_options.path + QStringLiteral("-wal")).size();
}

int Journal::prune(qint64 beforeMs)
{
    if (!m_db)
        return 0;
    Statement s(m_db, "DELETE FROM webhooks WHERE received_ms < ? AND NOT (outcome = 'accepted' "
                      "AND (seq > ? OR fate IN ('pending', 'held')))");
    s.bind(1, beforeMs);
    s.bind(2, m_streamedTo);
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return 0;
    const int pruned = sqlite3_changes(m_db);
    Statement refusals(m_db, "DELETE FROM refusals WHERE last_ms < ?");
    refusals.bind(1, beforeMs);
    sqlite3_step(refusals.get());
    return pruned;
}
