#include "webhooks/WebhookExport.h"

#include "monitor/models/WebhookHistoryModel.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray csvField(const QString &text)
{
    // RFC 4180: quoted when it holds a separator, a quote or a line break. A leading = + - @
    // that is not a number would be a formula to a spreadsheet: nothing sent may run there.
    QString field = text;
    bool number = false;
    field.toDouble(&number);
    if (!number && !field.isEmpty() && QStringLiteral("=+-@").contains(field.front()))
        field.prepend(u'\'');
    if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n') ||
        field.contains(u'\r'))
        field = u'"' + QString(field).replace(u'"', QStringLiteral("\"\"")) + u'"';
    return field.toUtf8();
}

QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

namespace WebhookExport {

QByteArray toCsv(const WebhookHistoryModel &history, const QList<int> &rows)
{
    // A file format: English column names and wire status names, whatever the window's language.
    QByteArray csv;
    for (int column = 0; column < WebhookHistoryModel::ColumnCount; ++column) {
        if (column > 0)
            csv += ',';
        csv += csvField(WebhookHistoryModel::columnKey(column));
    }
    csv += ",Reason\r\n";
    for (int row : rows) {
        for (int column = 0; column < WebhookHistoryModel::ColumnCount; ++column) {
            if (column > 0)
                csv += ',';
            const QModelIndex cell = history.index(row, column);
            csv += csvField(
                column == WebhookHistoryModel::Status && !cell.data().toString().isEmpty()
                    ? statusName(cell.data(WebhookHistoryModel::StatusRole).value<WebhookStatus>())
                    : cell.data().toString());
        }
        csv += ',' +
               csvField(history.index(row, 0).data(WebhookHistoryModel::ErrorRole).toString()) +
               "\r\n";
    }
    return csv;
}

QByteArray toJsonLines(const WebhookHistoryModel &history, const QList<int> &rows)
{
    QByteArray lines;
    for (int row : rows) {
        const WebhookHistoryModel::Details d = history.details(row);
        QJsonObject o{{QLatin1String("trace_id"), d.traceId},
                      {QLatin1String("status"), statusName(d.status)},
                      {QLatin1String("received_at"), time(d.receivedAt)},
                      {QLatin1String("journaled_at"), time(d.journaledAt)},
                      {QLatin1String("streamed_at"), time(d.streamedAt)},
                      {QLatin1String("published_at"), time(d.publishedAt)},
                      {QLatin1String("verdict_at"), time(d.verdictAt)},
                      {QLatin1String("exchange"), d.exchange},
                      {QLatin1String("symbol"), d.symbol},
                      {QLatin1String("action"), d.action},
                      {QLatin1String("source_ip"), d.sourceIp},
                      {QLatin1String("order_id"), d.orderId},
                      {QLatin1String("reason"), d.reason},
                      {QLatin1String("error_message"), d.errorMessage}};
        if (d.prix)
            o.insert(QLatin1String("prix"), *d.prix);
        if (d.pourCent)
            o.insert(QLatin1String("pour_cent"), *d.pourCent);
        if (d.listeners)
            o.insert(QLatin1String("listeners"), *d.listeners);
        if (d.brokerId)
            o.insert(QLatin1String("broker_id"), *d.brokerId);
        const QJsonDocument payload = QJsonDocument::fromJson(d.payload);
        if (payload.isObject())
            o.insert(QLatin1String("payload"), payload.object());
        lines += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return lines;
}

} // namespace WebhookExport
