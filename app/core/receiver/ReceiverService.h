#pragma once

#include "Status.h"
#include "config/Settings.h"
#include "journal/JournalRecord.h"
#include "webhook/WebhookSummary.h"

#include <QObject>
#include <QThread>

#include <chrono>

class WebhookReceiver;

// The receiver as the front ends see it: runs guard, routes and forwarder on their own net
// thread and reports back through queued signals. The GUI and --headless only talk to this.
class ReceiverService : public QObject
{
    Q_OBJECT
public:
    explicit ReceiverService(const Settings &settings, QObject *parent = nullptr);
    ~ReceiverService() override;

    // Listens and starts connecting to Redis. Returns an error line, or empty on success.
    QString start();
    // Stops accepting and delivers what waits, for at most `timeout`. Returns what is left (it
    // stays in the journal for the next start).
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    bool isRunning() const { return m_receiver != nullptr; }
    quint16 port() const { return m_port; }
    QString listenUrl() const;
    const Settings &settings() const { return m_settings; }
    ConnectionState redisState() const { return m_redisState; }
    int queued() const { return m_queued; }
    // What the monitor knows, for /health ("terminals") and /stats ("stats"); handed to the net
    // thread.
    void setMonitorSection(const QString &name, const QJsonObject &value);

Q_SIGNALS:
    void webhookAccepted(const WebhookSummary &summary);
    void webhookRejected(const WebhookSummary &summary);
    void webhookFateChanged(const QString &traceId, Fate fate, qint64 listeners);
    void redisStateChanged(ConnectionState state);
    void queueChanged(int queued);

private:
    Settings m_settings;
    QThread m_netThread;
    QObject *m_netContext = nullptr; // lives in the net thread: target of invokeMethod
    WebhookReceiver *m_receiver = nullptr;
    quint16 m_port = 0;
    ConnectionState m_redisState = ConnectionState::Disconnected;
    int m_queued = 0;
};
