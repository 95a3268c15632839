#include "WebhookTableDelegate.h"

#include "monitor/models/WebhookHistoryModel.h"

void WebhookTableDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != WebhookHistoryModel::Status)
        return;
    const QString status = index.data(WebhookHistoryModel::StatusRole).toString();
    static const QStringList good{QStringLiteral("forwarded"), QStringLiteral("processed"),
                                  QStringLiteral("replayed")};
    static const QStringList bad{QStringLiteral("rejected"), QStringLiteral("error"),
                                 QStringLiteral("expired"), QStringLiteral("missed")};
    if (good.contains(status))
        option->palette.setColor(QPalette::Text, QColor(0x2e, 0x9d, 0x52));
    else if (bad.contains(status))
        option->palette.setColor(QPalette::Text, QColor(0xc6, 0x3b, 0x3b));
    else if (status == QLatin1String("duplicate"))
        option->palette.setColor(QPalette::Text, QColor(0x80, 0x80, 0x80));
    else
        option->palette.setColor(QPalette::Text, QColor(0xb3, 0x74, 0x0f));
}
