#pragma once

#include "Status.h"

#include <QDateTime>
#include <QSortFilterProxyModel>

#include <optional>

// The history as the Webhooks tab shows it: filtered by symbol, action, status and broker, and
// by free text over every column, the trace id and the reason; "pause" hides what arrives after
// it (the model still takes it in), "clear" hides what arrived before it (the journal keeps it).
class WebhookFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit WebhookFilter(QObject *parent = nullptr);

    // Empty (or nullopt) lets everything through.
    void setSymbol(const QString &symbol);
    void setAction(const QString &action);
    void setStatus(std::optional<WebhookStatus> status);
    void setBroker(const QString &brokerId);
    void setSearch(const QString &text);

    // The live list stops at `at` (invalid: follows again).
    void setFrozenAt(const QDateTime &at);
    bool isFrozen() const { return m_frozenAt.isValid(); }
    void clearBefore(const QDateTime &at);

    // The source rows shown, in the order shown (for export).
    QList<int> sourceRows() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QString m_symbol;
    QString m_action;
    std::optional<WebhookStatus> m_status;
    QString m_broker;
    QString m_search;
    QDateTime m_frozenAt;
    QDateTime m_clearedBefore;
};
