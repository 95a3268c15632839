#include "receiver/ReceiverService.h"

#include "journal/Journal.h"
#include "journal/JournalReader.h"
#include "receiver/RemoteReceiver.h"
#include "receiver/WebhookReceiver.h"
#include "receiver/WebhookUrl.h"

#include <QSemaphore>

ReceiverService::ReceiverService(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    if (settings.monitorOnly) {
        m_remote = new RemoteReceiver(settings.receiverUrl, settings.tokens.value(0), this);
        connect(m_remote, &RemoteReceiver::statusChanged, this, &ReceiverService::onStatus);
    } else {
        m_reader = new JournalReader(Journal::pathIn(settings.dataDir), this);
    }
    qRegisterMetaType<WebhookSummary>();
    qRegisterMetaType<ConnectionState>();
    qRegisterMetaType<Fate>();
    qRegisterMetaType<ReceiverStatus>();
    m_netThread.setObjectName(QStringLiteral("net"));
}

ReceiverService::~ReceiverService()
{
    if (isRunning())
        stop(std::chrono::milliseconds(0));
}

QString ReceiverService::start()
{
    if (isRunning())
        return {};
    if (m_remote) {
        if (!m_settings.receiverUrl.isValid())
            return QStringLiteral("--monitor-only: give the receiver's address (--receiver-url)");
        m_remoteRunning = true;
        m_port = quint16(m_settings.receiverUrl.port(
            m_settings.receiverUrl.scheme() == QLatin1String("https") ? 443 : 80));
        m_remote->start();
        return {};
    }
    m_netThread.start();
    m_netContext = new QObject;
    m_netContext->moveToThread(&m_netThread);

    QString error;
    // Every net object is created inside the net thread, so its sockets and timers belong there.
    QMetaObject::invokeMethod(
        m_netContext,
        [this, &error] {
            auto *receiver = new WebhookReceiver(m_settings);
            connect(receiver, &WebhookReceiver::webhookAccepted, this,
                    &ReceiverService::webhookAccepted);
            connect(receiver, &WebhookReceiver::webhookRejected, this,
                    &ReceiverService::webhookRejected);
            connect(receiver, &WebhookReceiver::webhookFateChanged, this,
                    &ReceiverService::webhookFateChanged);
            connect(receiver, &WebhookReceiver::webhookStreamed, this,
                    &ReceiverService::webhookStreamed);
            connect(receiver, &WebhookReceiver::statusChanged, this, &ReceiverService::onStatus);
            error = receiver->start();
            if (error.isEmpty()) {
                m_port = receiver->port();
                m_receiver = receiver;
            } else {
                delete receiver;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!m_receiver) {
        m_netContext->deleteLater();
        m_netContext = nullptr;
        m_netThread.quit();
        m_netThread.wait();
    }
    return error;
}

int ReceiverService::stop(std::chrono::milliseconds timeout)
{
    if (!isRunning())
        return 0;
    if (m_remote) {
        m_remote->stop();
        m_remoteRunning = false;
        return 0;
    }
    int left = 0;
    QSemaphore finished;
    QMetaObject::invokeMethod(
        m_netContext,
        [this, timeout, &left, &finished] {
            m_receiver->drain(timeout, [this, &left, &finished](int queued) {
                left = queued;
                m_receiver->deleteLater();
                m_netContext->deleteLater();
                finished.release();
            });
        },
        Qt::QueuedConnection);
    finished.acquire();
    m_receiver = nullptr;
    m_netContext = nullptr;
    m_netThread.quit();
    m_netThread.wait();
    // Statuses the net thread queued before it stopped are older than this one.
    ReceiverStatus stopped = m_status;
    stopped.listening = false;
    onStatus(stopped);
    return left;
}

QString ReceiverService::actionsUnavailable() const
{
    return m_remote ? m_remote->actionsUnavailable() : QString();
}

void ReceiverService::onStatus(const ReceiverStatus &status)
{
    if (!isRunning() && status.listening)
        return; // a late one from before stop()
    m_status = status;
    Q_EMIT statusChanged(m_status);
}

void ReceiverService::setMonitorSection(const QString &name, const QJsonObject &value)
{
    if (!m_receiver)
        return;
    QMetaObject::invokeMethod(
        m_netContext,
        [receiver = m_receiver, name, value] { receiver->setMonitorSection(name, value); },
        Qt::QueuedConnection);
}

QString ReceiverService::rebind(const Settings &next)
{
    if (!m_receiver)
        return QStringLiteral("the receiver is not running");
    QString error;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_netContext,
        [receiver = m_receiver, &next, &error, &port] {
            error = receiver->rebind(next);
            port = receiver->port();
        },
        Qt::BlockingQueuedConnection);
    if (error.isEmpty()) {
        m_settings.host = next.host;
        m_settings.port = next.port;
        m_settings.tlsCert = next.tlsCert;
        m_settings.tlsKey = next.tlsKey;
        m_settings.requireTradingViewCert = next.requireTradingViewCert;
        m_port = port;
        Q_EMIT settingsChanged();
    }
    return error;
}

void ReceiverService::setRedis(const RedisEndpoint &endpoint)
{
    m_settings.redis = endpoint;
    Q_EMIT settingsChanged();
    if (!m_receiver)
        return;
    QMetaObject::invokeMethod(
        m_netContext, [receiver = m_receiver, endpoint] { receiver->setRedis(endpoint); },
        Qt::QueuedConnection);
}

void ReceiverService::setTokens(const QByteArrayList &tokens)
{
    m_settings.tokens = tokens;
    Q_EMIT settingsChanged();
    if (!m_receiver)
        return;
    QMetaObject::invokeMethod(
        m_netContext, [receiver = m_receiver, tokens] { receiver->setTokens(tokens); },
        Qt::QueuedConnection);
}

void ReceiverService::setPaused(bool paused, bool publishWaiting)
{
    if (!isRunning())
        return;
    if (m_remote) {
        if (paused)
            m_remote->admin(QStringLiteral("pause"), {});
        else
            m_remote->admin(QStringLiteral("resume"),
                            {{QLatin1String("publish_waiting"), publishWaiting}});
        return;
    }
    QMetaObject::invokeMethod(
        m_netContext,
        [receiver = m_receiver, paused, publishWaiting] {
            receiver->setPaused(paused, publishWaiting);
        },
        Qt::QueuedConnection);
}

void ReceiverService::resend(const QString &traceId, std::function<void(int)> done)
{
    if (!isRunning()) {
        if (done)
            done(0);
        return;
    }
    if (m_remote) {
        const QJsonObject body = traceId.isEmpty()
                                     ? QJsonObject{{QLatin1String("expired"), true}}
                                     : QJsonObject{{QLatin1String("trace_id"), traceId}};
        m_remote->admin(
            QStringLiteral("resend"), body, [done](int status, const QJsonObject &reply) {
                if (done)
                    done(status == 200 ? reply.value(QLatin1String("resent")).toInt() : 0);
            });
        return;
    }
    // The answer is posted to this object, which outlives the net thread (stop() waits for it).
    QMetaObject::invokeMethod(
        m_netContext,
        [this, receiver = m_receiver, traceId, done = std::move(done)] {
            const int count = receiver->resend(traceId);
            if (done)
                QMetaObject::invokeMethod(
                    this, [done, count] { done(count); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

QString ReceiverService::listenUrl() const
{
    if (m_remote) {
        QUrl url = m_settings.receiverUrl;
        url.setPath(m_settings.path);
        return url.toString();
    }
    return WebhookUrl::listenUrl(m_settings, m_port);
}
