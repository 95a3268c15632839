#include "monitor/models/TerminalHealthModel.h"

#include "monitor/EventParser.h"

#include <QJsonValue>

namespace {

struct TerminalInfo {
    const char *id;
    const char *name;
};

constexpr std::array<TerminalInfo, TerminalHealthModel::TerminalCount> terminals{{
    {"T1", QT_TRANSLATE_NOOP("TerminalHealthModel", "Daphne (Django API)")},
    {"T2", QT_TRANSLATE_NOOP("TerminalHealthModel", "Heartbeat")},
    {"T3", QT_TRANSLATE_NOOP("TerminalHealthModel", "Trading Engine")},
    {"T4", QT_TRANSLATE_NOOP("TerminalHealthModel", "Frontend")},
    {"T5", QT_TRANSLATE_NOOP("TerminalHealthModel", "Exchange Gateway")},
    {"T6", QT_TRANSLATE_NOOP("TerminalHealthModel", "Webhook Receiver")},
    {"T7", QT_TRANSLATE_NOOP("TerminalHealthModel", "Order Monitor")},
}};

QDateTime currentUtc()
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace

TerminalHealthModel::TerminalHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(currentUtc)
{
    // T2 is judged on every refresh: it starts with the detail the first judgement gives.
    Row &t2 = m_rows[size_t(rowOf(QStringLiteral("T2")))];
    t2.inferred.detail = tr("no 1m candle seen yet");
    t2.inferred.source = QStringLiteral("heartbeat_message 1m");
    t2.shown = t2.inferred;
}

int TerminalHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : TerminalCount;
}

int TerminalHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TerminalHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Evidence &shown = m_rows.at(size_t(index.row())).shown;
    if (role == StateRole)
        return int(shown.state);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Terminal: return terminalId(index.row());
    case Name: return terminalName(index.row());
    case State: return stateText(shown.state);
    case LastSeen: return shown.at.isValid() ? QVariant(shown.at) : QVariant();
    case Detail: return shown.detail;
    case SignalSource: return shown.source;
    case ColumnCount: break;
    }
    return {};
}

QVariant TerminalHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Terminal: return tr("Terminal");
    case Name: return tr("Name");
    case State: return tr("State");
    case LastSeen: return tr("Last seen (UTC)");
    case Detail: return tr("Detail");
    case SignalSource: return tr("Signal");
    case ColumnCount: break;
    }
    return {};
}

MonitorEvent TerminalHealthModel::probeEvent(const QString &terminal, TerminalState state,
                                             const QString &detail, const QString &signalSource,
                                             const QDateTime &at)
{
    MonitorEvent event;
    event.type = QStringLiteral("terminal_probe");
    event.source = QStringLiteral("T6");
    event.ts = at.toUTC();
    event.message = {{QLatin1String("terminal"), terminal},
                     {QLatin1String("state"), stateName(state)},
                     {QLatin1String("detail"), detail},
                     {QLatin1String("source"), signalSource}};
    return event;
}

void TerminalHealthModel::infer(const QString &terminal, TerminalState state, const QString &detail,
                                const QString &signalSource, const QDateTime &at)
{
    const int row = rowOf(terminal);
    if (row < 0)
        return;
    m_rows[size_t(row)].inferred = {state, detail, signalSource, at.toUTC()};
    update(row, m_clock());
}

void TerminalHealthModel::noteCandle(const MonitorEvent &heartbeat, const QDateTime &now)
{
    const QJsonObject &message = heartbeat.message;
    if (message.value(QLatin1String("timeframe")).toString() != QLatin1String("1m"))
        return;
    // The candle's own close time, so that a late or replayed candle does not pass for a live one.
    QDateTime candle = EventParser::timestamp(message.value(QLatin1String("close_time")));
    if (!candle.isValid())
        candle = EventParser::timestamp(message.value(QLatin1String("dhm_candle")));
    if (!candle.isValid())
        candle = heartbeat.ts.isValid() ? heartbeat.ts : now;
    if (candle > now)
        candle = now; // a clock ahead of ours must not keep T2 up for longer
    if (!m_lastCandle.isValid() || candle >= m_lastCandle) {
        m_lastCandle = candle;
        m_lastCandleSymbol = message.value(QLatin1String("symbol")).toString();
    }
    judgeHeartbeat(now);
}

void TerminalHealthModel::judgeHeartbeat(const QDateTime &now)
{
    const QString source = QStringLiteral("heartbeat_message 1m");
    if (!m_lastCandle.isValid()) {
        infer(QStringLiteral("T2"), TerminalState::Unknown, tr("no 1m candle seen yet"), source,
              QDateTime());
        return;
    }
    const qint64 ageS = m_lastCandle.secsTo(now);
    const QString closed = m_lastCandle.toString(QStringLiteral("HH:mm:ss"));
    if (ageS <= HeartbeatMaxAge.count())
        infer(QStringLiteral("T2"), TerminalState::Up,
              tr("1m %1 candle closed %2 UTC").arg(m_lastCandleSymbol, closed), source,
              m_lastCandle);
    else
        infer(QStringLiteral("T2"), TerminalState::Down,
              tr("no 1m candle for %1 s (last closed %2 UTC)").arg(ageS).arg(closed), source,
              m_lastCandle);
}

