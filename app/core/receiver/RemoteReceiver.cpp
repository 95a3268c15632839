#include "receiver/RemoteReceiver.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkReply>

namespace {

bool isLoopbackHost(const QString &host)
{
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

} // namespace

RemoteReceiver::RemoteReceiver(const QUrl &base, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_token(token)
{
    m_http.setTransferTimeout(3000);
    m_poll.setInterval(PollInterval);
    connect(&m_poll, &QTimer::timeout, this, &RemoteReceiver::poll);
}

void RemoteReceiver::start()
{
    m_poll.start();
    poll();
}

void RemoteReceiver::stop()
{
    m_poll.stop();
}

QString RemoteReceiver::actionsUnavailable() const
{
    if (!isLoopbackHost(m_base.host()))
        return QCoreApplication::translate(
            "RemoteReceiver",
            "the receiver's admin routes answer only on its own machine (127.0.0.1)");
    if (m_token.isEmpty())
        return QCoreApplication::translate(
            "RemoteReceiver", "no token set here: the admin routes need the receiver's token");
    if (!m_status.listening)
        return QCoreApplication::translate("RemoteReceiver", "the receiver does not answer");
    return m_refused;
}

void RemoteReceiver::poll()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    QUrl url = m_base;
    url.setPath(QStringLiteral("/health"));
    QNetworkReply *reply = m_http.get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_inFlight = false;
        const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
        ReceiverStatus status;
        if (reply->error() == QNetworkReply::NoError && !health.isEmpty()) {
            status = ReceiverStatus::fromHealth(health);
        } else {
            status.listening = false;
            status.redisError = reply->errorString();
        }
        m_status = status;
        Q_EMIT statusChanged(m_status);
    });
}

void RemoteReceiver::admin(const QString &command, const QJsonObject &body,
                           std::function<void(int, const QJsonObject &)> done)
{
    QUrl url = m_base;
    url.setPath(QStringLiteral("/admin/") + command);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("X-Webhook-Token", m_token);
    QNetworkReply *reply = m_http.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 401 || status == 403)
            m_refused = QCoreApplication::translate("RemoteReceiver",
                                                    "the receiver refused: %1 (wrong token?)")
                            .arg(status);
        if (done)
            done(status, answer);
        poll();
    });
}
