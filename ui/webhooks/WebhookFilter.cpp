#include "webhooks/WebhookFilter.h"

#include "monitor/models/WebhookHistoryModel.h"

WebhookFilter::WebhookFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(WebhookHistoryModel::SortRole);
    setDynamicSortFilter(true);
}

void WebhookFilter::setSymbol(const QString &symbol)
{
    m_symbol = symbol;
    refilter();
}

void WebhookFilter::setAction(const QString &action)
{
    m_action = action;
    refilter();
}

void WebhookFilter::setStatus(std::optional<WebhookStatus> status)
{
    m_status = status;
    refilter();
}

void WebhookFilter::setBroker(const QString &brokerId)
{
    m_broker = brokerId;
    refilter();
}

void WebhookFilter::setSearch(const QString &text)
{
    m_search = text.trimmed();
    refilter();
}

void WebhookFilter::setFrozenAt(const QDateTime &at)
{
    m_frozenAt = at;
    refilter();
}

void WebhookFilter::clearBefore(const QDateTime &at)
{
    m_clearedBefore = at;
    refilter();
}

void WebhookFilter::refilter()
{
    // Qt 6.4 has no begin/endFilterChange: invalidateFilter() re-runs filterAcceptsRow.
    invalidateFilter();
}

QList<int> WebhookFilter::sourceRows() const
{
    QList<int> rows;
    rows.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        rows.append(mapToSource(index(row, 0)).row());
    return rows;
}

bool WebhookFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return model->index(sourceRow, column, sourceParent).data(role);
    };
    if (m_frozenAt.isValid() || m_clearedBefore.isValid()) {
        const QDateTime received =
            cell(WebhookHistoryModel::DateTime, WebhookHistoryModel::SortRole).toDateTime();
        if (m_frozenAt.isValid() && received.isValid() && received > m_frozenAt)
            return false;
        if (m_clearedBefore.isValid() && (!received.isValid() || received <= m_clearedBefore))
            return false;
    }
    if (!m_symbol.isEmpty() && cell(WebhookHistoryModel::Symbol).toString() != m_symbol)
        return false;
    if (!m_action.isEmpty() && cell(WebhookHistoryModel::Action).toString() != m_action)
        return false;
    if (m_status &&
        cell(WebhookHistoryModel::Status, WebhookHistoryModel::StatusRole).value<WebhookStatus>() !=
            *m_status)
        return false;
    if (!m_broker.isEmpty() && cell(0, WebhookHistoryModel::BrokerRole).toString() != m_broker)
        return false;
    if (m_search.isEmpty())
        return true;
    for (int column = 0; column < WebhookHistoryModel::ColumnCount; ++column) {
        if (cell(column).toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return cell(WebhookHistoryModel::Status, WebhookHistoryModel::ErrorRole)
        .toString()
        .contains(m_search, Qt::CaseInsensitive);
}
