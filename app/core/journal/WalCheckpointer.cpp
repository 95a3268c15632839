#include "journal/WalCheckpointer.h"

#include <QLoggingCategory>

#include <sqlite3.h>

#include <chrono>

Q_DECLARE_LOGGING_CATEGORY(lcJournal)

WalCheckpointer::WalCheckpointer(QString path)
    : m_path(std::move(path))
    , m_thread([this] { run(); })
{}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WalCheckpointer::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_one();
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(m_path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK) {
        qCWarning(lcJournal).noquote() << "no WAL checkpoints:" << sqlite3_errmsg(db);
        sqlite3_close(db);
        return; // the journal's own connection then copies back when the WAL passes its cap
    }
    sqlite3_busy_timeout(db, 100);
    // A connection opens the WAL only once it has read the database; until then a checkpoint
    // through it does nothing at all.
    sqlite3_exec(db, "SELECT COUNT(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, std::chrono::milliseconds(250), [this] { return m_stop || m_woken; });
        if (m_stop)
            break;
        m_woken = false;
        lock.unlock();
        // PASSIVE never blocks the writer; what it cannot copy now it copies next time. Once all
        // is copied, the writer starts the WAL over, truncated to journal_size_limit.
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
    }
    sqlite3_close(db);
}
