#include "monitor/models/WebhookHistoryModel.h"

#include "monitor/EventParser.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

namespace {

// WIRE.md §4: a webhook_update without trace_id belongs to a receipt at most this much older.
constexpr qint64 MatchWindowMs = 120 * 1000;
// Past this many separate insertion points one reset costs the views less than a signal each.
constexpr int MaxInsertRuns = 16;
// Past this many changed ranges one covering dataChanged is cheaper than a signal each.
constexpr int MaxChangedRanges = 16;

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

template <typename T> void merge(std::optional<T> &field, const std::optional<T> &given)
{
    if (given)
        field = given;
}

QString decimalText(double value)
{
    // Exchanges quote with 8 decimals at most; trailing zeros are noise ("43500.00000000").
    QString shown = QString::number(value, 'f', 8);
    while (shown.endsWith(QLatin1Char('0')))
        shown.chop(1);
    if (shown.endsWith(QLatin1Char('.')))
        shown.chop(1);
    return shown == QLatin1String("-0") ? QStringLiteral("0") : shown;
}

QString optionalDecimalText(const std::optional<double> &value)
{
    return value ? decimalText(*value) : QString();
}

QString awaitingKey(qint64 brokerId, const QString &symbol, const QString &action)
{
    return QString::number(brokerId) + QChar(0x1f) + symbol + QChar(0x1f) + action;
}

qint64 orderKeyOf(const QDateTime &preferred, const QDateTime &fallback)
{
    if (preferred.isValid())
        return preferred.toMSecsSinceEpoch();
    if (fallback.isValid())
        return fallback.toMSecsSinceEpoch();
    return QDateTime::currentMSecsSinceEpoch();
}

// The first eight as in Aristobot3's own webhook table, so both read alike; in Column's order.
constexpr const char *columnTitles[WebhookHistoryModel::ColumnCount] = {
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Date/Time"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Exchange"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Symbol"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Action"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Price"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "%"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Status"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Order ID"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Source IP"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Receiver"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Listeners"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Latency"),
    QT_TRANSLATE_NOOP("WebhookHistoryModel", "Trace"),
};

} // namespace

struct WebhookHistoryModel::Row {
    QString traceId;
    std::optional<qint64> updateId; // T3's webhook id
    std::optional<qint64> brokerId;
    QDateTime receivedAt;
    QDateTime processedAt;
    QString exchange;
    QString symbol;
    QString action;
    WebhookStatus status = WebhookStatus::Unknown;
    QString orderId;
    QString sourceIp;
    QString receiver;
    QString reason;
    QString errorMessage;
    std::optional<double> prix;
    std::optional<double> pourCent;
    std::optional<qint64> listeners;
    QByteArray payload;
    QDateTime journaledAt, streamedAt, publishedAt;
    bool hasVerdict = false;

    // The row's place, fixed at creation so that rows never move: received_at, else the event's.
    qint64 orderKey = 0;
    quint64 sequence = 0; // ties: the later created row is shown first

    QString awaitingKey; // where the row waits in m_awaiting; empty when it does not
    qint64 awaitingMs = 0;
    bool fresh = false; // created in the batch being applied, not shown yet
    bool dirty = false; // shown and changed in the batch being applied

    std::optional<qint64> latencyMs() const
    {
        if (!receivedAt.isValid() || !processedAt.isValid())
            return std::nullopt;
        return receivedAt.msecsTo(processedAt);
    }
    QString error() const { return errorMessage.isEmpty() ? reason : errorMessage; }
};

WebhookHistoryModel::WebhookHistoryModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{}

WebhookHistoryModel::~WebhookHistoryModel() = default;

int WebhookHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = *m_rows.at(size_t(index.row()));
    const auto column = Column(index.column());
    switch (role) {
    case StatusRole: return QVariant::fromValue(row.status);
    case TraceRole: return row.traceId;
    case ErrorRole: return row.error();
    case BrokerRole: return row.brokerId ? QString::number(*row.brokerId) : QString();
    case SortRole:
        switch (column) {
        case DateTime: return row.receivedAt;
        case Price: return row.prix ? QVariant(*row.prix) : QVariant();
        case Percent: return row.pourCent ? QVariant(*row.pourCent) : QVariant();
        case Listeners: return row.listeners ? QVariant(*row.listeners) : QVariant();
        case Latency: {
            const std::optional<qint64> latency = row.latencyMs();
            return latency ? QVariant(*latency) : QVariant();
        }
        default: break;
        }
        break; // the other columns sort by their text
    case Qt::ToolTipRole:
        if (column == Status && !row.error().isEmpty())
            return row.error();
        break;
    case Qt::DisplayRole: break;
    default: return {};
    }

    switch (column) {
    case DateTime:
        return row.receivedAt.isValid()
                   ? row.receivedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                   : QString();
    case Exchange: return row.exchange;
    case Symbol: return row.symbol;
    case Action: return row.action;
    case Price: return optionalDecimalText(row.prix);
    case Percent: return optionalDecimalText(row.pourCent);
    case Status: return row.status == WebhookStatus::Unknown ? QString() : statusText(row.status);
    case OrderId: return row.orderId;
    case SourceIp: return row.sourceIp;
    case Receiver: return row.receiver;
    case Listeners: return row.listeners ? QString::number(*row.listeners) : QString();
    case Latency: {
        const std::optional<qint64> latency = row.latencyMs();
        return latency ? tr("%1 ms").arg(*latency) : QString();
    }
    case Trace: return row.traceId;
    case ColumnCount: break;
    }
    return {};
}

QVariant WebhookHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section < 0 || section >= ColumnCount)
        return {};
    return tr(columnTitles[section]);
}

QString WebhookHistoryModel::columnKey(int column)
{
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(columnTitles[column])
                                               : QString();
}

void WebhookHistoryModel::apply(const QList<MonitorEvent> &events)
{
    for (const MonitorEvent &event : events) {
        if (event.type == QLatin1String("webhook_received"))
            applyReceived(event);
        else if (event.type == QLatin1String("webhook_update"))
            applyUpdate(event);
    }
    commit();
}

WebhookStatus WebhookHistoryModel::statusAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)]->status
                                                : WebhookStatus::Unknown;
}

QDateTime WebhookHistoryModel::receivedAtOf(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)]->receivedAt : QDateTime();
}

WebhookHistoryModel::Details WebhookHistoryModel::details(int row) const
{
    Details d;
    if (row < 0 || row >= int(m_rows.size()))
        return d;
    const Row &r = *m_rows.at(size_t(row));
    d.traceId = r.traceId;
    d.status = r.status;
    d.exchange = r.exchange;
    d.symbol = r.symbol;
    d.action = r.action;
    d.sourceIp = r.sourceIp;
    d.receiver = r.receiver;
    d.orderId = r.orderId;
    d.reason = r.reason;
    d.errorMessage = r.errorMessage;
    d.payload = r.payload;
    d.prix = r.prix;
    d.pourCent = r.pourCent;
    d.listeners = r.listeners;
    d.brokerId = r.brokerId;
    d.receivedAt = r.receivedAt;
    d.journaledAt = r.journaledAt;
    d.streamedAt = r.streamedAt;
    d.publishedAt = r.publishedAt;
    d.verdictAt = r.processedAt;
    return d;
}

int WebhookHistoryModel::rowOfTrace(const QString &traceId) const
{
    const Row *wanted = traceId.isEmpty() ? nullptr : m_byTrace.value(traceId);
    if (!wanted)
        return -1;
    const auto found = std::find_if(m_rows.cbegin(), m_rows.cend(),
                                    [wanted](const auto &row) { return row.get() == wanted; });
    return found == m_rows.cend() ? -1 : int(found - m_rows.cbegin());
}

