// Unit tests of Journal: SQLite in WAL mode, group commit, fates, queries, pruning, failure.
#include "journal/Journal.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <memory>

#include <sqlite3.h>

#ifdef Q_OS_LINUX
#include <dlfcn.h>

namespace {
// The writer connection opened last through sqlite3_open_v2 (see the interposer below); the
// journal's own one is the only one opened with SQLITE_OPEN_CREATE (its checkpointer's is not).
sqlite3 *g_lastOpened = nullptr;
} // namespace

// Passes through to libsqlite3 and remembers the handle, so a test can ask the journal's own
// connection for its per-connection PRAGMAs (synchronous is not stored in the file).
extern "C" int sqlite3_open_v2(const char *filename, sqlite3 **db, int flags, const char *vfs)
{
    using Real = int (*)(const char *, sqlite3 **, int, const char *);
    static const auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "sqlite3_open_v2"));
    const int rc = real(filename, db, flags, vfs);
    if (flags & SQLITE_OPEN_CREATE)
        g_lastOpened = *db;
    return rc;
}
#endif

namespace {

// An independent connection to the journal's file: what is really on disk, not what the
// Journal object says.
class Probe
{
public:
    explicit Probe(const QString &path)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) !=
            SQLITE_OK) {
            sqlite3_close(m_db);
            m_db = nullptr;
        }
    }
    ~Probe() { sqlite3_close(m_db); }
    Probe(const Probe &) = delete;
    Probe &operator=(const Probe &) = delete;

    bool isOpen() const { return m_db != nullptr; }
    bool exec(const char *sql) const
    {
        return m_db && sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }

    // First column of the first row, or a null QByteArray.
    QByteArray text(const char *sql) const
    {
        QByteArray value;
        sqlite3_stmt *stmt = nullptr;
        if (m_db && sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            value = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)),
                               sqlite3_column_bytes(stmt, 0));
        sqlite3_finalize(stmt);
        return value;
    }
    // First column of the first row, or -1.
    qint64 integer(const char *sql) const
    {
        qint64 value = -1;
        sqlite3_stmt *stmt = nullptr;
        if (m_db && sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            value = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return value;
    }
    qint64 rows() const { return integer("SELECT COUNT(*) FROM webhooks"); }

private:
    sqlite3 *m_db = nullptr;
};

JournalRecord record(const QString &traceId, Fate fate = Fate::Pending, qint64 receivedMs = 1000,
                     Outcome outcome = Outcome::Accepted)
{
    JournalRecord r;
    r.traceId = traceId;
    r.receivedAt = QStringLiteral("2026-02-05T14:32:15.123456");
    r.receivedMs = receivedMs;
    r.sourceIp = QStringLiteral("52.89.214.238");
    r.outcome = outcome;
    r.httpStatus = outcome == Outcome::Rejected ? 401 : 200;
    r.payload = QByteArrayLiteral("{\"symbol\":\"BTCUSDT\"}");
    r.envelope = QByteArrayLiteral("{\"trace_id\":\"") + traceId.toUtf8() + "\"}";
    r.dedupeKey = "key-" + traceId.toUtf8();
    r.fate = fate;
    r.fateAtMs = receivedMs;
    return r;
}

// Appends `records` in one turn and commits them with flush(); returns traceId -> seq.
QHash<QString, qint64> appendAll(Journal &journal, const QList<JournalRecord> &records)
{
    auto seqs = std::make_shared<QHash<QString, qint64>>();
    for (const JournalRecord &r : records) {
        journal.append(r, [seqs, id = r.traceId](bool ok, qint64 seq) {
            if (ok)
                seqs->insert(id, seq);
        });
    }
    journal.flush();
    return *seqs;
}

QStringList traceIds(const QList<JournalRecord> &records)
{
    QStringList ids;
    for (const JournalRecord &r : records)
        ids << r.traceId;
    return ids;
}

// Frames in a WAL file of that size (32-byte header, 24-byte frame headers).
qint64 walFrames(qint64 walSize, qint64 pageSize)
{
    return walSize <= 32 ? 0 : (walSize - 32) / (pageSize + 24);
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private slots:
    void openCreatesWalFile();
    void openFailsOnBadPath();
    void openFailsOnNotADatabase();
    void groupCommit();
    void roundTrip_data();
    void roundTrip();
    void byTraceIdLatestAndUnknown();
    void setFate();
    void setFateSharesCommitWithAppends();
    void openRows();
    void backlog();
    void watermarksAndIdentity();
    void reopenStream();
    void walStaysBounded();
    void refusalsAreCapped();
    void acceptedSince();
    void prune();
    void persistsAcrossReopen();
    void destructorCommitsQueue();
    void failureRollsBackGroup();
    void busyWriterFailsGroup();
    void durabilityFull();
    void durabilityMemory();
};

void TestJournal::openCreatesWalFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a/b/journal.db"));
    QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));

    Journal journal({path});
    QCOMPARE(journal.open(), QString());
    QVERIFY(QFileInfo(path).isFile());
    QVERIFY(journal.isHealthy());

    Probe probe(path);
    QVERIFY(probe.isOpen());
    // WAL is a property of the file, so a second connection sees it.
    QCOMPARE(probe.text("PRAGMA journal_mode"), QByteArrayLiteral("wal"));
    QCOMPARE(probe.rows(), qint64(0));

    // Opening an existing journal again keeps it usable (CREATE ... IF NOT EXISTS).
    Journal again({path});
    QCOMPARE(again.open(), QString());
}

