#pragma once

#include "Status.h"
#include "config/Settings.h"
#include "journal/JournalRecord.h"
#include "monitor/MonitorEvent.h"

#include <QObject>
#include <QTimer>

class DaphneSource;
class HealthProbes;
class MissedSignalWatch;
class PositionsModel;
class ReceiverService;
class RedisChannelSource;
class TerminalHealthModel;
class WebhookHistoryModel;
struct WebhookSummary;

// The monitor as the front ends see it (main thread): the sources (Redis `websockets`, Daphne,
// health probes, the receiver in this process) feed one queue of events, applied to the models in
// batches every 100 ms so that bursts neither freeze a view nor grow memory without bound.
class MonitorService : public QObject
{
    Q_OBJECT
public:
    explicit MonitorService(const Settings &settings, QObject *parent = nullptr);
    ~MonitorService() override;

    // Takes this process's receiver as a source, and reports T6 and /health's terminals to it.
    void attach(ReceiverService *receiver);
    void start();
    void stop();

    // Queued for the next batch.
    void post(const MonitorEvent &event);
    // Journal figures over 24 h, 7 d and 30 d, and live ones (engine verdicts, open positions).
    QJsonObject statsJson() const;

    WebhookHistoryModel *history() const { return m_history; }
    PositionsModel *positions() const { return m_positions; }
    TerminalHealthModel *terminals() const { return m_terminals; }
    MissedSignalWatch *missedSignals() const { return m_missed; }

    static constexpr std::chrono::milliseconds batchInterval{100};

Q_SIGNALS:
    void batchApplied(int events);
    void terminalStateChanged(const QString &terminal, TerminalState state, const QString &detail);

private:
    void applyBatch();
    void onAccepted(const WebhookSummary &summary);
    void onFateChanged(const QString &traceId, Fate fate, qint64 listeners);
    void reportReceiver();
    void publishStats();

    Settings m_settings;
    WebhookHistoryModel *m_history;
    PositionsModel *m_positions;
    TerminalHealthModel *m_terminals;
    MissedSignalWatch *m_missed;
    HealthProbes *m_probes;
    RedisChannelSource *m_channel;
    DaphneSource *m_daphne = nullptr;
    ReceiverService *m_receiver = nullptr;
    QList<MonitorEvent> m_pending;
    QTimer m_batchTimer;
    QTimer m_tick;       // terminal freshness, missed signals
    QTimer m_statsTimer; // /stats, once a minute
};
