#include "monitor/MonitorService.h"

#include "monitor/AlertWatch.h"
#include "monitor/EventParser.h"
#include "monitor/MissedSignalWatch.h"
#include "monitor/models/ActivityTimeline.h"
#include "monitor/models/PositionsModel.h"
#include "monitor/models/TerminalHealthModel.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "monitor/sources/DaphneSource.h"
#include "monitor/sources/HealthProbes.h"
#include "monitor/sources/RedisChannelSource.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMonitor, "t6.monitor")

MonitorService::MonitorService(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_history(new WebhookHistoryModel(10000, this))
    , m_positions(new PositionsModel(this))
    , m_terminals(new TerminalHealthModel(this))
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
        if (m_ownInProcess && event.source == QLatin1String("T6"))
            return;
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
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject verdicts;
    for (const auto &[name, days] :
         {std::pair{"24h", 1}, std::pair{"7d", 7}, std::pair{"30d", 30}}) {
        // The engine's verdicts are known to the history (T3 tells them), not to our journal.
        const QDateTime since = now.addDays(-days);
        int processed = 0;
        int errors = 0;
        for (int row = 0; row < m_history->rowCount(); ++row) {
            const WebhookHistoryModel::Details d = m_history->details(row);
            if (d.receivedAt.isValid() && d.receivedAt < since)
                break; // newest first
            processed += d.status == WebhookStatus::Processed;
            errors += d.status == WebhookStatus::Error;
        }
        verdicts.insert(QLatin1String(name),
                        QJsonObject{{QLatin1String("processed"), processed},
                                    {QLatin1String("errors"), errors},
                                    {QLatin1String("success_rate"),
                                     processed + errors > 0
                                         ? QJsonValue(double(processed) / (processed + errors))
                                         : QJsonValue()}});
    }
    const QJsonObject positions{
        {QLatin1String("open_positions"), m_positions->openCount()},
        {QLatin1String("unrealized_pnl"), m_positions->totalUnrealizedPnl()}};
    return {{QLatin1String("windows"), m_journalFigures},
            {QLatin1String("verdicts"), verdicts},
            {QLatin1String("live"), positions}};
}