void TestJournal::openFailsOnBadPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The parent "folder" is a regular file: neither mkpath nor sqlite can make the journal.
    const QString blocker = dir.filePath(QStringLiteral("blocker"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString path = blocker + QStringLiteral("/journal.db");

    Journal journal({path});
    const QString error = journal.open();
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(path), qPrintable(error));

    // Appends to a journal that never opened fail instead of vanishing.
    int calls = 0;
    bool okSeen = true;
    journal.append(record(QStringLiteral("t")), [&](bool ok, qint64) {
        ++calls;
        okSeen = ok;
    });
    QTRY_COMPARE(calls, 1);
    QVERIFY(!okSeen);
    QVERIFY(!journal.isHealthy());
}

void TestJournal::openFailsOnNotADatabase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(QByteArray(8192, 'x')) == 8192);
    file.close();

    Journal journal({path});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not a database")));
    const QString error = journal.open();
    QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));

    int calls = 0;
    bool okSeen = true;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not a database")));
    journal.append(record(QStringLiteral("t")), [&](bool ok, qint64) {
        ++calls;
        okSeen = ok;
    });
    QTRY_COMPARE(calls, 1);
    QVERIFY(!okSeen);
    QVERIFY(!journal.isHealthy());
    // The file is left as it was: the journal does not overwrite what it cannot read.
    QCOMPARE(QFileInfo(path).size(), qint64(8192));
}

void TestJournal::groupCommit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    Journal journal({path});
    QCOMPARE(journal.open(), QString());
    Probe probe(path);
    QVERIFY(probe.isOpen());
    const qint64 pageSize = probe.integer("PRAGMA page_size");
    QVERIFY(pageSize > 0);
    const qint64 framesBefore =
        walFrames(QFileInfo(path + QStringLiteral("-wal")).size(), pageSize);

    struct Call {
        int index;
        bool ok;
        qint64 seq;
        int queuedWhenCalled;
        qint64 rowsOnDisk;
        bool laterTurnRan;
    };
    QList<Call> calls;
    int queued = 0;
    bool laterTurnRan = false;
    constexpr int count = 100;
    for (int i = 0; i < count; ++i) {
        journal.append(record(QStringLiteral("g%1").arg(i)), [&, i](bool ok, qint64 seq) {
            if (calls.isEmpty()) {
                // Posted from the first callback: if any later callback sees it ran, the
                // callbacks were spread over several loop turns, i.e. several commits.
                QTimer::singleShot(0, this, [&] { laterTurnRan = true; });
            }
            calls.append({i, ok, seq, queued, probe.rows(), laterTurnRan});
        });
        ++queued;
    }
    // Nothing committed or reported before the event loop turns.
    QCOMPARE(calls.size(), 0);
    QCOMPARE(probe.rows(), qint64(0));

    QTRY_COMPARE(calls.size(), count);
    QTRY_VERIFY(laterTurnRan);
    QCOMPARE(calls.size(), count); // no callback runs twice
    for (int i = 0; i < count; ++i) {
        const Call &c = calls.at(i);
        QCOMPARE(c.index, i); // in append order
        QVERIFY(c.ok);
        QCOMPARE(c.queuedWhenCalled, count);   // #1 hears back only once #100 is queued
        QCOMPARE(c.rowsOnDisk, qint64(count)); // every row was on disk before any callback ran
        QVERIFY(!c.laterTurnRan);
        if (i > 0)
            QVERIFY2(c.seq > calls.at(i - 1).seq, qPrintable(QString::number(i)));
        else
            QVERIFY(c.seq > 0);
    }
    // Each commit appends at least one WAL frame: fewer frames than rows means fewer commits
    // than rows (a commit per row would also rewrite the same pages again and again).
    const qint64 framesAfter = walFrames(QFileInfo(path + QStringLiteral("-wal")).size(), pageSize);
    QVERIFY2(framesAfter - framesBefore >= 1, qPrintable(QString::number(framesAfter)));
    QVERIFY2(framesAfter - framesBefore < count,
             qPrintable(QStringLiteral("%1 frames").arg(framesAfter - framesBefore)));
}

void TestJournal::roundTrip_data()
{
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("fate");
    QTest::addColumn<qint64>("listeners");
    QTest::addColumn<bool>("streamed");
    QTest::addColumn<bool>("replayed");

    QTest::newRow("pending, no listener count")
        << int(Outcome::Accepted) << int(Fate::Pending) << qint64(-1) << false << false;
    QTest::newRow("forwarded to 3, streamed, replayed")
        << int(Outcome::Accepted) << int(Fate::Forwarded) << qint64(3) << true << true;
    QTest::newRow("held, 0 listeners")
        << int(Outcome::Accepted) << int(Fate::Held) << qint64(0) << true << false;
    QTest::newRow("rejected") << int(Outcome::Rejected) << int(Fate::None) << qint64(-1) << false
                              << false;
    QTest::newRow("duplicate") << int(Outcome::Duplicate) << int(Fate::None) << qint64(-1) << false
                               << false;
}