void WebhookHistoryModel::applyReceived(const MonitorEvent &event)
{
    const QJsonObject &message = event.message;
    const QString traceId = text(message.value(QLatin1String("trace_id")));
    if (traceId.isEmpty())
        return; // T6 gives every webhook a trace_id: without one the event identifies nothing
    const QDateTime receivedAt =
        EventParser::timestamp(message.value(QLatin1String("received_at")));

    Row *row = m_byTrace.value(traceId);
    if (row) {
        touch(row);
    } else {
        row = createRow(orderKeyOf(receivedAt, event.ts));
        row->traceId = traceId;
        m_byTrace.insert(traceId, row);
    }
    if (!row->receivedAt.isValid())
        row->receivedAt = receivedAt;

    const WebhookStatus status =
        webhookStatusFromName(text(message.value(QLatin1String("status"))));
    // The engine's verdict is final, and no event moves a webhook back: T6's and T3's events
    // travel separately and may cross, and "streamed" may follow the publish it goes with.
    if (status != WebhookStatus::Unknown && !row->hasVerdict &&
        progressOf(status) >= progressOf(row->status))
        row->status = status;
    const QDateTime at = event.ts.isValid() ? event.ts : QDateTime::currentDateTimeUtc();
    switch (status) {
    case WebhookStatus::Received:
    case WebhookStatus::Duplicate:
        if (!row->journaledAt.isValid())
            row->journaledAt = at;
        break;
    case WebhookStatus::Streamed:
        if (!row->streamedAt.isValid())
            row->streamedAt = at;
        break;
    case WebhookStatus::Forwarded:
    case WebhookStatus::Replayed: row->publishedAt = at; break;
    default: break;
    }
    // What the journal knew when the history was filled from it.
    if (const QDateTime streamed =
            EventParser::timestamp(message.value(QLatin1String("streamed_at")));
        streamed.isValid())
        row->streamedAt = streamed;
    if (const QDateTime published =
            EventParser::timestamp(message.value(QLatin1String("published_at")));
        published.isValid())
        row->publishedAt = published;
    if (const QJsonValue payload = message.value(QLatin1String("payload")); payload.isObject())
        row->payload = QJsonDocument(payload.toObject()).toJson(QJsonDocument::Compact);
    merge(row->reason, message.value(QLatin1String("reason")));
    merge(row->sourceIp, message.value(QLatin1String("source_ip")));
    if (row->receiver.isEmpty())
        row->receiver = event.receiver;
    merge(row->listeners, integer(message.value(QLatin1String("listeners"))));
    merge(row->exchange, message.value(QLatin1String("exchange")));
    merge(row->symbol, message.value(QLatin1String("symbol")));
    merge(row->action, message.value(QLatin1String("action")));
    merge(row->prix, number(message.value(QLatin1String("prix"))));
    merge(row->pourCent, number(message.value(QLatin1String("pour_cent"))));
    merge(row->brokerId, integer(message.value(QLatin1String("broker_id"))));
    reindexAwaiting(row);
}

void WebhookHistoryModel::applyUpdate(const MonitorEvent &event)
{
    const QJsonObject &message = event.message;
    const QString traceId = text(message.value(QLatin1String("trace_id")));
    const std::optional<qint64> id = integer(message.value(QLatin1String("id")));
    const QDateTime receivedAt =
        EventParser::timestamp(message.value(QLatin1String("received_at")));
    const QDateTime processedAt =
        EventParser::timestamp(message.value(QLatin1String("processed_at")));

    Row *row = traceId.isEmpty() ? nullptr : m_byTrace.value(traceId);
    // A known id is the exact webhook (the same verdict may come from Redis and from Daphne);
    // it goes before the (broker, symbol, action) guess, which could pick a sibling webhook.
    if (!row && id)
        row = m_byUpdateId.value(*id);
    if (!row && traceId.isEmpty())
        row = awaitingVerdict(message);
    if (row) {
        touch(row);
    } else {
        if (traceId.isEmpty() && !id)
            return; // nothing to tell this verdict from another one by
        row = createRow(orderKeyOf(receivedAt, processedAt.isValid() ? processedAt : event.ts));
    }

    if (!traceId.isEmpty() && row->traceId.isEmpty() && !m_byTrace.contains(traceId)) {
        row->traceId = traceId;
        m_byTrace.insert(traceId, row);
    }
    if (id && !row->updateId && !m_byUpdateId.contains(*id)) {
        row->updateId = id;
        m_byUpdateId.insert(*id, row);
    }
    // T6's receipt time stays: the latency runs from the webhook's arrival at the edge.
    if (!row->receivedAt.isValid())
        row->receivedAt = receivedAt;
    if (processedAt.isValid())
        row->processedAt = processedAt;

    const WebhookStatus status =
        webhookStatusFromName(text(message.value(QLatin1String("status"))));
    if (status != WebhookStatus::Unknown)
        row->status = status;
    if (isVerdict(status))
        row->hasVerdict = true;
    merge(row->errorMessage, message.value(QLatin1String("error_message")));
    const QJsonValue orderId = message.value(QLatin1String("order_id"));
    if (!orderId.isDouble())
        merge(row->orderId, orderId);
    else if (const std::optional<qint64> numeric = integer(orderId))
        row->orderId = QString::number(*numeric); // some exchanges' ids are plain numbers
    merge(row->exchange, message.value(QLatin1String("exchange_name")));
    merge(row->symbol, message.value(QLatin1String("symbol")));
    merge(row->action, message.value(QLatin1String("action")));
    merge(row->prix, number(message.value(QLatin1String("prix"))));
    merge(row->pourCent, number(message.value(QLatin1String("pour_cent"))));
    merge(row->brokerId, integer(message.value(QLatin1String("broker_id"))));
    reindexAwaiting(row);
}

