#pragma once

#include <QObject>
#include <QString>

#include <deque>

class RedisConnection;

// Publishes accepted webhooks on `webhook_raw` strictly in arrival order, pipelined. While Redis
// is away they wait in a bounded queue and go out, still in order, once it is back.
class Forwarder : public QObject
{
    Q_OBJECT
public:
    Forwarder(RedisConnection *redis, int queueLimit, QObject *parent = nullptr);

    // False when the queue is full: the caller must not claim the webhook was accepted.
    bool enqueue(const QString &traceId, const QByteArray &envelope);
    int queued() const { return int(m_queue.size()); }

    static QByteArray channel() { return QByteArrayLiteral("webhook_raw"); }

Q_SIGNALS:
    void forwarded(const QString &traceId, qint64 listeners);
    void queueChanged(int queued);

private:
    struct Item {
        quint64 sequence;
        QString traceId;
        QByteArray envelope;
        bool inFlight = false;
    };

    void pump();
    void onReply(quint64 sequence, bool ok, qint64 listeners);

    RedisConnection *m_redis;
    int m_limit;
    std::deque<Item> m_queue;
    quint64 m_nextSequence = 1;
    int m_inFlight = 0;
};
