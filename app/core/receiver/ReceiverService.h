#pragma once

#include "ReceiverStatus.h"
#include "Status.h"
#include "config/Settings.h"
#include "journal/JournalRecord.h"
#include "webhook/WebhookSummary.h"

#include <QObject>
#include <QThread>

#include <chrono>
#include <functional>

class JournalReader;
class RemoteReceiver;
class WebhookReceiver;

// The receiver as the rest of the process sees it: guard, routes, journal and forwarder run on
// their own net thread and report back through queued signals; the journal is read for the
// monitor through a read-only reader on a thread of its own. Nothing else touches the journal.
// With --monitor-only the receiver runs elsewhere: its status and actions go over HTTP
// (RemoteReceiver), and there is no net thread, journal or reader here.
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

    bool isRunning() const { return m_receiver != nullptr || m_remoteRunning; }
    bool isRemote() const { return m_remote != nullptr; }
    // Empty when pause, resume and resend can be used; else why not (a remote receiver).
    QString actionsUnavailable() const;
    quint16 port() const { return m_port; }
    // The URL to paste into TradingView, without its token.
    QString listenUrl() const;
    const Settings &settings() const { return m_settings; }
    // The last status the net thread told (listening = false before start and after stop).
    const ReceiverStatus &status() const { return m_status; }

    // What the monitor knows, for /health ("terminals") and /stats ("stats"); handed to the net
    // thread.
    void setMonitorSection(const QString &name, const QJsonObject &value);
    // Settings applied while running (WebhookReceiver::rebind, setRedis, setTokens). rebind()
    // waits for the net thread and returns its error line, or empty once the new listener is up.
    QString rebind(const Settings &next);
    void setRedis(const RedisEndpoint &endpoint);
    void setTokens(const QByteArrayList &tokens);
    // The kill switch; statusChanged() tells when it took effect.
    void setPaused(bool paused, bool publishWaiting = true);
    // Publishes the expired webhook `traceId` again (all expired ones when empty); `done` gets
    // how many, on this object's thread.
    void resend(const QString &traceId, std::function<void(int)> done = {});

    // The journal, read-only and asynchronously (history at start, figures); null when remote.
    JournalReader *reader() const { return m_reader; }

Q_SIGNALS:
    void webhookAccepted(const WebhookSummary &summary);
    void webhookRejected(const WebhookSummary &summary);
    void webhookFateChanged(const QString &traceId, Fate fate, qint64 listeners);
    void webhookStreamed(const QString &traceId);
    void statusChanged(const ReceiverStatus &status);
    // settings() changed while running: another listener, Redis or token.
    void settingsChanged();

private:
    void onStatus(const ReceiverStatus &status);

    Settings m_settings;
    QThread m_netThread;
    QObject *m_netContext = nullptr; // lives in the net thread: target of invokeMethod
    WebhookReceiver *m_receiver = nullptr;
    JournalReader *m_reader = nullptr;
    RemoteReceiver *m_remote = nullptr;
    bool m_remoteRunning = false;
    quint16 m_port = 0;
    ReceiverStatus m_status;
};
