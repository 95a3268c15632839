#include "receiver/TestAlert.h"

#include "receiver/ReceiverService.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslConfiguration>

TestAlert::TestAlert(ReceiverService *receiver, QObject *parent)
    : QObject(parent)
    , m_receiver(receiver)
{
    m_patience.setSingleShot(true);
    m_patience.setInterval(Patience);
    connect(&m_patience, &QTimer::timeout, this, &TestAlert::giveUp);
    connect(receiver, &ReceiverService::webhookStreamed, this,
            [this](const QString &traceId) { onStreamed(traceId); });
    connect(receiver, &ReceiverService::webhookFateChanged, this,
            [this](const QString &traceId, Fate fate, qint64 listeners) {
                if (fate == Fate::Forwarded || fate == Fate::Held)
                    onPublished(traceId, listeners);
            });
}

void TestAlert::onStreamed(const QString &traceId)
{
    if (m_done || m_streamed)
        return;
    if (m_traceId.isEmpty()) {
        early(traceId).streamed = true;
        return;
    }
    if (traceId != m_traceId)
        return;
    m_streamed = true;
    Q_EMIT stepDone(Step::Streamed, QString::fromUtf8(m_receiver->settings().streamKey));
}

void TestAlert::onPublished(const QString &traceId, qint64 listeners)
{
    if (m_done || m_published)
        return;
    if (m_traceId.isEmpty()) {
        early(traceId).listeners = listeners;
        return;
    }
    if (traceId != m_traceId)
        return;
    if (!m_streamed)
        onStreamed(traceId); // published implies streamed, whichever signal came first
    m_published = true;
    m_done = true;
    m_patience.stop();
    Q_EMIT stepDone(Step::Published, QString());
    if (listeners > 0) {
        Q_EMIT stepDone(Step::Listened, QString::number(listeners));
        Q_EMIT finished(true);
    } else {
        Q_EMIT failed(Step::Listened, tr("nobody listens on webhook_raw: start Aristobot3's engine "
                                         "(T3); the alert waits in the journal until it does"));
        Q_EMIT finished(false);
    }
}

TestAlert::Early &TestAlert::early(const QString &traceId)
{
    // Bounded: past the cap the busiest receiver's events are not kept (the test then says
    // Redis did not answer in time, which a receiver that busy nearly is).
    if (m_early.size() >= MaxEarly && !m_early.contains(traceId))
        return m_overflow = Early{};
    return m_early[traceId];
}

void TestAlert::send(const QByteArray &payload)
{
    m_traceId.clear();
    m_early.clear();
    m_streamed = m_published = false;
    m_done = false;
    const Settings &settings = m_receiver->settings();
    QByteArray body = payload;
    if (body.isEmpty()) {
        // BarTime differs each time: two tests in a row are not one duplicate.
        const QJsonObject ping{
            {QLatin1String("Symbol"), QLatin1String("BTCUSDT")},
            {QLatin1String("Exchange"), QLatin1String("BINANCE")},
            {QLatin1String("Interval"), QLatin1String("5")},
            {QLatin1String("Action"), QLatin1String("PING")},
            {QLatin1String("Prix"), 0},
            {QLatin1String("UserID"), 0},
            {QLatin1String("UserExchangeID"), 0},
            {QLatin1String("BarTime"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QLatin1String("Note"), QLatin1String("Terminal 6 test alert")}};
        body = QJsonDocument(ping).toJson(QJsonDocument::Compact);
    }
    const bool tls = !settings.tlsCert.isEmpty();
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_receiver->port());
    url.setPath(settings.path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (settings.hasToken())
        request.setRawHeader("X-Webhook-Token", settings.tokens.constFirst());
    if (tls) {
        // Our own listener on loopback: its certificate names the public host, not 127.0.0.1.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(ssl);
    }
    m_patience.start();
    QNetworkReply *reply = m_http.post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200) {
            m_done = true;
            m_patience.stop();
            Q_EMIT failed(Step::Received,
                          status == 0
                              ? tr("the receiver does not answer: %1").arg(reply->errorString())
                              : tr("the receiver answered %1: %2")
                                    .arg(status)
                                    .arg(answer.value(QLatin1String("error")).toString()));
            Q_EMIT finished(false);
            return;
        }
        m_traceId = answer.value(QLatin1String("trace_id")).toString();
        Q_EMIT stepDone(Step::Received, m_traceId);
        // The receiver's signals can come before its HTTP reply reaches us.
        const Early seen = m_early.value(m_traceId);
        m_early.clear();
        if (seen.streamed)
            onStreamed(m_traceId);
        if (seen.listeners >= 0)
            onPublished(m_traceId, seen.listeners);
        if (m_done)
            return;
        const ReceiverStatus &now = m_receiver->status();
        if (now.paused || now.redis != ReceiverStatus::Redis::Ok)
            giveUp(); // no need to wait: it says at once what is missing
    });
}

void TestAlert::giveUp()
{
    if (m_done)
        return;
    m_done = true;
    const ReceiverStatus &status = m_receiver->status();
    QString why;
    if (status.paused)
        why = tr("forwarding is paused (the kill switch): resume it to send");
    else if (status.redis != ReceiverStatus::Redis::Ok)
        why = tr("Redis is unreachable (%1): the alert waits in the journal")
                  .arg(status.redisError.isEmpty() ? ReceiverStatus::redisName(status.redis)
                                                   : status.redisError);
    else
        why = tr("no answer from Redis within %1 s").arg(Patience.count());
    Q_EMIT failed(m_traceId.isEmpty() ? Step::Received
                  : m_streamed        ? Step::Published
                                      : Step::Streamed,
                  why);
    Q_EMIT finished(false);
}
