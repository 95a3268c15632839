#include "receiver/ReceiverService.h"

#include "receiver/WebhookReceiver.h"

#include <QHostInfo>
#include <QSemaphore>

ReceiverService::ReceiverService(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    qRegisterMetaType<WebhookSummary>();
    qRegisterMetaType<ConnectionState>();
    qRegisterMetaType<Fate>();
    m_netThread.setObjectName(QStringLiteral("net"));
    connect(this, &ReceiverService::redisStateChanged, this,
            [this](ConnectionState state) { m_redisState = state; });
    connect(this, &ReceiverService::queueChanged, this, [this](int queued) { m_queued = queued; });
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
            connect(receiver, &WebhookReceiver::redisStateChanged, this,
                    &ReceiverService::redisStateChanged);
            connect(receiver, &WebhookReceiver::queueChanged, this, &ReceiverService::queueChanged);
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
    return left;
}

void ReceiverService::setMonitorSection(const QString &name, const QJsonObject &value)
{
    if (!isRunning())
        return;
    QMetaObject::invokeMethod(
        m_netContext,
        [receiver = m_receiver, name, value] { receiver->setMonitorSection(name, value); },
        Qt::QueuedConnection);
}

QString ReceiverService::listenUrl() const
{
    const QString host = m_settings.effectiveHost();
    // 0.0.0.0 is every interface: show the name others reach this machine by.
    const QString shown = host == QLatin1String("0.0.0.0") ? QHostInfo::localHostName() : host;
    return QStringLiteral("http://%1:%2%3").arg(shown).arg(m_port).arg(m_settings.path);
}