void TestJournal::roundTrip()
{
    QFETCH(int, outcome);
    QFETCH(int, fate);
    QFETCH(qint64, listeners);
    QFETCH(bool, streamed);
    QFETCH(bool, replayed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());

    static const char payloadBytes[] = "{\"a\":\"x\0y\"}\0\xff\x01tail";
    static const char envelopeBytes[] = "env\0\0elope";
    static const char keyBytes[] = "\0key\xfe";
    JournalRecord in;
    in.traceId = QStringLiteral("0b6a7f2e-trace");
    in.receivedAt = QStringLiteral("2026-02-05T14:32:15.123456");
    in.receivedMs = 1770301935123;
    in.sourceIp = QStringLiteral("2001:db8::1");
    in.outcome = Outcome(outcome);
    in.httpStatus = in.outcome == Outcome::Rejected ? 401 : 200;
    in.reason = QStringLiteral("mauvais jeton \u00e9\u00e8 \u2713");
    in.payload = QByteArray(payloadBytes, sizeof(payloadBytes) - 1);
    in.envelope = QByteArray(envelopeBytes, sizeof(envelopeBytes) - 1);
    in.dedupeKey = QByteArray(keyBytes, sizeof(keyBytes) - 1);
    in.fate = Fate(fate);
    in.fateAtMs = 1770301935999;
    in.listeners = listeners;
    in.streamed = streamed;
    in.replayed = replayed;
    QVERIFY(in.payload.contains('\0')); // the NUL bytes really are in the input

    qint64 seq = 0;
    journal.append(in, [&](bool ok, qint64 s) { seq = ok ? s : -1; });
    QTRY_VERIFY(seq != 0);
    QVERIFY(seq > 0);

    const std::optional<JournalRecord> out = journal.byTraceId(in.traceId);
    QVERIFY(out.has_value());
    QCOMPARE(out->seq, seq);
    QCOMPARE(out->traceId, in.traceId);
    QCOMPARE(out->receivedAt, in.receivedAt);
    QCOMPARE(out->receivedMs, in.receivedMs);
    QCOMPARE(out->sourceIp, in.sourceIp);
    QCOMPARE(int(out->outcome), int(in.outcome));
    QCOMPARE(out->httpStatus, in.httpStatus);
    QCOMPARE(out->reason, in.reason);
    QCOMPARE(out->payload, in.payload);
    QCOMPARE(out->payload.size(), qsizetype(sizeof(payloadBytes) - 1));
    QCOMPARE(out->envelope, in.envelope);
    QCOMPARE(out->dedupeKey, in.dedupeKey);
    QCOMPARE(int(out->fate), int(in.fate));
    QCOMPARE(out->fateAtMs, in.fateAtMs);
    QCOMPARE(out->listeners, listeners);
    QCOMPARE(out->streamed, streamed);
    QCOMPARE(out->replayed, replayed);
}

void TestJournal::byTraceIdLatestAndUnknown()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());

    JournalRecord first = record(QStringLiteral("same"), Fate::None, 1000, Outcome::Rejected);
    JournalRecord second = record(QStringLiteral("same"), Fate::Pending, 2000);
    const auto seqs = appendAll(journal, {first, second, record(QStringLiteral("other"))});
    QCOMPARE(seqs.size(), 2); // "same" twice collapses in the hash; "other" is there

    // A trace id seen twice (a retried request) answers with the newest row.
    const auto found = journal.byTraceId(QStringLiteral("same"));
    QVERIFY(found.has_value());
    QCOMPARE(found->receivedMs, qint64(2000));
    QCOMPARE(found->seq, seqs.value(QStringLiteral("same")));
    QVERIFY(!journal.byTraceId(QStringLiteral("missing")).has_value());
    QVERIFY(!journal.byTraceId(QString()).has_value());
}

void TestJournal::setFate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());
    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    const auto seqs = appendAll(journal, {record(a), record(b)});
    QCOMPARE(seqs.size(), 2);
    const auto get = [&](const QString &id) {
        return journal.byTraceId(id).value_or(JournalRecord{});
    };

    // pending -> forwarded with listeners, committed on the next loop turn, not before.
    journal.setFate(seqs.value(a), Fate::Forwarded, 5000, 3);
    QCOMPARE(int(get(a).fate), int(Fate::Pending));
    QTRY_COMPARE(int(get(a).fate), int(Fate::Forwarded));
    QCOMPARE(get(a).fateAtMs, qint64(5000));
    QCOMPARE(get(a).listeners, qint64(3));
    QVERIFY(!get(a).streamed);
    QVERIFY(!get(a).replayed);
    QCOMPARE(int(get(b).fate), int(Fate::Pending)); // only the row named by seq changes

    // In the stream, then held; a later fate leaves the stream flag alone.
    journal.setStreamed(seqs.value(b), 5500);
    journal.setFate(seqs.value(b), Fate::Held, 6000, 0);
    journal.flush();
    QCOMPARE(get(b).streamedAtMs, qint64(5500));
    QCOMPARE(int(get(b).fate), int(Fate::Held));
    QCOMPARE(get(b).listeners, qint64(0));
    QVERIFY(get(b).streamed);
    journal.setFate(seqs.value(b), Fate::Forwarded, 7000, 2);
    journal.flush();
    QCOMPARE(int(get(b).fate), int(Fate::Forwarded));
    QCOMPARE(get(b).fateAtMs, qint64(7000));
    QCOMPARE(get(b).listeners, qint64(2));
    QVERIFY(get(b).streamed);

    // listeners = -1 means "unknown": the stored count stays.
    journal.setFate(seqs.value(b), Fate::Expired, 8000);
    journal.flush();
    QCOMPARE(int(get(b).fate), int(Fate::Expired));
    QCOMPARE(get(b).listeners, qint64(2));
    QVERIFY(!get(b).replayed);

    // Replayed sets replayed, and it stays set through later fates.
    journal.setFate(seqs.value(b), Fate::Replayed, 9000, 1);
    journal.flush();
    QCOMPARE(int(get(b).fate), int(Fate::Replayed));
    QVERIFY(get(b).replayed);
    journal.setFate(seqs.value(b), Fate::Forwarded, 9500, 1);
    journal.flush();
    QCOMPARE(int(get(b).fate), int(Fate::Forwarded));
    QVERIFY(get(b).replayed);
    QVERIFY(get(b).streamed);
    QVERIFY(!get(a).replayed);

    // Re-sent by hand (Forwarder::resend): only an expired row, pending again, replayed.
    QCOMPARE(journal.revive(10000, a), 0); // a is forwarded, not expired
    journal.setFate(seqs.value(a), Fate::Expired, 9800);
    QCOMPARE(journal.revive(10000, a), 1);
    QCOMPARE(int(get(a).fate), int(Fate::Pending));
    QVERIFY(get(a).replayed);
    QCOMPARE(get(a).fateAtMs, qint64(10000));
    QCOMPARE(get(a).listeners, qint64(3));
    journal.setFate(seqs.value(a), Fate::Forwarded, 11000, 1);
    journal.flush();
    QCOMPARE(int(get(a).fate), int(Fate::Forwarded));
    QVERIFY(get(a).replayed);
}

