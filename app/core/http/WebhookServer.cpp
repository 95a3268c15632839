#include "WebhookServer.h"

#include "EdgeGuard.h"
#include "redis/Forwarder.h"
#include "redis/RedisConnection.h"
#include "webhook/Envelope.h"
#include "webhook/WebhookPayload.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttp, "t6.http")

namespace {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse json(const QByteArray &body, int status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), body, Status(status));
}

QByteArray headerToken(const QHttpServerRequest &request, bool *present)
{
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("X-Webhook-Token", Qt::CaseInsensitive) == 0) {
            *present = true;
            return value;
        }
    }
    *present = false;
    return {};
}

} // namespace

WebhookServer::WebhookServer(const Settings &settings, Forwarder *forwarder, RedisConnection *redis,
                             QObject *parent)
    : QObject(parent)
    , m_http(new QHttpServer(this))
    , m_tokens(settings.tokens)
    , m_bodyTokenField(settings.bodyTokenField)
    , m_forwarder(forwarder)
    , m_redis(redis)
{
    m_uptime.start();
    using Method = QHttpServerRequest::Method;
    m_http->route(settings.path, Method::Post,
                  [this](const QHttpServerRequest &request) { return handleWebhook(request, {}); });
    m_http->route(settings.path + QStringLiteral("/<arg>"), Method::Post,
                  [this](const QString &token, const QHttpServerRequest &request) {
                      // An empty string still counts as a (wrong) token.
                      return handleWebhook(request, token.isNull() ? QStringLiteral("") : token);
                  });
    m_http->route(QStringLiteral("/health"), Method::Get, [this] { return health(); });
    m_http->setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write(QByteArrayLiteral("{\"error\":\"Not found\"}"),
                        QByteArrayLiteral("application/json"),
                        QHttpServerResponder::StatusCode::NotFound);
    });
}

WebhookServer::~WebhookServer() = default;

void WebhookServer::serve(EdgeGuard *guard)
{
    m_http->bind(guard);
    connect(guard, &EdgeGuard::rejected, this,
            [this](int status, const QString &reason, const QHostAddress &peer) {
                countRejection(status, reason, Envelope::plainAddress(peer));
            });
}

QHttpServerResponse WebhookServer::handleWebhook(const QHttpServerRequest &request,
                                                 const QString &pathToken)
{
    const auto now = std::chrono::system_clock::now();
    const QString sourceIp = Envelope::plainAddress(request.remoteAddress());

    QByteArrayList presented;
    bool inHeader = false;
    const QByteArray header = headerToken(request, &inHeader);
    if (inHeader)
        presented.append(header);
    if (!pathToken.isNull())
        presented.append(pathToken.toUtf8());
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(QStringLiteral("token")))
        presented.append(
            query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8());

    const auto payload = WebhookPayload::parse(request.body(), m_bodyTokenField);
    if (payload)
        presented.append(payload->bodyTokens);

    // The token first: a caller without one learns nothing about the body.
    if (!m_tokens.accepts(presented))
        return refuse(401, "Invalid token", sourceIp);
    if (!payload)
        return refuse(400, "Invalid JSON", sourceIp);

    WebhookSummary summary = WebhookSummary::fromPayload(payload->object);
    summary.traceId = Envelope::newTraceId();
    summary.receivedAt = Envelope::formatTimestamp(now);
    summary.sourceIp = sourceIp;
    const QByteArray envelope =
        Envelope::build(payload->json, summary.receivedAt, sourceIp, summary.traceId);
    if (!m_forwarder->enqueue(summary.traceId, envelope)) {
        qCWarning(lcHttp) << "queue full: refusing webhook from" << sourceIp;
        return refuse(503, "Unavailable", sourceIp);
    }

    ++m_received;
    summary.status = QStringLiteral("received");
    summary.httpStatus = 200;
    Q_EMIT webhookAccepted(summary);
    return json("{\"status\":\"received\",\"timestamp\":\"" + summary.receivedAt.toLatin1() +
                    "\",\"trace_id\":\"" + summary.traceId.toLatin1() + "\"}",
                200);
}

QHttpServerResponse WebhookServer::refuse(int status, const char *error, const QString &sourceIp)
{
    countRejection(status, QString::fromLatin1(error), sourceIp);
    return json(QByteArrayLiteral("{\"error\":\"") + error + "\"}", status);
}

void WebhookServer::countRejection(int status, const QString &reason, const QString &sourceIp)
{
    ++m_rejected;
    qCInfo(lcHttp).noquote() << "rejected" << status << reason << "from" << sourceIp;
    WebhookSummary summary;
    summary.receivedAt = Envelope::formatTimestamp(std::chrono::system_clock::now());
    summary.sourceIp = sourceIp;
    summary.status = QStringLiteral("rejected");
    summary.reason = reason;
    summary.httpStatus = status;
    Q_EMIT webhookRejected(summary);
}

QHttpServerResponse WebhookServer::health() const
{
    const bool redisOk = m_redis->state() == ConnectionState::Connected;
    const QByteArray body = "{\"status\":\"running\",\"redis\":\"" +
                            QByteArray(redisOk ? "ok" : "error") +
                            "\",\"webhooks_received\":" + QByteArray::number(m_received) +
                            ",\"webhooks_rejected\":" + QByteArray::number(m_rejected) +
                            ",\"queued\":" + QByteArray::number(m_forwarder->queued()) +
                            ",\"uptime_s\":" + QByteArray::number(m_uptime.elapsed() / 1000) + "}";
    return json(body, 200);
}
