#include "http/WebhookServer.h"

#include "http/EdgeGuard.h"
#include "journal/Journal.h"
#include "redis/Forwarder.h"
#include "redis/RedisConnection.h"
#include "webhook/Envelope.h"
#include "webhook/WebhookPayload.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcHttp, "t6.http")

namespace {

using Status = QHttpServerResponder::StatusCode;
const QByteArray jsonType = QByteArrayLiteral("application/json");
// What the journal keeps of a 400's body (a caller with the token sent bad JSON), to see why.
constexpr qsizetype rejectedSampleCap = 256;
// Refusals logged one by one in a ledger interval; the rest go into its summary line.
constexpr int maxRefusalLinesPerInterval = 10;

// A journal row for a request arriving now: its trace_id, receipt time (both forms) and source.
JournalRecord newRecord(const QString &sourceIp)
{
    const auto now = std::chrono::system_clock::now();
    JournalRecord record;
    record.traceId = Envelope::newTraceId();
    record.receivedAt = Envelope::formatTimestamp(now);
    record.receivedMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    record.sourceIp = sourceIp;
    return record;
}

QByteArray errorBody(const char *error)
{
    return QByteArrayLiteral("{\"error\":\"") + error + "\"}";
}

// checkSettings() has refused what does not parse before a server is made.
IpAllowlist ranges(const QStringList &entries)
{
    return IpAllowlist::parse(entries).value_or(IpAllowlist());
}

} // namespace

WebhookServer::WebhookServer(const Settings &settings, Journal *journal, Forwarder *forwarder,
                             RedisConnection *redis, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_receiverName(settings.effectiveReceiverName())
    , m_http(new QHttpServer(this))
    , m_tokens(settings.tokens)
    , m_clients(ranges(settings.trustedProxies))
    , m_allowed(ranges(settings.allowIps))
    , m_rate(settings.rateLimit, settings.rateBurst)
    , m_lockout(settings.badTokenLimit)
    , m_duplicates(settings.dedupeWindowS, settings.dedupeKeys)
    , m_journal(journal)
    , m_forwarder(forwarder)
    , m_redis(redis)
{
    m_uptime.start();
    m_refusalFlush.setInterval(std::chrono::milliseconds(RefusalLedger::intervalMs));
    connect(&m_refusalFlush, &QTimer::timeout, this, [this] { flushRefusals(); });
    m_refusalFlush.start();
    // Duplicates of what was accepted just before a restart are still duplicates.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const JournalRecord &r : m_journal->acceptedSince(now - settings.dedupeWindowS * 1000LL))
        m_duplicates.remember(r.dedupeKey, r.receivedMs);

    using Method = QHttpServerRequest::Method;
    m_http->route(settings.path, Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleWebhook(request, QString(), std::move(responder));
                  });
    m_http->route(settings.path + QStringLiteral("/<arg>"), Method::Post,
                  [this](const QString &token, const QHttpServerRequest &request,
                         QHttpServerResponder &&responder) {
                      // An empty string still counts as a (wrong) token.
                      handleWebhook(request, token.isNull() ? QStringLiteral("") : token,
                                    std::move(responder));
                  });
    m_http->route(QStringLiteral("/health"), Method::Get, [this] { return health(); });
    m_http->route(QStringLiteral("/stats"), Method::Get,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleStats(request, std::move(responder));
                  });
    m_http->route(QStringLiteral("/metrics"), Method::Get,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleMetrics(request, std::move(responder));
                  });
    m_http->route(QStringLiteral("/admin/resend"), Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleResend(request, std::move(responder));
                  });
    m_http->route(QStringLiteral("/admin/pause"), Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handlePause(request, true, std::move(responder));
                  });
    m_http->route(QStringLiteral("/admin/resume"), Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handlePause(request, false, std::move(responder));
                  });
    m_http->setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write(errorBody("Not found"), jsonType, Status::NotFound);
    });
}

WebhookServer::~WebhookServer() = default;