void TestJournal::setFateSharesCommitWithAppends()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());
    const auto seqs = appendAll(journal, {record(QStringLiteral("old"))});
    QCOMPARE(seqs.size(), 1);

    // A fate change queued with an append is on disk when the append's callback runs; a fate
    // change for an unknown seq does not fail the group.
    Fate seenFate = Fate::None;
    bool seenOk = false;
    int calls = 0;
    journal.setFate(seqs.value(QStringLiteral("old")), Fate::Forwarded, 2000, 1);
    journal.setFate(987654, Fate::Forwarded, 2000, 1);
    journal.append(record(QStringLiteral("new")), [&](bool ok, qint64) {
        ++calls;
        seenOk = ok;
        seenFate = journal.byTraceId(QStringLiteral("old")).value_or(JournalRecord{}).fate;
    });
    QCOMPARE(calls, 0);
    QTRY_COMPARE(calls, 1);
    QVERIFY(seenOk);
    QCOMPARE(int(seenFate), int(Fate::Forwarded));
    QVERIFY(journal.isHealthy());
}

void TestJournal::openRows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());
    QVERIFY(journal.openRows(0, 100, 1 << 20).isEmpty());

    const auto seqs = appendAll(
        journal,
        {record(QStringLiteral("u1"), Fate::Pending), record(QStringLiteral("u2"), Fate::Forwarded),
         record(QStringLiteral("u3"), Fate::Held), record(QStringLiteral("u4"), Fate::Expired),
         record(QStringLiteral("u5"), Fate::None, 1000, Outcome::Duplicate),
         record(QStringLiteral("u6"), Fate::Replayed), record(QStringLiteral("u7"), Fate::Pending),
         record(QStringLiteral("u8"), Fate::Held)});
    QCOMPARE(seqs.size(), 8);
    const auto seq = [&](const char *id) { return seqs.value(QString::fromLatin1(id)); };

    // Nothing streamed yet: every accepted row is open, for the stream at least.
    const QStringList accepted{QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3"),
                               QStringLiteral("u4"), QStringLiteral("u6"), QStringLiteral("u7"),
                               QStringLiteral("u8")};
    QCOMPARE(traceIds(journal.openRows(0, 100, 1 << 20)), accepted);
    // Streamed up to u4: past it, everything; before it, what still waits to be published.
    journal.setStreamedTo(seq("u4"));
    journal.flush();
    const QList<JournalRecord> open = journal.openRows(0, 100, 1 << 20);
    QCOMPARE(traceIds(open),
             (QStringList{QStringLiteral("u1"), QStringLiteral("u3"), QStringLiteral("u6"),
                          QStringLiteral("u7"), QStringLiteral("u8")}));
    for (qsizetype i = 1; i < open.size(); ++i)
        QVERIFY(open.at(i).seq > open.at(i - 1).seq);
    QCOMPARE(open.constFirst().envelope, record(QStringLiteral("u1")).envelope);
    QCOMPARE(traceIds(journal.openRows(seq("u3"), 100, 1 << 20)),
             (QStringList{QStringLiteral("u6"), QStringLiteral("u7"), QStringLiteral("u8")}));
    QCOMPARE(traceIds(journal.openRows(0, 2, 1 << 20)),
             (QStringList{QStringLiteral("u1"), QStringLiteral("u3")}));
    // The byte budget stops the page once reached (one row at least).
    QCOMPARE(journal.openRows(0, 100, 1).size(), 1);
    QVERIFY(journal.openRows(seq("u8"), 100, 1 << 20).isEmpty());

    // Published and streamed: closed.
    journal.setFate(seq("u3"), Fate::Forwarded, 2000, 1);
    journal.flush();
    QCOMPARE(traceIds(journal.openRows(0, 4, 1 << 20)),
             (QStringList{QStringLiteral("u1"), QStringLiteral("u6"), QStringLiteral("u7"),
                          QStringLiteral("u8")}));
}

