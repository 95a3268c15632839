#pragma once

#include "MonitorEvent.h"
#include "Status.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

#include <map>
#include <memory>
#include <vector>

// Every webhook from its receipt by T6 to the trading engine's verdict (WIRE.md §4), newest
// received first, bounded in memory. Events come in batches so that a burst of thousands costs
// the views a handful of signals. Raw values in the data roles: colours belong to ui/.
class WebhookHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DateTime,
        Exchange,
        Symbol,
        Action,
        Price,
        Percent,
        Status,
        OrderId,
        SourceIp,
        Receiver, // which Terminal 6 took it, when several share a Redis
        Listeners,
        Latency,
        Trace,
        ColumnCount
    };
    enum Role {
        StatusRole = Qt::UserRole + 1, // WebhookStatus
        TraceRole,                     // trace_id, empty for a verdict T3 sent without one
        ErrorRole,                     // the engine's error_message, else the rejection reason
        SortRole,                      // raw value of the column: QDateTime, double, qint64, text
        BrokerRole                     // broker_id as text, empty when unknown
    };

    explicit WebhookHistoryModel(int capacity = 10000, QObject *parent = nullptr);
    ~WebhookHistoryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // A column's English title, whatever the language: the header of the CSV export.
    static QString columnKey(int column);

    // Everything known of one webhook, for the inspector.
    struct Details {
        QString traceId;
        WebhookStatus status = WebhookStatus::Unknown;
        QString exchange, symbol, action, sourceIp, receiver, orderId;
        QString reason;       // why T6 refused it
        QString errorMessage; // why the engine failed it
        QByteArray payload;   // the JSON as T6 kept it (token-free); empty when not known here
        std::optional<double> prix, pourCent;
        std::optional<qint64> listeners, brokerId;
        QDateTime receivedAt, journaledAt, streamedAt, publishedAt, verdictAt;
    };
    Details details(int row) const;
    // The two fields the figures need, without copying a row (GUI thread, every refresh).
    WebhookStatus statusAt(int row) const;
    QDateTime receivedAtOf(int row) const;

    // Applies webhook_received and webhook_update events (others are ignored) as one change.
    void apply(const QList<MonitorEvent> &events);
    int rowOfTrace(const QString &traceId) const; // -1 if none
    int capacity() const { return m_capacity; }

private:
    struct Row;

    void applyReceived(const MonitorEvent &event);
    void applyUpdate(const MonitorEvent &event);
    Row *createRow(qint64 orderKey);
    void touch(Row *row);
    Row *awaitingVerdict(const QJsonObject &update) const;
    void reindexAwaiting(Row *row);
    void dropAwaiting(Row *row);
    void forget(Row *row);
    void commit();

    int m_capacity;
    quint64 m_nextSequence = 0;
    std::vector<std::unique_ptr<Row>> m_rows; // newest first
    QHash<QString, Row *> m_byTrace;
    QHash<qint64, Row *> m_byUpdateId;
    // Rows without a verdict yet, by (broker_id, symbol, action), then by received_at in ms.
    QHash<QString, std::multimap<qint64, Row *>> m_awaiting;

    // The batch being applied: rows not shown yet, and whether shown rows changed.
    std::vector<std::unique_ptr<Row>> m_fresh;
    bool m_touched = false;
};
