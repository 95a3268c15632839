#pragma once

#include "MonitorEvent.h"
#include "Status.h"
#include "config/Settings.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

class ActivityTimeline;
class AlertWatch;
class DaphneSource;
class HealthProbes;
class MissedSignalWatch;
class PositionsModel;
class ReceiversModel;
class RedisChannelSource;
class TerminalHealthModel;
class WebhookHistoryModel;

// The monitor (main thread): every source produces the same events (MonitorEvent: the Redis
// `websockets` channel, Daphne, the health probes, and whatever the application posts, such as
// this process's receiver); one batcher applies them to the models every 100 ms, so that bursts
// neither freeze a view nor grow memory without bound. The models are the only state; views and
// /health read them. Knows nothing of the receiver.
class MonitorService : public QObject
{
    Q_OBJECT
public:
    explicit MonitorService(const Settings &settings, QObject *parent = nullptr);
    ~MonitorService() override;

    void start();
    void stop();

    // Queued for the next batch.
    void post(const MonitorEvent &event);
    void post(const QList<MonitorEvent> &events);
    // Events from this process's own receiver arrive in-process: their copy on the channel is
    // then dropped rather than applied twice.
    void setOwnEventsInProcess(bool inProcess);
    // The channel and the probes follow a new Redis address.
    void setRedis(const RedisEndpoint &endpoint);

    // The journal's figures over 24 h / 7 d / 30 d ({"24h":…}), from the receiver's reader.
    void setJournalFigures(const QJsonObject &windows);
    // The journal figures with the live ones: per window the engine's verdicts seen in the
    // history, and the open positions with their unrealised P&L (/stats, the stat cards).
    QJsonObject figures() const;

    WebhookHistoryModel *history() const { return m_history; }
    PositionsModel *positions() const { return m_positions; }
    TerminalHealthModel *terminals() const { return m_terminals; }
    ReceiversModel *receivers() const { return m_receivers; }
    MissedSignalWatch *missedSignals() const { return m_missed; }
    AlertWatch *alerts() const { return m_alerts; }
    ActivityTimeline *timeline() const { return m_timeline; }

    static constexpr std::chrono::milliseconds batchInterval{100};

Q_SIGNALS:
    void batchApplied(int events);
    void terminalStateChanged(const QString &terminal, TerminalState state, const QString &detail);
    void figuresChanged();

private:
    void applyBatch();
    void watchStrategies(const QList<MonitorEvent> &batch);

    Settings m_settings;
    WebhookHistoryModel *m_history;
    PositionsModel *m_positions;
    TerminalHealthModel *m_terminals;
    ReceiversModel *m_receivers;
    MissedSignalWatch *m_missed;
    AlertWatch *m_alerts;
    ActivityTimeline *m_timeline;
    HealthProbes *m_probes;
    RedisChannelSource *m_channel;
    DaphneSource *m_daphne = nullptr;
    bool m_ownInProcess = false;
    QString m_ownReceiver; // with m_ownInProcess: this process's receiver
    QJsonObject m_journalFigures;
    QList<MonitorEvent> m_pending;
    QTimer m_batchTimer;
    QTimer m_tick; // terminal freshness, missed signals
};