void TestJournal::backlog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());
    Journal::Backlog b = journal.backlog();
    QCOMPARE(b.unstreamed + b.unpublished + b.open + b.expired, qint64(0));

    const auto seqs =
        appendAll(journal, {record(QStringLiteral("p1"), Fate::Pending, 5000),
                            record(QStringLiteral("p2"), Fate::Pending, 3000),
                            record(QStringLiteral("h1"), Fate::Held, 4000),
                            record(QStringLiteral("e1"), Fate::Expired, 1000),
                            record(QStringLiteral("f1"), Fate::Forwarded, 500),
                            record(QStringLiteral("d1"), Fate::None, 100, Outcome::Duplicate)});
    QCOMPARE(seqs.size(), 6);
    b = journal.backlog();
    QCOMPARE(b.unstreamed, qint64(5));
    QCOMPARE(b.unpublished, qint64(3));
    QCOMPARE(b.open, qint64(5));
    QCOMPARE(b.expired, qint64(1));

    journal.setStreamedTo(seqs.value(QStringLiteral("h1")));
    journal.setFate(seqs.value(QStringLiteral("p2")), Fate::Forwarded, 7000, 1);
    journal.flush();
    b = journal.backlog();
    QCOMPARE(b.unstreamed, qint64(2));  // e1, f1
    QCOMPARE(b.unpublished, qint64(2)); // p1, h1
    QCOMPARE(b.open, qint64(4));
    QCOMPARE(b.expired, qint64(1));
}

void TestJournal::watermarksAndIdentity()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    QString id;
    {
        Journal journal({path});
        QCOMPARE(journal.open(), QString());
        id = journal.journalId();
        QVERIFY(!QUuid::fromString(id).isNull());
        QCOMPARE(journal.streamedTo(), qint64(0));
        QCOMPARE(journal.publishedTo(), qint64(0));
        journal.setStreamedTo(42);
        journal.setPublishedTo(40);
        journal.setMeta(QStringLiteral("redis_run_id"), QStringLiteral("abc"));
        QCOMPARE(journal.streamedTo(), qint64(42)); // at once, committed with the next group
    }
    {
        Journal journal({path});
        QCOMPARE(journal.open(), QString());
        QCOMPARE(journal.journalId(), id);
        QCOMPARE(journal.streamedTo(), qint64(42));
        QCOMPARE(journal.publishedTo(), qint64(40));
        QCOMPARE(journal.meta(QStringLiteral("redis_run_id")), QStringLiteral("abc"));
    }
    // Another file is another journal, even with the same seqs.
    Journal other({dir.filePath(QStringLiteral("other.db"))});
    QCOMPARE(other.open(), QString());
    QVERIFY(other.journalId() != id);
}

void TestJournal::reopenStream()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());
    QList<JournalRecord> rows;
    for (int i = 0; i < 10; ++i)
        rows.append(record(QStringLiteral("r%1").arg(i), Fate::Forwarded));
    const auto seqs = appendAll(journal, rows);
    const qint64 last = seqs.value(QStringLiteral("r9"));
    journal.setStreamedTo(last);
    journal.flush();
    QVERIFY(journal.openRows(0, 100, 1 << 20).isEmpty());

    // Redis kept rows up to r3: r4..r9 are open again, at most the newest 4 of them.
    QCOMPARE(journal.reopenStream(seqs.value(QStringLiteral("r3")), 4), qint64(4));
    QCOMPARE(traceIds(journal.openRows(0, 100, 1 << 20)),
             (QStringList{QStringLiteral("r6"), QStringLiteral("r7"), QStringLiteral("r8"),
                          QStringLiteral("r9")}));
    QCOMPARE(journal.backlog().unstreamed, qint64(4));
    QVERIFY(!journal.byTraceId(QStringLiteral("r9"))->streamed);
    QCOMPARE(journal.reopenStream(last, 4), qint64(0)); // nothing past the watermark
}

void TestJournal::acceptedSince()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal journal({dir.filePath(QStringLiteral("journal.db"))});
    QCOMPARE(journal.open(), QString());

    const auto seqs = appendAll(
        journal,
        {record(QStringLiteral("a1"), Fate::Forwarded, 1000),
         record(QStringLiteral("d1"), Fate::None, 2000, Outcome::Duplicate),
         record(QStringLiteral("a2"), Fate::Pending, 2000),
         record(QStringLiteral("r1"), Fate::None, 3000, Outcome::Rejected),
         record(QStringLiteral("a3"), Fate::Expired, 3000),
         record(QStringLiteral("a4"), Fate::Held, 1999)}); // journal order differs from time order
    QCOMPARE(seqs.size(), 6);

    const QList<JournalRecord> since = journal.acceptedSince(2000);
    QCOMPARE(traceIds(since), (QStringList{QStringLiteral("a2"), QStringLiteral("a3")}));
    QCOMPARE(since.constFirst().dedupeKey, QByteArrayLiteral("key-a2"));
    QCOMPARE(since.constLast().dedupeKey, QByteArrayLiteral("key-a3"));
    QCOMPARE(traceIds(journal.acceptedSince(0)),
             (QStringList{QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a3"),
                          QStringLiteral("a4")}));
    QCOMPARE(traceIds(journal.acceptedSince(1999)),
             (QStringList{QStringLiteral("a2"), QStringLiteral("a3"), QStringLiteral("a4")}));
    QVERIFY(journal.acceptedSince(3001).isEmpty());
}