WebhookHistoryModel::Row *WebhookHistoryModel::createRow(qint64 orderKey)
{
    auto row = std::make_unique<Row>();
    row->orderKey = orderKey;
    row->sequence = m_nextSequence++;
    row->fresh = true;
    m_fresh.push_back(std::move(row));
    return m_fresh.back().get();
}

void WebhookHistoryModel::touch(Row *row)
{
    if (row->fresh || row->dirty)
        return;
    row->dirty = true;
    m_touched = true;
}

WebhookHistoryModel::Row *WebhookHistoryModel::awaitingVerdict(const QJsonObject &update) const
{
    const std::optional<qint64> brokerId = integer(update.value(QLatin1String("broker_id")));
    const QString symbol = text(update.value(QLatin1String("symbol")));
    const QString action = text(update.value(QLatin1String("action")));
    const QDateTime receivedAt = EventParser::timestamp(update.value(QLatin1String("received_at")));
    if (!brokerId || symbol.isEmpty() || action.isEmpty() || !receivedAt.isValid())
        return nullptr;
    const auto waiting = m_awaiting.constFind(awaitingKey(*brokerId, symbol, action));
    if (waiting == m_awaiting.cend())
        return nullptr;
    // The most recent receipt at or before the update's received_at, if within the window.
    const qint64 updateMs = receivedAt.toMSecsSinceEpoch();
    auto candidate = waiting->upper_bound(updateMs);
    if (candidate == waiting->cbegin())
        return nullptr;
    --candidate;
    return updateMs - candidate->first <= MatchWindowMs ? candidate->second : nullptr;
}

void WebhookHistoryModel::reindexAwaiting(Row *row)
{
    QString key;
    if (!row->hasVerdict && row->brokerId && !row->symbol.isEmpty() && !row->action.isEmpty() &&
        row->receivedAt.isValid() && !neverForwarded(row->status))
        key = awaitingKey(*row->brokerId, row->symbol, row->action);
    const qint64 ms = key.isEmpty() ? 0 : row->receivedAt.toMSecsSinceEpoch();
    if (key == row->awaitingKey && ms == row->awaitingMs)
        return;
    dropAwaiting(row);
    if (key.isEmpty())
        return;
    m_awaiting[key].emplace(ms, row);
    row->awaitingKey = key;
    row->awaitingMs = ms;
}

void WebhookHistoryModel::dropAwaiting(Row *row)
{
    if (row->awaitingKey.isEmpty())
        return;
    const auto waiting = m_awaiting.find(row->awaitingKey);
    if (waiting != m_awaiting.end()) {
        auto [first, last] = waiting->equal_range(row->awaitingMs);
        for (auto it = first; it != last; ++it) {
            if (it->second == row) {
                waiting->erase(it);
                break;
            }
        }
        if (waiting->empty())
            m_awaiting.erase(waiting);
    }
    row->awaitingKey.clear();
    row->awaitingMs = 0;
}