QString WebhookServer::checkSettings(const Settings &settings)
{
    QString error;
    if (!IpAllowlist::parse(settings.allowIps, &error))
        return QStringLiteral("--allow-ip: ") + error;
    if (!IpAllowlist::parse(settings.trustedProxies, &error))
        return QStringLiteral("--trusted-proxy: ") + error;
    if (settings.redis.usesSentinel() && settings.redis.masterName.isEmpty())
        return QStringLiteral("--redis-sentinel needs --redis-master-name");
    return {};
}

QHostAddress WebhookServer::clientOf(const QHttpServerRequest &request) const
{
    QByteArrayList forwardedFor;
    QByteArray realIp;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0)
            forwardedFor.append(value);
        else if (realIp.isNull() && name.compare("X-Real-IP", Qt::CaseInsensitive) == 0)
            realIp = value;
    }
    return m_clients.resolve(request.remoteAddress(), forwardedFor, realIp);
}

void WebhookServer::serve(EdgeGuard *guard)
{
    m_http->bind(guard);
    connect(guard, &EdgeGuard::rejected, this,
            [this](int status, const QString &reason, const QHostAddress &peer) {
                recordRejection(status, reason, peer);
            });
}

QByteArrayList WebhookServer::presentedTokens(const QHttpServerRequest &request,
                                              const QString &pathToken) const
{
    QByteArrayList presented;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("X-Webhook-Token", Qt::CaseInsensitive) == 0)
            presented.append(value);
    }
    if (!pathToken.isNull())
        presented.append(pathToken.toUtf8());
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(QStringLiteral("token")))
        presented.append(
            query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8());
    return presented;
}

void WebhookServer::handleWebhook(const QHttpServerRequest &request, const QString &pathToken,
                                  QHttpServerResponder &&responder)
{
    QElapsedTimer handling;
    handling.start();
    const QHostAddress client = clientOf(request);
    const QString sourceIp = Envelope::plainAddress(client);
    const QByteArray body = request.body();

    // Who may call comes before anything is parsed: refused callers cost as little as possible.
    if (!m_allowed.allows(client))
        return refuse(responder, 403, "Forbidden", client, handling);
    if (const int lockedS = m_lockout.lockedForS(client))
        return refuse(responder, 429, "Too many requests", client, handling, lockedS);
    int retryAfterS = 0;
    if (!m_rate.tryTake(client, &retryAfterS))
        return refuse(responder, 429, "Too many requests", client, handling, retryAfterS);

    QByteArrayList presented = presentedTokens(request, pathToken);
    const auto payload = WebhookPayload::parse(body, m_settings.bodyTokenField);
    if (payload)
        presented.append(payload->bodyTokens);
    // The token first: a caller without one learns nothing about the body.
    if (!m_tokens.accepts(presented)) {
        if (m_lockout.recordBadToken(client)) {
            m_metrics.countLockout();
            qCWarning(lcHttp).noquote()
                << "locked out" << sourceIp << "for" << BadTokenLockout::lockoutMs / 1000
                << "s after" << m_settings.badTokenLimit << "bad tokens within a minute";
        }
        return refuse(responder, 401, "Invalid token", client, handling);
    }
    if (!payload)
        return refuse(responder, 400, "Invalid JSON", client, handling, 0,
                      m_tokens.redactCapped(body, rejectedSampleCap));

    JournalRecord record = newRecord(sourceIp);
    // A token may sit in another field too: what is kept, shown and forwarded has none.
    const auto redacted = m_tokens.redactJsonStrings(payload->json);
    const QByteArray &json = redacted ? *redacted : payload->json;
    WebhookSummary summary = WebhookSummary::fromPayload(
        redacted ? QJsonDocument::fromJson(json).object() : payload->object);
    summary.traceId = record.traceId;
    summary.receivedAt = record.receivedAt;
    summary.sourceIp = sourceIp;
    summary.receiver = m_receiverName;
    record.payload = json;
    summary.payload = json;
    record.dedupeKey = m_duplicates.keyFor(*payload);
    if (m_duplicates.isDuplicate(record.dedupeKey, record.receivedMs)) {
        record.outcome = Outcome::Duplicate;
        record.fate = Fate::None;
        summary.status = WebhookStatus::Duplicate;
    } else {
        record.outcome = Outcome::Accepted;
        record.fate = Fate::Pending;
        record.envelope =
            Envelope::build(json, summary.receivedAt, sourceIp, summary.traceId, m_receiverName);
        m_duplicates.remember(record.dedupeKey, record.receivedMs);
        summary.status = WebhookStatus::Received;
    }
    answerOnceCommitted(std::move(record), summary, std::move(responder), handling);
}

