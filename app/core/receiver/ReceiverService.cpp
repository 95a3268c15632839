#include "receiver/ReceiverService.h"

#include "journal/Journal.h"
#include "journal/JournalReader.h"
#include "receiver/WebhookReceiver.h"

#include <QHostInfo>
#include <QSemaphore>

ReceiverService::ReceiverService(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_reader(new JournalReader(Journal::pathIn(settings.dataDir), this))
{
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

void ReceiverService::onStatus(const ReceiverStatus &status)
{
    if (!isRunning() && status.listening)
        return; // a late one from before stop()
    m_status = status;
    Q_EMIT statusChanged(m_status);
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

void ReceiverService::setPaused(bool paused, bool publishWaiting)
{
    if (!isRunning())
        return;
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
    const QString host = m_settings.effectiveHost();
    // 0.0.0.0 is every interface: show the name others reach this machine by.
    const QString shown = host == QLatin1String("0.0.0.0") ? QHostInfo::localHostName() : host;
    const bool tls = !m_settings.tlsCert.isEmpty();
    return QStringLiteral("%1://%2:%3%4")
        .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), shown)
        .arg(m_port)
        .arg(m_settings.path);
}
