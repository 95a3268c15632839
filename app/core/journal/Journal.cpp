#include "Journal.h"

#include "WalCheckpointer.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>
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
)sql";

const char columns[] = "seq, trace_id, received_at, received_ms, source_ip, outcome, http_status, "
                       "reason, payload, envelope, dedupe_key, fate, fate_at_ms, listeners, "
                       "streamed, replayed";

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
    return r;
}

} // namespace

struct Journal::Op {
    // Either an append (record + done) or a fate change (seq > 0 in `change`).
    JournalRecord record;
    Committed done;
    bool isAppend = true;
};

Journal::Journal(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

Journal::~Journal()
{
    commit(); // answers whatever is queued, with ok=false when the journal never opened
    m_checkpointer.reset();
    if (m_db)
        sqlite3_close(m_db);
}

QString Journal::open()
{
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
    sqlite3_busy_timeout(m_db, 2000);
    const char *synchronous = m_options.durability == Durability::Full ? "PRAGMA synchronous=FULL"
                              : m_options.durability == Durability::Memory
                                  ? "PRAGMA synchronous=OFF"
                                  : "PRAGMA synchronous=NORMAL";
    if ((!memory && !exec("PRAGMA journal_mode=WAL")) || !exec(synchronous) || !exec(schema))
        return QStringLiteral("journal %1: %2")
            .arg(m_options.path, QString::fromUtf8(sqlite3_errmsg(m_db)));
    Statement pageSize(m_db, "PRAGMA page_size");
    if (pageSize.ok() && sqlite3_step(pageSize.get()) == SQLITE_ROW) {
        const qint64 pages = std::max<qint64>(16, m_options.maxBytes / pageSize.integer(0));
        exec(QByteArray("PRAGMA max_page_count=" + QByteArray::number(pages)).constData());
    }
    if (!memory && exec("PRAGMA wal_autocheckpoint=0"))
        m_checkpointer = std::make_unique<WalCheckpointer>(m_options.path);
    return {};
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

void Journal::append(JournalRecord record, Committed done)
{
    m_queue.push_back(Op{std::move(record), std::move(done), true});
    scheduleCommit();
}

void Journal::setFate(qint64 seq, Fate fate, qint64 atMs, qint64 listeners, bool streamed,
                      bool replayed)
{
    JournalRecord change;
    change.seq = seq;
    change.fate = fate;
    change.fateAtMs = atMs;
    change.listeners = listeners;
    change.streamed = streamed;
    change.replayed = replayed || fate == Fate::Replayed;
    m_queue.push_back(Op{std::move(change), {}, false});
    scheduleCommit();
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
    if (m_queue.empty())
        return;
    std::vector<Op> ops;
    ops.swap(m_queue);
    std::vector<qint64> seqs(ops.size(), 0);

    bool ok = m_db && exec("BEGIN IMMEDIATE");
    const bool began = ok;
    if (ok) {
        Statement insert(m_db,
                         "INSERT INTO webhooks (trace_id, received_at, received_ms, source_ip, "
                         "outcome, http_status, reason, payload, envelope, dedupe_key, fate, "
                         "fate_at_ms, listeners, streamed, replayed) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        Statement update(m_db,
                         "UPDATE webhooks SET fate=?, fate_at_ms=?, "
                         "listeners=CASE WHEN ?3 >= 0 THEN ?3 ELSE listeners END, "
                         "streamed=MAX(streamed, ?4), replayed=MAX(replayed, ?5) WHERE seq=?6");
        ok = insert.ok() && update.ok();
        for (size_t i = 0; ok && i < ops.size(); ++i) {
            const JournalRecord &r = ops[i].record;
            Statement &s = ops[i].isAppend ? insert : update;
            sqlite3_reset(s.get());
            if (ops[i].isAppend) {
                s.bind(1, r.traceId);
                s.bind(2, r.receivedAt);
                s.bind(3, r.receivedMs);
                s.bind(4, r.sourceIp);
                s.bind(5, outcomeName(r.outcome));
                s.bind(6, qint64(r.httpStatus));
                s.bind(7, r.reason);
                s.bind(8, r.payload);
                s.bind(9, r.envelope);
                s.bind(10, r.dedupeKey);
                s.bind(11, fateName(r.fate));
                s.bind(12, r.fateAtMs);
                s.bind(13, r.listeners);
                s.bind(14, qint64(r.streamed));
                s.bind(15, qint64(r.replayed));
            } else {
                s.bind(1, fateName(r.fate));
                s.bind(2, r.fateAtMs);
                s.bind(3, r.listeners);
                s.bind(4, qint64(r.streamed));
                s.bind(5, qint64(r.replayed));
                s.bind(6, r.seq);
            }
            ok = sqlite3_step(s.get()) == SQLITE_DONE;
            if (ok && ops[i].isAppend)
                seqs[i] = sqlite3_last_insert_rowid(m_db);
        }
        ok = ok && exec("COMMIT");
    }
    if (!ok) {
        const QString error =
            m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("journal not open");
        // SQLite may have rolled back by itself (disk full).
        if (began && !sqlite3_get_autocommit(m_db))
            exec("ROLLBACK");
        qCCritical(lcJournal).noquote() << "journal write failed:" << error;
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

QList<JournalRecord> Journal::undelivered(qint64 afterSeq, int limit)
{
    return select("WHERE fate IN ('pending', 'held') AND seq > ? ORDER BY seq LIMIT ?",
                  {afterSeq, qint64(limit)});
}

QList<JournalRecord> Journal::withFate(Fate fate, int limit)
{
    return select("WHERE fate = ? ORDER BY seq LIMIT ?", {fateName(fate), qint64(limit)});
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

Journal::Counts Journal::counts()
{
    Counts counts;
    if (!m_db)
        return counts;
    Statement s(m_db, "SELECT "
                      "(SELECT COUNT(*) FROM webhooks WHERE fate = 'pending'), "
                      "(SELECT COUNT(*) FROM webhooks WHERE fate = 'held'), "
                      "(SELECT COUNT(*) FROM webhooks WHERE fate = 'expired'), "
                      "(SELECT MIN(received_ms) FROM webhooks WHERE fate IN ('pending', 'held'))");
    if (s.ok() && sqlite3_step(s.get()) == SQLITE_ROW) {
        counts.pending = s.integer(0);
        counts.held = s.integer(1);
        counts.expired = s.integer(2);
        counts.oldestUndeliveredMs = s.integer(3);
    }
    return counts;
}

int Journal::prune(qint64 beforeMs)
{
    if (!m_db)
        return 0;
    Statement s(m_db,
                "DELETE FROM webhooks WHERE received_ms < ? AND fate NOT IN ('pending', 'held')");
    s.bind(1, beforeMs);
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return 0;
    return sqlite3_changes(m_db);
}
