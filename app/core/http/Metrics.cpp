#include "http/Metrics.h"

const QByteArray Metrics::contentType = QByteArrayLiteral("text/plain; version=0.0.4");

namespace {

QByteArray outcomeName(Metrics::Outcome outcome)
{
    switch (outcome) {
    case Metrics::Outcome::Accepted: return QByteArrayLiteral("accepted");
    case Metrics::Outcome::Duplicate: return QByteArrayLiteral("duplicate");
    case Metrics::Outcome::Rejected: return QByteArrayLiteral("rejected");
    case Metrics::Outcome::Failed: return QByteArrayLiteral("failed");
    }
    return QByteArrayLiteral("unknown");
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}

void header(QByteArray &out, const char *name, const char *type, const char *help)
{
    out +=
        QByteArrayLiteral("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void gauge(QByteArray &out, const char *name, const char *help, qint64 value)
{
    header(out, name, "gauge", help);
    out += QByteArray(name) + ' ' + QByteArray::number(value) + '\n';
}

} // namespace

void Metrics::countRequest(Outcome outcome, int status)
{
    ++m_requests[{outcome, status}];
}

void Metrics::observeLatency(double seconds)
{
    for (size_t i = 0; i < latencyBucketsS.size(); ++i) {
        if (seconds <= latencyBucketsS[i])
            ++m_latencyBuckets[i];
    }
    ++m_latencyCount;
    m_latencySum += seconds;
}

QByteArray Metrics::render(const Gauges &gauges) const
{
    QByteArray out;
    header(out, "t6_webhook_requests_total", "counter",
           "Webhook requests by outcome and HTTP status.");
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
        out += "t6_webhook_requests_total{outcome=\"" + outcomeName(it.key().first) +
               "\",status=\"" + QByteArray::number(it.key().second) + "\"} " +
               QByteArray::number(it.value()) + '\n';
    }
    header(out, "t6_webhook_request_duration_seconds", "histogram",
           "Time from routing a webhook to its reply, journal commit included.");
    for (size_t i = 0; i < latencyBucketsS.size(); ++i) {
        out += "t6_webhook_request_duration_seconds_bucket{le=\"" + number(latencyBucketsS[i]) +
               "\"} " + QByteArray::number(m_latencyBuckets[i]) + '\n';
    }
    out += "t6_webhook_request_duration_seconds_bucket{le=\"+Inf\"} " +
           QByteArray::number(m_latencyCount) + '\n';
    out += "t6_webhook_request_duration_seconds_sum " + number(m_latencySum) + '\n';
    out += "t6_webhook_request_duration_seconds_count " + QByteArray::number(m_latencyCount) + '\n';
    header(out, "t6_webhook_lockouts_total", "counter",
           "Client addresses locked out after too many bad tokens.");
    out += "t6_webhook_lockouts_total " + QByteArray::number(m_lockouts) + '\n';
    gauge(out, "t6_journal_pending", "Accepted webhooks not yet in the stream.",
          gauges.journalPending);
    gauge(out, "t6_journal_unpublished", "Accepted webhooks not yet published.",
          gauges.journalUnpublished);
    gauge(out, "t6_journal_held", "Accepted webhooks waiting for a listener to subscribe.",
          gauges.journalHeld);
    gauge(out, "t6_journal_expired", "Webhooks too old to replay, kept for a manual resend.",
          gauges.journalExpired);
    gauge(out, "t6_journal_bytes", "Journal database and write-ahead log on disk.",
          gauges.journalBytes);
    gauge(out, "t6_redis_up", "1 when the forwarder's Redis link is connected.",
          gauges.redisUp ? 1 : 0);
    gauge(out, "t6_redis_refusing", "1 while Redis refuses deliveries or the stream.",
          gauges.redisRefusing ? 1 : 0);
    header(out, "t6_redis_refusals_total", "counter", "Deliveries Redis refused, all causes.");
    out += "t6_redis_refusals_total " + QByteArray::number(gauges.redisRefusals) + '\n';
    header(out, "t6_redis_lost_total", "counter",
           "Webhooks Redis lost from the stream and had added back.");
    out += "t6_redis_lost_total " + QByteArray::number(gauges.redisLost) + '\n';
    gauge(out, "t6_listeners", "Receivers of the last PUBLISH webhook_raw (Terminal 3).",
          gauges.listeners);
    return out;
}
