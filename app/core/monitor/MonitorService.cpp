#include "monitor/MonitorService.h"
#include "JsonText.h"

#include "monitor/AlertWatch.h"
#include "monitor/EventParser.h"
#include "monitor/MissedSignalWatch.h"
#include "monitor/models/ActivityTimeline.h"
#include "monitor/models/PositionsModel.h"
#include "monitor/models/ReceiversModel.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "monitor/sources/DaphneSource.h"
#include "monitor/sources/HealthProbes.h"
#include "monitor/sources/RedisChannelSource.h"

#include <QLoggingCategory>

#include <array>

Q_LOGGING_CATEGORY(lcMonitor, "t6.monitor")

MonitorService::MonitorService(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_history(new WebhookHistoryModel(10000, this))
    , m_positions(new PositionsModel(this))
    , m_terminals(new TerminalHealthModel(this))
    , m_receivers(new ReceiversModel(this))
    , m_missed(new MissedSignalWatch(this))
    , m_alerts(new AlertWatch(this))
    , m_timeline(new ActivityTimeline(this))
    , m_probes(new HealthProbes(
          settings.redis, HealthProbeOptions{settings.daphneHttp, settings.frontendUrl}, this))
    , m_channel(new RedisChannelSource(settings.redis, this))
{
    qRegisterMetaType<MonitorEvent>();
    if (!settings.daphneUrl.isEmpty()) {
        m_daphne = new DaphneSource(settings.daphneUrl, this);
        connect(m_daphne, &DaphneSource::eventReceived, this,
                qOverload<const MonitorEvent &>(&MonitorService::post));
    }
    connect(m_channel, &RedisChannelSource::eventReceived, this, [this](const MonitorEvent &event) {
        if (m_ownInProcess && event.source == QLatin1String("T6") &&
            (event.receiver.isEmpty() || event.receiver == m_ownReceiver)) {
            // Our own, already applied in-process; but our row among the receivers is what the
            // others see of us too.
            if (event.type == QLatin1String("terminal_status"))
                m_receivers->apply({event});
            return;
        }
        post(event);
    });
    connect(m_probes, &HealthProbes::evidence, this,
            qOverload<const MonitorEvent &>(&MonitorService::post));
    connect(m_missed, &MissedSignalWatch::missed, this,
            qOverload<const MonitorEvent &>(&MonitorService::post));
    connect(m_missed, &MissedSignalWatch::critical, this, [](const QString &key, int count) {
        qCWarning(lcMonitor).noquote()
            << "critical:" << count << "signals missed in a row for" << key;
    });
    connect(m_terminals, &TerminalHealthModel::terminalStateChanged, this,
            &MonitorService::terminalStateChanged);
    connect(m_terminals, &TerminalHealthModel::terminalStateChanged, m_alerts,
            &AlertWatch::terminalChanged);

    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(batchInterval);
    connect(&m_batchTimer, &QTimer::timeout, this, &MonitorService::applyBatch);
    m_tick.setInterval(std::chrono::seconds(1));
    connect(&m_tick, &QTimer::timeout, this, [this] {
        m_terminals->refresh();
        m_receivers->refresh();
        m_missed->check();
        m_timeline->sample(QDateTime::currentDateTimeUtc(),
                           m_channel->state() == ConnectionState::Connected,
                           m_terminals->state(QStringLiteral("T3")) == TerminalState::Up);
    });
}

MonitorService::~MonitorService() = default;

void MonitorService::start()
{
    m_channel->start();
    m_probes->start();
    if (m_daphne)
        m_daphne->start();
    m_tick.start();
    m_terminals->refresh();
}

void MonitorService::stop()
{
    m_tick.stop();
    m_channel->stop();
    m_probes->stop();
    if (m_daphne)
        m_daphne->stop();
}

void MonitorService::setOwnEventsInProcess(bool inProcess)
{
    m_ownInProcess = inProcess;
    m_ownReceiver = inProcess ? m_settings.effectiveReceiverName() : QString();
    // The T6 tile is this receiver's; the others have their rows among the receivers.
    m_terminals->setOwnReceiver(m_ownReceiver);
    // The bulk of them, our webhooks, are recognised before parsing; the rest is dropped by
    // source once parsed.
    m_channel->setSkippedPrefix(inProcess
                                    ? JsonText::eventPrefix(QStringLiteral("webhook_received"),
                                                            QStringLiteral("T6"), m_ownReceiver) +
                                          ','
                                    : QByteArray());
}

void MonitorService::post(const MonitorEvent &event)
{
    m_pending.append(event);
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void MonitorService::post(const QList<MonitorEvent> &events)
{
    m_pending.append(events);
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void MonitorService::applyBatch()
{
    const QList<MonitorEvent> batch = std::exchange(m_pending, {});
    m_history->apply(batch);
    m_positions->apply(batch);
    m_terminals->apply(batch);
    m_receivers->apply(batch);
    m_alerts->apply(batch);
    m_timeline->apply(batch);
    watchStrategies(batch);
    Q_EMIT batchApplied(int(batch.size()));
}

void MonitorService::watchStrategies(const QList<MonitorEvent> &batch)
{
    // Each accepted webhook tells when the strategy's next one is due (WIRE.md §6).
    for (const MonitorEvent &event : batch) {
        const QJsonObject &m = event.message;
        if (event.type != QLatin1String("webhook_received") ||
            event.source != QLatin1String("T6") ||
            webhookStatusFromName(EventParser::text(m.value(QLatin1String("status")))) !=
                WebhookStatus::Received)
            continue;
        const auto text = [&m](const char *field) {
            const QJsonValue value = m.value(QLatin1String(field));
            return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
        };
        if (text("symbol").isEmpty() || text("interval").isEmpty())
            continue;
        m_missed->observe(text("broker_id"), text("symbol"), text("interval"),
                          event.ts.isValid() ? event.ts : QDateTime::currentDateTimeUtc());
    }
}

void MonitorService::setJournalFigures(const QJsonObject &windows)
{
    m_journalFigures = windows;
    Q_EMIT figuresChanged();
}

QJsonObject MonitorService::figures() const
{
    // The engine's verdicts are known to the history (T3 tells them), not to our journal: one
    // pass, newest first, each verdict counted in every window it falls in.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::array<std::pair<const char *, int>, 3> windows{{{"24h", 1}, {"7d", 7}, {"30d", 30}}};
    std::array<int, 3> processed{}, errors{};
    std::array<QDateTime, 3> since;
    for (size_t w = 0; w < windows.size(); ++w)
        since[w] = now.addDays(-windows[w].second);
    for (int row = 0; row < m_history->rowCount(); ++row) {
        const QDateTime receivedAt = m_history->receivedAtOf(row);
        if (receivedAt.isValid() && receivedAt < since.back())
            break;
        const WebhookStatus status = m_history->statusAt(row);
        if (status != WebhookStatus::Processed && status != WebhookStatus::Error)
            continue;
        for (size_t w = 0; w < windows.size(); ++w) {
            if (receivedAt.isValid() && receivedAt < since[w])
                continue;
            processed[w] += status == WebhookStatus::Processed;
            errors[w] += status == WebhookStatus::Error;
        }
    }
    QJsonObject verdicts;
    for (size_t w = 0; w < windows.size(); ++w) {
        const int decided = processed[w] + errors[w];
        verdicts.insert(
            QLatin1String(windows[w].first),
            QJsonObject{{QLatin1String("processed"), processed[w]},
                        {QLatin1String("errors"), errors[w]},
                        {QLatin1String("success_rate"),
                         decided > 0 ? QJsonValue(double(processed[w]) / decided) : QJsonValue()}});
    }
    const QJsonObject positions{
        {QLatin1String("open_positions"), m_positions->openCount()},
        {QLatin1String("unrealized_pnl"), m_positions->totalUnrealizedPnl()}};
    return {{QLatin1String("windows"), m_journalFigures},
            {QLatin1String("verdicts"), verdicts},
            {QLatin1String("live"), positions}};
}

void MonitorService::setRedis(const RedisEndpoint &endpoint)
{
    m_settings.redis = endpoint;
    m_channel->setEndpoint(endpoint);
    m_probes->setRedisEndpoint(endpoint);
}
