#pragma once

#include "TokenCheck.h"
#include "config/Settings.h"
#include "webhook/WebhookSummary.h"

#include <QElapsedTimer>
#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class Forwarder;
class RedisConnection;
class EdgeGuard;

// The routes (WIRE.md §1): POST <path>[/<token>], GET /health. The one place where outcomes
// become HTTP status codes.
class WebhookServer : public QObject
{
    Q_OBJECT
public:
    WebhookServer(const Settings &settings, Forwarder *forwarder, RedisConnection *redis,
                  QObject *parent = nullptr);
    ~WebhookServer() override;

    // Serves the connections `guard` accepts (already listening).
    void serve(EdgeGuard *guard);

    qint64 received() const { return m_received; }
    qint64 rejected() const { return m_rejected; }
    void countRejection(int status, const QString &reason, const QString &sourceIp);

Q_SIGNALS:
    void webhookAccepted(const WebhookSummary &summary);
    void webhookRejected(const WebhookSummary &summary);

private:
    QHttpServerResponse handleWebhook(const QHttpServerRequest &request, const QString &pathToken);
    QHttpServerResponse refuse(int status, const char *error, const QString &sourceIp);
    QHttpServerResponse health() const;

    QHttpServer *m_http;
    TokenCheck m_tokens;
    QString m_bodyTokenField;
    Forwarder *m_forwarder;
    RedisConnection *m_redis;
    QElapsedTimer m_uptime;
    qint64 m_received = 0;
    qint64 m_rejected = 0;
};
