#pragma once

#include <QByteArray>
#include <QList>

class WebhookHistoryModel;

// The rows a trader filtered, as files other tools read: CSV with the table's columns (a
// spreadsheet), JSON Lines with every known field and the payload (a script). Payloads are the
// journal's, token-free.
namespace WebhookExport {

QByteArray toCsv(const WebhookHistoryModel &history, const QList<int> &rows);
QByteArray toJsonLines(const WebhookHistoryModel &history, const QList<int> &rows);

} // namespace WebhookExport
