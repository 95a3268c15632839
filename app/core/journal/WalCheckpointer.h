#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

// Copies the journal's write-ahead log back into the database from a thread of its own. SQLite
// would otherwise do it inside a commit on the net thread, and the fsync it needs shows as
// 10-20 ms pauses in request latency (bench/throughput.sh, --durability normal). Runs every
// 250 ms, and at once when the journal says the WAL is growing (wake()).
class WalCheckpointer
{
public:
    explicit WalCheckpointer(QString path);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    void wake();

private:
    void run();

    QString m_path;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_woken = false;
    std::thread m_thread;
};
