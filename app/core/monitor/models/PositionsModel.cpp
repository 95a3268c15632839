#include "monitor/models/PositionsModel.h"

#include "monitor/EventParser.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace {

using EventParser::integer;
using EventParser::text;

std::optional<double> number(const QJsonValue &value)
{
    return EventParser::decimal(value);
}

void merge(QString &field, const QJsonValue &value)
{
    EventParser::mergeText(field, value);
}

// Each position_update is the whole position, so an explicit null clears the value (a stop loss
// taken off); an absent or unreadable one leaves what an earlier event told.
void merge(std::optional<double> &field, const QJsonObject &message, QLatin1String key)
{
    const QJsonValue value = message.value(key);
    if (value.isNull())
        field.reset();
    else if (const std::optional<double> given = number(value))
        field = given;
}

QString decimalText(const std::optional<double> &value)
{
    if (!value)
        return {};
    // Exchanges quote with 8 decimals at most; trailing zeros are noise ("0.01000000").
    QString shown = QString::number(*value, 'f', 8);
    while (shown.endsWith(QLatin1Char('0')))
        shown.chop(1);
    if (shown.endsWith(QLatin1Char('.')))
        shown.chop(1);
    return shown == QLatin1String("-0") ? QStringLiteral("0") : shown;
}

QVariant raw(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

PositionsModel::PositionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int PositionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PositionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PositionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Position &row = m_rows.at(size_t(index.row()));
    if (role == BrokerRole)
        return row.brokerName;
    if (role == Qt::ToolTipRole)
        return index.column() == Symbol && !row.brokerName.isEmpty() ? QVariant(row.brokerName)
                                                                     : QVariant();
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    const auto shown = [display](const std::optional<double> &value) {
        return display ? QVariant(decimalText(value)) : raw(value);
    };
    switch (Column(index.column())) {
    case Symbol: return row.symbol;
    case Side: return row.side;
    case Quantity: return shown(row.quantity);
    case Entry: return shown(row.entry);
    case Current: return shown(row.current);
    case StopLoss: return shown(row.stopLoss);
    case TakeProfit: return shown(row.takeProfit);
    case Pnl: return shown(row.unrealizedPnl);
    case Broker: return row.brokerName;
    case ColumnCount: break;
    }
    return {};
}

QVariant PositionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Symbol: return tr("Symbol");
    case Side: return tr("Side");
    case Quantity: return tr("Quantity");
    case Entry: return tr("Entry");
    case Current: return tr("Current");
    case StopLoss: return tr("Stop loss");
    case TakeProfit: return tr("Take profit");
    case Pnl: return tr("PnL");
    case Broker: return tr("Broker");
    case ColumnCount: break;
    }
    return {};
}

void PositionsModel::apply(const QList<MonitorEvent> &events)
{
    // The batch is worked out on a copy first, so that the views see one removal per closed run,
    // one insertion for all new positions and one dataChanged per changed run.
    struct Slot {
        Position position;
        bool open = true;
        bool changed = false;
    };
    std::vector<Slot> work;
    work.reserve(m_rows.size());
    for (const Position &position : m_rows)
        work.push_back({position, true, false});
    const size_t shown = work.size();

    for (const MonitorEvent &event : events) {
        if (event.type != QLatin1String("position_update"))
            continue;
        const QJsonObject &message = event.message;
        const std::optional<qint64> id = integer(message.value(QLatin1String("id")));
        const std::optional<qint64> brokerId = integer(message.value(QLatin1String("broker_id")));
        const QString symbol = text(message.value(QLatin1String("symbol")));
        if (!id && symbol.isEmpty())
            continue; // identifies no position

        // By id; else by (broker_id, symbol), where either side may lack the id.
        const auto sameId = [&id](const Slot &slot) { return id && slot.position.id == id; };
        const auto samePair = [&](const Slot &slot) {
            return (!id || !slot.position.id) && !symbol.isEmpty() &&
                   slot.position.symbol == symbol && slot.position.brokerId == brokerId;
        };
        auto found = std::find_if(work.begin(), work.end(), sameId);
        if (found == work.end())
            found = std::find_if(work.begin(), work.end(), samePair);

        const bool closed = text(message.value(QLatin1String("status")))
                                .compare(QLatin1String("closed"), Qt::CaseInsensitive) == 0;
        if (found == work.end()) {
            if (closed)
                continue; // closed before we saw it open: nothing to show or remove
            work.push_back({});
            found = work.end() - 1;
        }
        Slot &slot = *found;
        slot.open = !closed;
        slot.changed = true;
        Position &position = slot.position;
        if (!position.id)
            position.id = id;
        if (!position.brokerId)
            position.brokerId = brokerId;
        merge(position.brokerName, message.value(QLatin1String("broker_name")));
        merge(position.symbol, message.value(QLatin1String("symbol")));
        merge(position.side, message.value(QLatin1String("side")));
        merge(position.quantity, message, QLatin1String("quantity"));
        merge(position.entry, message, QLatin1String("entry_price"));
        merge(position.current, message, QLatin1String("current_price"));
        merge(position.stopLoss, message, QLatin1String("current_sl"));
        merge(position.takeProfit, message, QLatin1String("current_tp"));
        merge(position.unrealizedPnl, message, QLatin1String("unrealized_pnl"));
        merge(position.realizedPnl, message, QLatin1String("realized_pnl"));
    }

    // Closed runs, bottom up so that the rows above keep their numbers.
    for (size_t end = shown; end > 0;) {
        if (work[end - 1].open) {
            --end;
            continue;
        }
        size_t first = end - 1;
        while (first > 0 && !work[first - 1].open)
            --first;
        beginRemoveRows({}, int(first), int(end) - 1);
        m_rows.erase(m_rows.begin() + qsizetype(first), m_rows.begin() + qsizetype(end));
        endRemoveRows();
        end = first;
    }

    std::vector<std::pair<int, int>> changed;
    int row = 0;
    for (size_t i = 0; i < shown; ++i) {
        if (!work[i].open)
            continue;
        if (work[i].changed) {
            m_rows[size_t(row)] = work[i].position;
            if (!changed.empty() && changed.back().second == row - 1)
                changed.back().second = row;
            else
                changed.emplace_back(row, row);
        }
        ++row;
    }
    for (const auto &[first, last] : changed)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));

    std::vector<Position> opened;
    for (size_t i = shown; i < work.size(); ++i) {
        if (work[i].open)
            opened.push_back(std::move(work[i].position));
    }
    if (opened.empty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + opened.size()) - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(opened.begin()),
                  std::make_move_iterator(opened.end()));
    endInsertRows();
}

double PositionsModel::totalUnrealizedPnl() const
{
    double total = 0.0;
    for (const Position &position : m_rows)
        total += position.unrealizedPnl.value_or(0.0);
    return total;
}