void WebhookServer::answerOnceCommitted(JournalRecord record, const WebhookSummary &summary,
                                        QHttpServerResponder &&responder, QElapsedTimer handling)
{
    // Qt 6.4's responder keeps a raw socket pointer: the client may be gone by commit time.
    auto deferred = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = deferred->socket();
    const bool duplicate = record.outcome == Outcome::Duplicate;
    const QByteArray key = record.dedupeKey;
    const qint64 receivedMs = record.receivedMs;
    JournalRecord forForwarder = duplicate ? JournalRecord() : record;

    m_journal->append(std::move(record), [=, this](bool ok, qint64 seq) mutable {
        if (!ok) {
            if (!duplicate)
                m_duplicates.forget(key, receivedMs);
            ++m_rejected;
            m_metrics.countRequest(Metrics::Outcome::Failed, 503);
            m_metrics.observeLatency(handling.nsecsElapsed() / 1e9);
            if (socket)
                deferred->write(errorBody("Unavailable"), jsonType, Status::ServiceUnavailable);
            WebhookSummary failed = summary;
            failed.status = WebhookStatus::Rejected;
            failed.reason = QStringLiteral("journal cannot write");
            failed.httpStatus = 503;
            Q_EMIT webhookRejected(failed);
            return;
        }
        if (!duplicate) {
            forForwarder.seq = seq;
            m_forwarder->submit(forForwarder);
        }
        ++m_received;
        m_metrics.countRequest(duplicate ? Metrics::Outcome::Duplicate : Metrics::Outcome::Accepted,
                               200);
        m_metrics.observeLatency(handling.nsecsElapsed() / 1e9);
        WebhookSummary accepted = summary;
        accepted.httpStatus = 200;
        Q_EMIT webhookAccepted(accepted);
        if (!socket)
            return;
        QByteArray reply = "{\"status\":\"received\",\"timestamp\":\"" +
                           summary.receivedAt.toLatin1() + "\",\"trace_id\":\"" +
                           summary.traceId.toLatin1() + '"';
        reply += duplicate ? ",\"duplicate\":true}" : "}";
        deferred->write(reply, jsonType, Status::Ok);
    });
}

void WebhookServer::refuse(QHttpServerResponder &responder, int status, const char *error,
                           const QHostAddress &client, const QElapsedTimer &handling,
                           int retryAfterS, const QByteArray &sample)
{
    recordRejection(status, QString::fromLatin1(error), client, sample);
    m_metrics.observeLatency(handling.nsecsElapsed() / 1e9);
    if (retryAfterS > 0) {
        responder.write(errorBody(error),
                        {{QByteArrayLiteral("Content-Type"), jsonType},
                         {QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterS)}},
                        Status(status));
        return;
    }
    responder.write(errorBody(error), jsonType, Status(status));
}

void WebhookServer::recordRejection(int status, const QString &reason, const QHostAddress &client,
                                    const QByteArray &sample)
{
    ++m_rejected;
    m_metrics.countRequest(Metrics::Outcome::Rejected, status);
    const QString sourceIp = Envelope::plainAddress(client);
    // The first of its kind within an interval is told; the rest are counted (flushRefusals).
    if (!m_refusals.note(client, sourceIp, status, reason, sample))
        return;
    // Many addresses at once (a spread attack) would still be a line and a monitor row each: a
    // few, then the interval's summary (the counts are all in the journal).
    if (m_refusalLines++ >= maxRefusalLinesPerInterval)
        return;
    qCInfo(lcHttp).noquote() << "rejected" << status << reason << "from" << sourceIp;
    const JournalRecord stamp = newRecord(sourceIp);
    WebhookSummary summary;
    summary.traceId = stamp.traceId;
    summary.receivedAt = stamp.receivedAt;
    summary.sourceIp = sourceIp;
    summary.receiver = m_receiverName;
    summary.status = WebhookStatus::Rejected;
    summary.reason = reason;
    summary.httpStatus = status;
    Q_EMIT webhookRejected(summary);
}