void TestJournal::prune()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    Journal journal({path});
    QCOMPARE(journal.open(), QString());

    const QStringList gone{QStringLiteral("old-forwarded"), QStringLiteral("old-expired"),
                           QStringLiteral("old-rejected"), QStringLiteral("old-replayed")};
    const QStringList kept{QStringLiteral("old-pending"), QStringLiteral("old-held"),
                           QStringLiteral("at-cut"), QStringLiteral("new")};
    const auto seqs = appendAll(
        journal,
        {record(gone.at(0), Fate::Forwarded, 1000), record(gone.at(1), Fate::Expired, 2000),
         record(gone.at(2), Fate::None, 3000, Outcome::Rejected),
         record(gone.at(3), Fate::Replayed, 3500), record(kept.at(0), Fate::Pending, 4000),
         record(kept.at(1), Fate::Held, 5000), record(kept.at(2), Fate::Forwarded, 10000),
         record(kept.at(3), Fate::Forwarded, 20000)});
    QCOMPARE(seqs.size(), 8);
    journal.setStreamedTo(seqs.value(kept.at(3)));
    journal.flush();

    QCOMPARE(journal.prune(10000), 4);
    for (const QString &id : gone)
        QVERIFY2(!journal.byTraceId(id).has_value(), qPrintable(id));
    for (const QString &id : kept)
        QVERIFY2(journal.byTraceId(id).has_value(), qPrintable(id));
    Probe probe(path);
    QCOMPARE(probe.rows(), qint64(4));

    QCOMPARE(journal.prune(10000), 0);
    // Even far in the future, open rows stay (streamed, but not yet published).
    QCOMPARE(journal.prune(1000000), 2);
    QCOMPARE(traceIds(journal.openRows(0, 100, 1 << 20)), (QStringList{kept.at(0), kept.at(1)}));
    QCOMPARE(probe.rows(), qint64(2));
}

void TestJournal::persistsAcrossReopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    qint64 lastSeq = 0;
    {
        Journal journal({path});
        QCOMPARE(journal.open(), QString());
        QHash<QString, qint64> seqs;
        for (const QString &id : {QStringLiteral("p1"), QStringLiteral("p2")}) {
            journal.append(record(id), [&seqs, id](bool ok, qint64 seq) {
                if (ok)
                    seqs.insert(id, seq);
            });
        }
        QTRY_COMPARE(seqs.size(), 2);
        journal.setStreamed(seqs.value(QStringLiteral("p1")), 2900);
        journal.setStreamedTo(seqs.value(QStringLiteral("p1")));
        journal.setFate(seqs.value(QStringLiteral("p1")), Fate::Forwarded, 3000, 2);
        QTRY_COMPARE(int(journal.byTraceId(QStringLiteral("p1")).value_or(JournalRecord{}).fate),
                     int(Fate::Forwarded));
        lastSeq = seqs.value(QStringLiteral("p2"));
    }
    {
        Journal journal({path});
        QCOMPARE(journal.open(), QString());
        const auto p1 = journal.byTraceId(QStringLiteral("p1"));
        QVERIFY(p1.has_value());
        QCOMPARE(int(p1->fate), int(Fate::Forwarded));
        QCOMPARE(p1->fateAtMs, qint64(3000));
        QCOMPARE(p1->listeners, qint64(2));
        QVERIFY(p1->streamed);
        const auto p2 = journal.byTraceId(QStringLiteral("p2"));
        QVERIFY(p2.has_value());
        QCOMPARE(int(p2->fate), int(Fate::Pending));
        QCOMPARE(p2->seq, lastSeq);
        QCOMPARE(traceIds(journal.openRows(0, 10, 1 << 20)), QStringList{QStringLiteral("p2")});
        QCOMPARE(journal.backlog().unpublished, qint64(1));

        // Seqs keep growing after a reopen: journal order survives restarts.
        const auto seqs = appendAll(journal, {record(QStringLiteral("p3"))});
        QVERIFY(seqs.value(QStringLiteral("p3")) > lastSeq);
    }
}

void TestJournal::destructorCommitsQueue()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    qint64 seqP = 0;
    {
        Journal journal({path});
        QCOMPARE(journal.open(), QString());
        seqP = appendAll(journal, {record(QStringLiteral("p"))}).value(QStringLiteral("p"));
        QVERIFY(seqP > 0);
    }
    QList<std::pair<bool, qint64>> results;
    {
        Journal journal({path});
        QCOMPARE(journal.open(), QString());
        journal.append(record(QStringLiteral("q1")), [&](bool ok, qint64 seq) {
            results.append({ok, seq});
        });
        journal.append(record(QStringLiteral("q2")), [&](bool ok, qint64 seq) {
            results.append({ok, seq});
        });
        journal.setFate(seqP, Fate::Held, 4000, 0);
        QCOMPARE(results.size(), 0); // still queued: the loop has not turned
    }
    // The destructor committed them and told the callers.
    QCOMPARE(results.size(), 2);
    QVERIFY(results.at(0).first);
    QVERIFY(results.at(1).first);
    QVERIFY(results.at(0).second > seqP);
    QVERIFY(results.at(1).second > results.at(0).second);
    // The commit the destroyed journal had scheduled must not run (or crash) now.
    QCoreApplication::processEvents();
    QCOMPARE(results.size(), 2);

    Probe probe(path);
    QVERIFY(probe.isOpen());
    QCOMPARE(probe.rows(), qint64(3));
    QCOMPARE(probe.text("SELECT fate FROM webhooks WHERE trace_id = 'p'"),
             QByteArrayLiteral("held"));
    Journal reopened({path});
    QCOMPARE(reopened.open(), QString());
    QVERIFY(reopened.byTraceId(QStringLiteral("q1")).has_value());
    QVERIFY(reopened.byTraceId(QStringLiteral("q2")).has_value());
}