void TerminalHealthModel::apply(const QList<MonitorEvent> &events)
{
    for (const MonitorEvent &event : events) {
        if (event.type == QLatin1String("terminal_probe")) {
            const QJsonObject &m = event.message;
            infer(m.value(QLatin1String("terminal")).toString(),
                  terminalStateFromName(m.value(QLatin1String("state")).toString()),
                  m.value(QLatin1String("detail")).toString(),
                  m.value(QLatin1String("source")).toString(), event.ts);
            continue;
        }
        if (event.type == QLatin1String("heartbeat_message")) {
            noteCandle(event, m_clock());
            continue;
        }
        if (event.type == QLatin1String("webhook_received")) {
            // The receiver's PUBLISH count: someone heard it, or nobody did (T3).
            const std::optional<qint64> listeners =
                EventParser::integer(event.message.value(QLatin1String("listeners")));
            if (event.source != QLatin1String("T6") || !listeners || *listeners < 0)
                continue;
            const QString source = QStringLiteral("PUBLISH webhook_raw");
            if (*listeners >= 1)
                infer(QStringLiteral("T3"), TerminalState::Up,
                      tr("PUBLISH reached %n listener(s)", nullptr, int(*listeners)), source,
                      event.ts);
            else
                infer(QStringLiteral("T3"), TerminalState::Down, tr("PUBLISH reached no listener"),
                      source, event.ts);
            continue;
        }
        if (event.type != QLatin1String("terminal_status"))
            continue;
        if (!m_ownReceiver.isEmpty() && !event.receiver.isEmpty() &&
            event.receiver != m_ownReceiver)
            continue;
        const QJsonObject &message = event.message;
        QString terminal = message.value(QLatin1String("terminal")).toString();
        if (terminal.isEmpty())
            terminal = event.source;
        const int row = rowOf(terminal);
        if (row < 0)
            continue;
        int intervalS = message.value(QLatin1String("interval_s")).toInt();
        if (intervalS <= 0)
            intervalS = DefaultStatusIntervalS;

        // Freshness counts from our own arrival time, not the sender's `ts`: the monitor judges
        // "heard from it lately" with one clock, whatever the other machines' clocks say.
        const QDateTime now = m_clock();
        const QString host = message.value(QLatin1String("host")).toString();
        const qint64 pid = message.value(QLatin1String("pid")).toInteger(-1);
        QString source = QStringLiteral("terminal_status");
        if (!host.isEmpty() && pid >= 0)
            source = tr("terminal_status from %1 (pid %2)").arg(host).arg(pid);
        else if (!host.isEmpty())
            source = tr("terminal_status from %1").arg(host);

        Row &r = m_rows[size_t(row)];
        r.reported = {terminalStateFromName(message.value(QLatin1String("state")).toString()),
                      message.value(QLatin1String("detail")).toString(), source, now};
        r.reportedUntil = now.addSecs(qint64(StatusFreshIntervals) * intervalS);
        update(row, now);
    }
}

void TerminalHealthModel::refresh()
{
    const QDateTime now = m_clock();
    judgeHeartbeat(now);
    for (int row = 0; row < TerminalCount; ++row)
        update(row, now);
}

TerminalState TerminalHealthModel::state(const QString &terminal) const
{
    const int row = rowOf(terminal);
    return row < 0 ? TerminalState::Unknown : m_rows.at(size_t(row)).shown.state;
}

TerminalState TerminalHealthModel::overallState() const
{
    const auto severity = [](TerminalState state) {
        switch (state) {
        case TerminalState::Unknown: return 0;
        case TerminalState::Up: return 1;
        case TerminalState::Degraded: return 2;
        case TerminalState::Down: return 3;
        }
        return 0;
    };
    TerminalState worst = TerminalState::Unknown;
    for (const Row &row : m_rows) {
        if (severity(row.shown.state) > severity(worst))
            worst = row.shown.state;
    }
    return worst;
}

QString TerminalHealthModel::detail(const QString &terminal) const
{
    const int row = rowOf(terminal);
    return row < 0 ? QString() : m_rows.at(size_t(row)).shown.detail;
}

QJsonObject TerminalHealthModel::toJson() const
{
    QJsonObject json;
    for (int row = 0; row < TerminalCount; ++row) {
        const Evidence &shown = m_rows.at(size_t(row)).shown;
        json.insert(terminalId(row),
                    QJsonObject{{QLatin1String("state"), stateName(shown.state)},
                                {QLatin1String("last_seen"),
                                 shown.at.isValid()
                                     ? QJsonValue(shown.at.toUTC().toString(Qt::ISODateWithMs))
                                     : QJsonValue(QJsonValue::Null)},
                                {QLatin1String("detail"), shown.detail}});
    }
    return json;
}

void TerminalHealthModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : std::function<QDateTime()>(currentUtc);
}

QString TerminalHealthModel::terminalId(int row)
{
    if (row < 0 || row >= TerminalCount)
        return {};
    return QLatin1String(terminals.at(size_t(row)).id);
}

QString TerminalHealthModel::terminalName(int row)
{
    if (row < 0 || row >= TerminalCount)
        return {};
    return tr(terminals.at(size_t(row)).name);
}

int TerminalHealthModel::rowOf(const QString &terminal)
{
    for (int row = 0; row < TerminalCount; ++row) {
        if (terminal.compare(QLatin1String(terminals.at(size_t(row)).id), Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

TerminalHealthModel::Evidence TerminalHealthModel::current(const Row &row,
                                                           const QDateTime &now) const
{
    if (row.reportedUntil.isValid() && now <= row.reportedUntil)
        return row.reported;
    return row.inferred;
}

void TerminalHealthModel::update(int row, const QDateTime &now)
{
    Row &r = m_rows[size_t(row)];
    const Evidence next = current(r, now);
    if (next == r.shown)
        return;
    const bool stateChanged = next.state != r.shown.state;
    r.shown = next;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (!stateChanged)
        return;
    m_changes.append({now, terminalId(row), next.state, next.detail});
    if (m_changes.size() > ChangesKept)
        m_changes.removeFirst();
    Q_EMIT terminalStateChanged(terminalId(row), next.state, next.detail);
}
