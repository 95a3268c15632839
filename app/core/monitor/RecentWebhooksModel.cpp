#include "RecentWebhooksModel.h"

RecentWebhooksModel::RecentWebhooksModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{}

int RecentWebhooksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecentWebhooksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecentWebhooksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebhookSummary &row = m_rows.at(size_t(index.row()));
    if (role == StatusRole)
        return row.status;
    if (role == HttpStatusRole)
        return row.httpStatus;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Time: return row.receivedAt;
    case SourceIp: return row.sourceIp;
    case Exchange: return row.exchange;
    case Symbol: return row.symbol;
    case Action: return row.action;
    case Price: return row.prix;
    case Status:
        if (row.reason.isEmpty())
            return row.status;
        return role == Qt::ToolTipRole
                   ? row.reason
                   : QStringLiteral("%1 %2").arg(row.status).arg(row.httpStatus);
    case Listeners: return row.listeners < 0 ? QVariant() : QVariant(row.listeners);
    case Trace: return row.traceId;
    case ColumnCount: break;
    }
    return {};
}

QVariant RecentWebhooksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time: return tr("Received (UTC)");
    case SourceIp: return tr("Source IP");
    case Exchange: return tr("Exchange");
    case Symbol: return tr("Symbol");
    case Action: return tr("Action");
    case Price: return tr("Price");
    case Status: return tr("Status");
    case Listeners: return tr("Listeners");
    case Trace: return tr("Trace");
    case ColumnCount: break;
    }
    return {};
}

void RecentWebhooksModel::add(const WebhookSummary &summary)
{
    beginInsertRows({}, 0, 0);
    m_rows.push_front(summary);
    endInsertRows();
    if (int(m_rows.size()) > m_capacity) {
        beginRemoveRows({}, m_capacity, int(m_rows.size()) - 1);
        m_rows.resize(size_t(m_capacity));
        endRemoveRows();
    }
}

void RecentWebhooksModel::setFate(const QString &traceId, Fate fate, qint64 listeners)
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].traceId != traceId)
            continue;
        m_rows[row].status = fateName(fate);
        if (listeners >= 0)
            m_rows[row].listeners = listeners;
        Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
        return;
    }
}
