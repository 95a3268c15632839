#pragma once

#include "journal/JournalRecord.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

// Reads the journal for the monitor, off the net thread and off the GUI thread: a read-only
// connection of its own (WAL lets it read while the journal writes) in a thread of its own. Asked
// with a callback, answered on the thread of `context`, never after `context` is gone.
class JournalReader : public QObject
{
    Q_OBJECT
public:
    explicit JournalReader(QString path, QObject *parent = nullptr);
    ~JournalReader() override;

    // The newest `limit` rows, oldest first (the history at start).
    void recent(int limit, QObject *context, std::function<void(QList<JournalRecord>)> done);
    // JournalFigures over the last 24 h, 7 d and 30 d before `nowMs`, as {"24h":…,"7d":…,"30d":…}.
    void figures(qint64 nowMs, QObject *context, std::function<void(QJsonObject)> done);

private:
    template <typename Result>
    void ask(QObject *context, std::function<Result()> work, std::function<void(Result)> done);

    QString m_path;
    QThread m_thread;
    QObject *m_worker; // lives in m_thread
};
