#include "journal/JournalReader.h"

#include "journal/Journal.h"
#include "journal/JournalFigures.h"

#include <QDateTime>

JournalReader::JournalReader(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("journal reader"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

JournalReader::~JournalReader()
{
    m_thread.quit();
    m_thread.wait();
}

template <typename Result>
void JournalReader::ask(QObject *context, std::function<Result()> work,
                        std::function<void(Result)> done)
{
    // The answer goes through this object, which outlives the worker thread (the destructor
    // waits for it); `asker` is only looked at on this object's own thread.
    QPointer<QObject> asker(context);
    QMetaObject::invokeMethod(
        m_worker,
        [this, asker, work = std::move(work), done = std::move(done)] {
            Result result = work();
            QMetaObject::invokeMethod(
                this,
                [asker, done, result = std::move(result)] {
                    if (asker)
                        done(result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void JournalReader::recent(int limit, QObject *context,
                           std::function<void(QList<JournalRecord>)> done)
{
    const QString path = m_path;
    ask<QList<JournalRecord>>(
        context,
        [path, limit] {
            // A read-only look through the journal's own queries; nothing is created or written.
            Journal::Options options;
            options.path = path;
            options.readOnly = true;
            Journal journal(options);
            return journal.open().isEmpty() ? journal.recent(limit) : QList<JournalRecord>();
        },
        std::move(done));
}

void JournalReader::figures(qint64 nowMs, QObject *context, std::function<void(QJsonObject)> done)
{
    const QString path = m_path;
    ask<QJsonObject>(
        context,
        [path, nowMs] {
            QJsonObject windows;
            for (const auto &[name, days] :
                 {std::pair{"24h", 1}, std::pair{"7d", 7}, std::pair{"30d", 30}}) {
                const qint64 since = nowMs - qint64(days) * 24 * 3600 * 1000;
                windows.insert(QLatin1String(name),
                               JournalFigures::fromJournal(path, since, nowMs).toJson());
            }
            return windows;
        },
        std::move(done));
}