void WebhookServer::flushRefusals(bool everything)
{
    const QList<Journal::Refusal> refusals = m_refusals.take(everything);
    m_refusalLines = 0;
    if (refusals.isEmpty())
        return;
    m_journal->addRefusals(refusals);
    qint64 unlogged = 0;
    QList<const Journal::Refusal *> largest;
    for (const Journal::Refusal &r : refusals) {
        unlogged += r.count;
        largest.append(&r);
    }
    const qsizetype shown = std::min<qsizetype>(3, largest.size());
    std::partial_sort(largest.begin(), largest.begin() + shown, largest.end(),
                      [](const auto *a, const auto *b) { return a->count > b->count; });
    QStringList worst;
    for (qsizetype i = 0; i < shown; ++i) {
        const Journal::Refusal &r = *largest.at(i);
        worst.append(QStringLiteral("%1 × %2 %3 from %4")
                         .arg(r.count)
                         .arg(r.httpStatus)
                         .arg(r.reason, r.sourceIp));
    }
    unlogged -= std::min<qint64>(qint64(refusals.size()), maxRefusalLinesPerInterval);
    // One line for what was only counted: a flood is a line every interval, not a line a request.
    if (unlogged > 0)
        qCInfo(lcHttp).noquote() << QStringLiteral("%1 more refusal(s) in the last %2 s, e.g. %3")
                                        .arg(unlogged)
                                        .arg(RefusalLedger::intervalMs / 1000)
                                        .arg(worst.join(QStringLiteral("; ")));
}

bool WebhookServer::isAdmin(const QHttpServerRequest &request) const
{
    // Only from this machine, and with the token when one is set (a local proxy forwards
    // outside callers from loopback too).
    return request.remoteAddress().isLoopback() && m_tokens.accepts(presentedTokens(request, {}));
}

void WebhookServer::handlePause(const QHttpServerRequest &request, bool pause,
                                QHttpServerResponder &&responder)
{
    if (!isAdmin(request))
        return responder.write(errorBody("Forbidden"), jsonType, Status::Forbidden);
    if (pause) {
        m_forwarder->pause();
    } else {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        m_forwarder->resume(body.value(QLatin1String("publish_waiting")).toBool(true));
    }
    Q_EMIT pausedChanged(m_forwarder->isPaused());
    responder.write(QByteArray("{\"paused\":") + (m_forwarder->isPaused() ? "true" : "false") + "}",
                    jsonType, Status::Ok);
}

void WebhookServer::handleResend(const QHttpServerRequest &request,
                                 QHttpServerResponder &&responder)
{
    if (!isAdmin(request))
        return responder.write(errorBody("Forbidden"), jsonType, Status::Forbidden);
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    m_journal->flush(); // fates decided a moment ago are what the request is about
    int count = 0;
    if (body.value(QLatin1String("expired")).toBool()) {
        count = m_forwarder->resend();
    } else if (const auto row =
                   m_journal->byTraceId(body.value(QLatin1String("trace_id")).toString())) {
        if (row->fate != Fate::Expired)
            return responder.write(errorBody("Not expired"), jsonType, Status::Conflict);
        count = m_forwarder->resend(row->traceId);
    } else {
        return responder.write(errorBody("Unknown trace_id"), jsonType, Status::NotFound);
    }
    responder.write("{\"resent\":" + QByteArray::number(count) + "}", jsonType, Status::Ok);
}