void TestJournal::failureRollsBackGroup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    Journal::Options options;
    options.path = path;
    options.maxBytes = 64 * 1024;
    Journal journal(options);
    QCOMPARE(journal.open(), QString());
    QSignalSpy failedSpy(&journal, &Journal::failed);
    QVERIFY(failedSpy.isValid());

    QByteArray big(8 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char((i * 131 + 7) & 0xff);

    // Two appends per turn until a group fails: the failing group has one row that would fit
    // alone, so a partial commit would show.
    QHash<QString, qint64> committed; // traceId -> seq
    QStringList rejected;
    for (int round = 0; round < 64 && rejected.isEmpty(); ++round) {
        struct Result {
            QString id;
            bool ok;
            qint64 seq;
        };
        QList<Result> results;
        for (int k = 0; k < 2; ++k) {
            JournalRecord r = record(QStringLiteral("big-%1-%2").arg(round).arg(k));
            r.payload = big;
            journal.append(r, [&results, id = r.traceId](bool ok, qint64 seq) {
                results.append({id, ok, seq});
            });
        }
        QTRY_COMPARE(results.size(), 2);
        QCOMPARE(results.at(0).ok, results.at(1).ok); // one transaction, one outcome
        if (results.at(0).ok) {
            QVERIFY(journal.isHealthy());
            QCOMPARE(failedSpy.count(), 0);
            for (const Result &r : results)
                committed.insert(r.id, r.seq);
        } else {
            for (const Result &r : results)
                rejected << r.id;
        }
    }
    QVERIFY2(!committed.isEmpty(), "the cap is too small for even one group");
    QVERIFY2(!rejected.isEmpty(), "the cap never stopped an append");

    QCOMPARE(failedSpy.count(), 1);
    const QString message = failedSpy.at(0).at(0).toString();
    QVERIFY(!message.isEmpty());
    QVERIFY2(message.contains(QStringLiteral("full")), qPrintable(message));
    QVERIFY(!journal.isHealthy());

    for (const QString &id : rejected)
        QVERIFY2(!journal.byTraceId(id).has_value(), qPrintable(id));
    for (auto it = committed.cbegin(); it != committed.cend(); ++it) {
        const auto row = journal.byTraceId(it.key());
        QVERIFY2(row.has_value(), qPrintable(it.key()));
        QCOMPARE(row->seq, it.value());
        QCOMPARE(row->payload, big);
    }
    Probe probe(path);
    QVERIFY(probe.isOpen());
    QCOMPARE(probe.rows(), qint64(committed.size()));
    // The cap holds on disk: the database did not grow past maxBytes.
    QVERIFY(probe.integer("PRAGMA page_count") * probe.integer("PRAGMA page_size") <=
            options.maxBytes);

    // Not wedged: once settled rows are pruned, the space is reused and appends work again.
    for (const qint64 seq : std::as_const(committed)) {
        journal.setFate(seq, Fate::Expired, 2000);
        journal.setStreamedTo(std::max(journal.streamedTo(), seq));
    }
    journal.flush();
    QVERIFY(journal.isHealthy());
    QCOMPARE(journal.prune(1001), int(committed.size()));
    bool done = false;
    bool okSeen = false;
    JournalRecord again = record(QStringLiteral("after-prune"));
    again.payload = big;
    journal.append(again, [&](bool ok, qint64) {
        done = true;
        okSeen = ok;
    });
    QTRY_VERIFY(done);
    QVERIFY(okSeen);
    QVERIFY(journal.isHealthy());
    QCOMPARE(failedSpy.count(), 1);
    QVERIFY(journal.byTraceId(QStringLiteral("after-prune")).has_value());
}

