#pragma once

#include "ReceiverStatus.h"
#include "config/Settings.h"
#include "http/BadTokenLockout.h"
#include "http/ClientAddress.h"
#include "http/IpAllowlist.h"
#include "http/Metrics.h"
#include "http/RateLimiter.h"
#include "http/RefusalLedger.h"
#include "http/TokenCheck.h"
#include "webhook/DuplicateFilter.h"
#include "webhook/WebhookSummary.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QHttpServerResponse;
class EdgeGuard;
class Forwarder;
class Journal;
class RedisConnection;
struct JournalRecord;

// The routes (WIRE.md §1): POST <path>[/<token>], GET /health, GET /metrics (loopback unless
// metricsPublic) and the loopback-only POST /admin/resend, /admin/pause and /admin/resume. The one
// place where outcomes become HTTP status codes. An accepted webhook is answered only once the
// journal has committed it. Refused requests are counted, and accounted in bounded space
// (RefusalLedger): no row and no log line each, no body kept but the start of a 400's (a caller
// with the token sent bad JSON).
class WebhookServer : public QObject
{
    Q_OBJECT
public:
    WebhookServer(const Settings &settings, Journal *journal, Forwarder *forwarder,
                  RedisConnection *redis, QObject *parent = nullptr);
    ~WebhookServer() override;

    // An error line for settings the routes cannot work with (allowIps/trustedProxies that are
    // not CIDRs), or empty. The constructor assumes they passed.
    static QString checkSettings(const Settings &settings);

    // Serves the connections `guard` accepts (already listening).
    void serve(EdgeGuard *guard);
    // Requests refused before they reached a route (by the guard) count and are recorded too.
    void recordRejection(int status, const QString &reason, const QHostAddress &client,
                         const QByteArray &sample = {});
    // The tokens accepted from now on (the settings changed).
    void setTokens(const QByteArrayList &tokens) { m_tokens = TokenCheck(tokens); }
    void setRedisEndpoint(const RedisEndpoint &endpoint) { m_settings.redis = endpoint; }
    // Where the receiver stands (what /health says).
    ReceiverStatus status() const;
    // Writes the refusals of the intervals that have ended (all of them when `everything`).
    void flushRefusals(bool everything = false);
    // What the monitor (main thread) knows: "terminals" (T1-T7, in /health) and "stats" (/stats).
    void setMonitorSection(const QString &name, const QJsonObject &value)
    {
        m_monitor.insert(name, value);
    }

Q_SIGNALS:
    void webhookAccepted(const WebhookSummary &summary);
    void webhookRejected(const WebhookSummary &summary);
    void pausedChanged(bool paused);

private:
    void handleWebhook(const QHttpServerRequest &request, const QString &pathToken,
                       QHttpServerResponder &&responder);
    void handleResend(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handlePause(const QHttpServerRequest &request, bool pause,
                     QHttpServerResponder &&responder);
    bool isAdmin(const QHttpServerRequest &request) const;
    void refuse(QHttpServerResponder &responder, int status, const char *error,
                const QHostAddress &client, const QElapsedTimer &handling, int retryAfterS = 0,
                const QByteArray &sample = {});
    QHostAddress clientOf(const QHttpServerRequest &request) const;
    void answerOnceCommitted(JournalRecord record, const WebhookSummary &summary,
                             QHttpServerResponder &&responder, QElapsedTimer handling);
    QByteArrayList presentedTokens(const QHttpServerRequest &request,
                                   const QString &pathToken) const;
    QHttpServerResponse health() const;
    bool mayReadFigures(const QHttpServerRequest &request) const;
    void handleStats(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleMetrics(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    Settings m_settings;
    QString m_receiverName; // the settings', worked out once
    QHttpServer *m_http;
    TokenCheck m_tokens;
    ClientAddress m_clients;
    IpAllowlist m_allowed;
    RateLimiter m_rate;
    BadTokenLockout m_lockout;
    Metrics m_metrics;
    RefusalLedger m_refusals;
    int m_refusalLines = 0; // logged one by one in this interval
    QTimer m_refusalFlush;
    DuplicateFilter m_duplicates;
    Journal *m_journal;
    Forwarder *m_forwarder;
    RedisConnection *m_redis;
    QElapsedTimer m_uptime;
    qint64 m_received = 0;
    qint64 m_rejected = 0;
    QJsonObject m_monitor;
};