ReceiverStatus WebhookServer::status() const
{
    ReceiverStatus s;
    s.listening = true;
    const RedisRefusal &refusal = m_forwarder->refusal();
    const RedisRefusal &stream = m_forwarder->streamRefusal();
    if (m_redis->state() != ConnectionState::Connected) {
        s.redis = ReceiverStatus::Redis::Error;
        s.redisError = m_redis->lastError();
    } else if (refusal.isRefusing()) {
        s.redis = ReceiverStatus::Redis::Refusing;
        s.redisError = refusal.message();
    } else if (stream.isRefusing()) {
        s.redis = ReceiverStatus::Redis::Refusing;
        s.redisError = stream.message() + QStringLiteral(" (stream ") +
                       QString::fromUtf8(m_settings.streamKey) + u')';
    } else {
        s.redis = ReceiverStatus::Redis::Ok;
    }
    s.paused = m_forwarder->isPaused();
    s.journalHealthy = m_journal->isHealthy();
    s.journalBytes = m_journal->bytesOnDisk();
    s.received = m_received;
    s.rejected = m_rejected;
    const Forwarder::Counts counts = m_forwarder->counts();
    s.unstreamed = counts.unstreamed;
    s.unpublished = counts.unpublished;
    s.held = counts.holding ? counts.unpublished : 0;
    s.open = counts.open;
    s.expired = counts.expired;
    s.oldestOpenAgeS = counts.oldestOpenMs
                           ? (QDateTime::currentMSecsSinceEpoch() - counts.oldestOpenMs) / 1000
                           : 0;
    s.listeners = m_forwarder->listeners();
    s.lostByRedis = m_forwarder->lostByRedis();
    s.duplicatesInRedis = counts.duplicates;
    s.receiver = m_receiverName;
    s.uptimeS = m_uptime.elapsed() / 1000;
    return s;
}

QHttpServerResponse WebhookServer::health() const
{
    QJsonObject health = status().toHealth();
    if (m_settings.redis.embedded)
        health.insert(QLatin1String("redis_embedded"), true);
    if (m_monitor.contains(QLatin1String("terminals")))
        health.insert(QLatin1String("terminals"), m_monitor.value(QLatin1String("terminals")));
    if (m_monitor.contains(QLatin1String("receivers")))
        health.insert(
            QLatin1String("receivers"),
            m_monitor.value(QLatin1String("receivers")).toObject().value(QLatin1String("list")));
    return QHttpServerResponse(jsonType, QJsonDocument(health).toJson(QJsonDocument::Compact));
}

bool WebhookServer::mayReadFigures(const QHttpServerRequest &request) const
{
    // The resolved client, not the peer: a trusted local proxy's outside callers are not local.
    return m_settings.metricsPublic || clientOf(request).isLoopback();
}

void WebhookServer::handleStats(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (!mayReadFigures(request))
        return responder.write(errorBody("Forbidden"), jsonType, Status::Forbidden);
    const QJsonObject stats = m_monitor.value(QLatin1String("stats")).toObject();
    responder.write(QJsonDocument(stats).toJson(QJsonDocument::Compact), jsonType, Status::Ok);
}

void WebhookServer::handleMetrics(const QHttpServerRequest &request,
                                  QHttpServerResponder &&responder)
{
    if (!mayReadFigures(request))
        return responder.write(errorBody("Forbidden"), jsonType, Status::Forbidden);
    const Forwarder::Counts counts = m_forwarder->counts();
    Metrics::Gauges gauges;
    gauges.journalPending = counts.unstreamed;
    gauges.journalUnpublished = counts.unpublished;
    gauges.journalHeld = counts.holding ? counts.unpublished : 0;
    gauges.journalExpired = counts.expired;
    gauges.journalBytes = m_journal->bytesOnDisk();
    gauges.redisUp = m_redis->state() == ConnectionState::Connected;
    gauges.redisRefusing =
        m_forwarder->refusal().isRefusing() || m_forwarder->streamRefusal().isRefusing();
    gauges.redisRefusals = m_forwarder->refusal().total() + m_forwarder->streamRefusal().total();
    gauges.redisLost = m_forwarder->lostByRedis();
    gauges.listeners = m_forwarder->listeners();
    responder.write(m_metrics.render(gauges), Metrics::contentType, Status::Ok);
}