void TestJournal::busyWriterFailsGroup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    Journal journal({path});
    QCOMPARE(journal.open(), QString());
    QSignalSpy failedSpy(&journal, &Journal::failed);
    QVERIFY(failedSpy.isValid());

    // Another writer (a second process on the same file) holds the write lock past the
    // journal's busy timeout.
    Probe other(path);
    QVERIFY(other.exec("BEGIN IMMEDIATE"));
    bool done = false;
    bool okSeen = true;
    journal.append(record(QStringLiteral("busy")), [&](bool ok, qint64) {
        done = true;
        okSeen = ok;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QVERIFY(!okSeen);
    QVERIFY(!journal.isHealthy());
    QCOMPARE(failedSpy.count(), 1);

    // Once the lock is gone the journal writes again.
    QVERIFY(other.exec("ROLLBACK"));
    done = false;
    journal.append(record(QStringLiteral("later")), [&](bool ok, qint64) {
        done = true;
        okSeen = ok;
    });
    QTRY_VERIFY(done);
    QVERIFY(okSeen);
    QVERIFY(journal.isHealthy());
    QVERIFY(!journal.byTraceId(QStringLiteral("busy")).has_value());
    QVERIFY(journal.byTraceId(QStringLiteral("later")).has_value());
}

void TestJournal::durabilityFull()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    Journal::Options options;
    options.path = path;
    options.durability = Journal::Durability::Full;
    Journal journal(options);
    QCOMPARE(journal.open(), QString());
#ifdef Q_OS_LINUX
    {
        // synchronous is per connection: ask the journal's own (2 = FULL).
        sqlite3 *own = g_lastOpened;
        QVERIFY(own != nullptr);
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(own, "PRAGMA synchronous", -1, &stmt, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        const int synchronous = sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
        QCOMPARE(synchronous, 2);
    }
    {
        // The default stays NORMAL (1): FULL is not applied to every journal.
        QTemporaryDir other;
        QVERIFY(other.isValid());
        Journal normal({other.filePath(QStringLiteral("journal.db"))});
        QCOMPARE(normal.open(), QString());
        sqlite3 *own = g_lastOpened;
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(own, "PRAGMA synchronous", -1, &stmt, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        const int synchronous = sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
        QCOMPARE(synchronous, 1);
    }
#endif

    bool done = false;
    bool okSeen = false;
    qint64 seq = 0;
    journal.append(record(QStringLiteral("full")), [&](bool ok, qint64 s) {
        done = true;
        okSeen = ok;
        seq = s;
    });
    QTRY_VERIFY(done);
    QVERIFY(okSeen);
    QVERIFY(seq > 0);
    Probe probe(path);
    QCOMPARE(probe.text("PRAGMA journal_mode"), QByteArrayLiteral("wal"));
    QCOMPARE(probe.integer("SELECT seq FROM webhooks WHERE trace_id = 'full'"), seq);
}

void TestJournal::durabilityMemory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sub/journal.db"));
    Journal::Options options;
    options.path = path;
    options.durability = Journal::Durability::Memory;
    Journal journal(options);
    QCOMPARE(journal.open(), QString());

    const auto seqs =
        appendAll(journal, {record(QStringLiteral("m1")), record(QStringLiteral("m2"))});
    QCOMPARE(seqs.size(), 2);
    QVERIFY(seqs.value(QStringLiteral("m2")) > seqs.value(QStringLiteral("m1")));
    journal.setFate(seqs.value(QStringLiteral("m1")), Fate::Forwarded, 2000, 1);
    QTRY_COMPARE(int(journal.byTraceId(QStringLiteral("m1")).value_or(JournalRecord{}).fate),
                 int(Fate::Forwarded));
    journal.setStreamedTo(seqs.value(QStringLiteral("m2")));
    QCOMPARE(traceIds(journal.openRows(0, 10, 1 << 20)), QStringList{QStringLiteral("m2")});
    QVERIFY(journal.isHealthy());
    // Nothing reaches the disk: neither the file nor its folder.
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));
}

void TestJournal::walStaysBounded()
{
    // Sustained writes: the write-ahead log is copied back and started over while they go on,
    // so the journal's size on disk stays within its budget (it grew without bound before).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.db"));
    Journal::Options options;
    options.path = path;
    options.maxBytes = 64LL * 1024 * 1024;
    Journal journal(options);
    QCOMPARE(journal.open(), QString());
    const qint64 walCap = Journal::walBytesCap(options.maxBytes);
    QCOMPARE(walCap, qint64(8 * 1024 * 1024));

    JournalRecord big = record(QStringLiteral("big"));
    big.envelope = QByteArray(1024, 'x');
    qint64 worstWal = 0;
    int committed = 0;
    for (int round = 0; round < 400; ++round) {
        for (int i = 0; i < 100; ++i) {
            big.traceId = QStringLiteral("w%1-%2").arg(round).arg(i);
            journal.append(big, [&committed](bool ok, qint64) { committed += ok; });
        }
        journal.flush();
        QCoreApplication::processEvents();
        // ~20 MB/s: four times what 5 000 webhooks/s of this size write, without sleeping so
        // little that a loaded disk (ctest -j2) decides the outcome.
        QThread::msleep(5);
        worstWal = std::max(worstWal, QFileInfo(path + QStringLiteral("-wal")).size());
    }
    QCOMPARE(committed, 40000);
    qInfo("40 000 rows of 1 KiB (%lld MB written): WAL at most %lld KB, cap %lld KB",
          40000LL * 1100 / 1000000, worstWal / 1024, walCap / 1024);
    // A commit's worth of slack over the cap: the WAL is checked after each commit.
    QVERIFY2(worstWal <= walCap + 1024 * 1024,
             qPrintable(QStringLiteral("the WAL reached %1 bytes").arg(worstWal)));
    QVERIFY(journal.bytesOnDisk() <= options.maxBytes);
}

void TestJournal::refusalsAreCapped()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Journal::Options options;
    options.path = dir.filePath(QStringLiteral("journal.db"));
    options.maxBytes = 1024 * 1024;
    Journal journal(options);
    QCOMPARE(journal.open(), QString());
    const qint64 cap = Journal::refusalRowsCap(options.maxBytes);
    QCOMPARE(cap, qint64(102));
    for (int batch = 0; batch < 5; ++batch) {
        QList<Journal::Refusal> refusals;
        for (int i = 0; i < 100; ++i) {
            const int n = batch * 100 + i;
            refusals.append({n * 1000LL,
                             QStringLiteral("203.0.113.%1").arg(n % 250),
                             401,
                             QStringLiteral("Invalid token"),
                             7,
                             n * 1000LL,
                             n * 1000LL + 999,
                             {}});
        }
        journal.addRefusals(refusals);
    }
    const QList<Journal::Refusal> kept = journal.refusals(1000);
    QCOMPARE(qint64(kept.size()), cap);
    QCOMPARE(kept.constLast().firstMs, 499 * 1000LL); // the newest stay
    QCOMPARE(kept.constLast().count, qint64(7));
    // Accepted webhooks still have the rest of the budget.
    QCOMPARE(appendAll(journal, {record(QStringLiteral("after"))}).size(), 1);
}

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
