#pragma once

#include "journal/JournalRecord.h"
#include "webhook/WebhookSummary.h"

#include <QAbstractTableModel>

#include <deque>

// The latest webhook requests, newest first, bounded in memory; each row follows its webhook
// from receipt to forwarding. Raw values only: colours and icons belong to ui/.
class RecentWebhooksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        SourceIp,
        Exchange,
        Symbol,
        Action,
        Price,
        Status,
        Listeners,
        Trace,
        ColumnCount
    };
    enum Role { StatusRole = Qt::UserRole + 1, HttpStatusRole };

    explicit RecentWebhooksModel(int capacity = 1000, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void add(const WebhookSummary &summary);
    // The webhook's delivery moved on (forwarded, held, expired...); listeners < 0: unchanged.
    void setFate(const QString &traceId, Fate fate, qint64 listeners);
    const WebhookSummary &at(int row) const { return m_rows.at(size_t(row)); }

private:
    int m_capacity;
    std::deque<WebhookSummary> m_rows; // newest first
};
