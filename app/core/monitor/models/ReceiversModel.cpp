#include "monitor/models/ReceiversModel.h"

#include <QJsonObject>

namespace {

QDateTime currentUtc()
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace

ReceiversModel::ReceiversModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(currentUtc)
{}

int ReceiversModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReceiversModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReceiversModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows.at(size_t(index.row()));
    if (role == StateRole)
        return int(r.shown);
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Rate || index.column() == Received || index.column() == Queued))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Receiver: return r.name;
    case State: return stateText(r.shown);
    case Rate: return r.perMinute < 0 ? QString() : QString::number(r.perMinute, 'f', 0);
    case Received: return r.received < 0 ? QString() : QString::number(r.received);
    case Queued: return r.queued < 0 ? QString() : QString::number(r.queued);
    case Host: return r.host;
    case LastSeen: return r.lastSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    case Detail:
        return r.shown == TerminalState::Down && r.reported != TerminalState::Down
                   ? tr("not heard from since %1")
                         .arg(data(index.siblingAtColumn(LastSeen)).toString())
                   : r.detail;
    }
    return {};
}

QVariant ReceiversModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Receiver: return tr("Receiver");
    case State: return tr("State");
    case Rate: return tr("Per minute");
    case Received: return tr("Received");
    case Queued: return tr("Queued");
    case Host: return tr("Host");
    case LastSeen: return tr("Last seen");
    case Detail: return tr("Detail");
    }
    return {};
}

void ReceiversModel::apply(const QList<MonitorEvent> &events)
{
    for (const MonitorEvent &event : events) {
        const QJsonObject &m = event.message;
        if (event.type != QLatin1String("terminal_status") || event.source != QLatin1String("T6"))
            continue;
        const QString name = event.receiver.isEmpty()
                                 ? m.value(QLatin1String("receiver")).toString()
                                 : event.receiver;
        if (name.isEmpty())
            continue;
        auto it = std::find_if(m_rows.begin(), m_rows.end(),
                               [&name](const Row &r) { return r.name == name; });
        if (it == m_rows.end()) {
            const int row = int(m_rows.size());
            beginInsertRows({}, row, row);
            m_rows.push_back(Row{name});
            endInsertRows();
            it = m_rows.end() - 1;
        }
        Row &r = *it;
        // Freshness and the rate count from our own clock, as for the terminals.
        const QDateTime now = m_clock();
        const qint64 received = m.value(QLatin1String("webhooks_received")).toInteger(-1);
        if (received >= 0 && r.received >= 0 && received >= r.received && r.lastSeen.isValid()) {
            const qint64 ms = r.lastSeen.msecsTo(now);
            if (ms > 0)
                r.perMinute = double(received - r.received) * 60000.0 / double(ms);
        } else if (received < r.received) {
            r.perMinute = -1; // it restarted: the count starts over
        }
        r.received = received;
        r.queued = m.value(QLatin1String("queued")).toInteger(-1);
        r.host = m.value(QLatin1String("host")).toString();
        r.reported = terminalStateFromName(m.value(QLatin1String("state")).toString());
        r.detail = m.value(QLatin1String("detail")).toString();
        r.intervalS = std::max(1, m.value(QLatin1String("interval_s")).toInt(5));
        r.lastSeen = now;
        judge(int(it - m_rows.begin()), now);
    }
}

void ReceiversModel::refresh()
{
    const QDateTime now = m_clock();
    for (int row = 0; row < int(m_rows.size()); ++row)
        judge(row, now);
}

void ReceiversModel::judge(int row, const QDateTime &now)
{
    Row &r = m_rows.at(size_t(row));
    const bool fresh = r.lastSeen.secsTo(now) <= qint64(FreshIntervals) * r.intervalS;
    const TerminalState shown = fresh ? r.reported : TerminalState::Down;
    if (!fresh)
        r.perMinute = -1;
    r.shown = shown;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QJsonArray ReceiversModel::toJson() const
{
    QJsonArray list;
    for (const Row &r : m_rows) {
        list.append(QJsonObject{
            {QLatin1String("receiver"), r.name},
            {QLatin1String("state"), stateName(r.shown)},
            {QLatin1String("detail"), r.detail},
            {QLatin1String("host"), r.host},
            {QLatin1String("webhooks_received"), r.received},
            {QLatin1String("queued"), r.queued},
            {QLatin1String("per_minute"),
             r.perMinute < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(qRound64(r.perMinute))},
            {QLatin1String("last_seen"), r.lastSeen.toUTC().toString(Qt::ISODateWithMs)},
        });
    }
    return list;
}

void ReceiversModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : std::function<QDateTime()>(currentUtc);
}