void WebhookHistoryModel::forget(Row *row)
{
    dropAwaiting(row);
    if (!row->traceId.isEmpty() && m_byTrace.value(row->traceId) == row)
        m_byTrace.remove(row->traceId);
    if (row->updateId && m_byUpdateId.value(*row->updateId) == row)
        m_byUpdateId.remove(*row->updateId);
}

void WebhookHistoryModel::commit()
{
    const auto shownBefore = [](const std::unique_ptr<Row> &a, const std::unique_ptr<Row> &b) {
        return a->orderKey != b->orderKey ? a->orderKey > b->orderKey : a->sequence > b->sequence;
    };
    std::sort(m_fresh.begin(), m_fresh.end(), shownBefore);

    // Merge the new rows into the shown ones, keeping the newest `capacity` of both: the shown
    // rows past the cut are a tail, the new rows past it are never shown at all.
    const size_t capacity = size_t(m_capacity);
    size_t keptShown = 0;
    size_t keptFresh = 0;
    std::vector<size_t> shownAbove; // per kept new row: how many shown rows stay above it
    shownAbove.reserve(std::min(m_fresh.size(), capacity));
    while (keptShown + keptFresh < capacity && keptFresh < m_fresh.size()) {
        if (keptShown == m_rows.size() || shownBefore(m_fresh[keptFresh], m_rows[keptShown])) {
            shownAbove.push_back(keptShown);
            ++keptFresh;
        } else {
            ++keptShown;
        }
    }
    // The shown rows below the last new one stay as far as the capacity allows.
    keptShown = std::min(m_rows.size(), capacity - keptFresh);
    for (size_t i = keptFresh; i < m_fresh.size(); ++i)
        forget(m_fresh[i].get());
    m_fresh.resize(keptFresh);
    for (const auto &row : m_fresh)
        row->fresh = false;

    int runs = 0;
    for (size_t i = 0; i < shownAbove.size(); ++i)
        runs += (i == 0 || shownAbove[i] != shownAbove[i - 1]) ? 1 : 0;

    if (runs > MaxInsertRuns) {
        beginResetModel();
        for (size_t i = keptShown; i < m_rows.size(); ++i)
            forget(m_rows[i].get());
        m_rows.resize(keptShown);
        std::vector<std::unique_ptr<Row>> merged;
        merged.reserve(m_rows.size() + m_fresh.size());
        std::merge(std::make_move_iterator(m_rows.begin()), std::make_move_iterator(m_rows.end()),
                   std::make_move_iterator(m_fresh.begin()), std::make_move_iterator(m_fresh.end()),
                   std::back_inserter(merged), shownBefore);
        m_rows = std::move(merged);
        m_fresh.clear();
        for (const auto &row : m_rows)
            row->dirty = false;
        m_touched = false;
        endResetModel();
        return;
    }

    if (keptShown < m_rows.size()) {
        beginRemoveRows({}, int(keptShown), int(m_rows.size()) - 1);
        for (size_t i = keptShown; i < m_rows.size(); ++i)
            forget(m_rows[i].get());
        m_rows.resize(keptShown);
        endRemoveRows();
    }

    // One insertion per place where new rows go; in a live feed that is the top, once.
    size_t inserted = 0;
    while (inserted < m_fresh.size()) {
        size_t end = inserted + 1;
        while (end < m_fresh.size() && shownAbove[end] == shownAbove[inserted])
            ++end;
        const int first = int(shownAbove[inserted] + inserted);
        beginInsertRows({}, first, first + int(end - inserted) - 1);
        m_rows.insert(m_rows.begin() + first, std::make_move_iterator(m_fresh.begin() + inserted),
                      std::make_move_iterator(m_fresh.begin() + end));
        endInsertRows();
        inserted = end;
    }
    m_fresh.clear();

    if (!m_touched)
        return;
    m_touched = false;
    std::vector<std::pair<int, int>> ranges;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (!m_rows[i]->dirty)
            continue;
        m_rows[i]->dirty = false;
        if (!ranges.empty() && ranges.back().second == int(i) - 1)
            ranges.back().second = int(i);
        else
            ranges.emplace_back(int(i), int(i));
    }
    if (ranges.size() > size_t(MaxChangedRanges))
        ranges = {{ranges.front().first, ranges.back().second}};
    for (const auto &[first, last] : ranges)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}
