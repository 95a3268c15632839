#pragma once

#include "Status.h"
#include "config/Settings.h"
#include "webhook/WebhookSummary.h"

#include <QObject>

#include <chrono>
#include <functional>

class EdgeGuard;
class Forwarder;
class RedisConnection;
class WebhookServer;

// The receiver's objects, all living in the net thread: guard, routes, Redis link, forwarder.
class WebhookReceiver : public QObject
{
    Q_OBJECT
public:
    explicit WebhookReceiver(const Settings &settings, QObject *parent = nullptr);
    ~WebhookReceiver() override;

    // Listens and connects to Redis; returns an error line, or empty on success.
    QString start();
    quint16 port() const;
    // Stops accepting; calls `done` once the queue is published or `timeout` has passed.
    void drain(std::chrono::milliseconds timeout, std::function<void(int left)> done);

Q_SIGNALS:
    void webhookAccepted(const WebhookSummary &summary);
    void webhookRejected(const WebhookSummary &summary);
    void webhookForwarded(const QString &traceId, qint64 listeners);
    void redisStateChanged(ConnectionState state);
    void queueChanged(int queued);

private:
    Settings m_settings;
    RedisConnection *m_redis;
    Forwarder *m_forwarder;
    WebhookServer *m_server;
    EdgeGuard *m_guard;
};
