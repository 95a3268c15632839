#include "WebhookTableDelegate.h"

#include "app/core/monitor/RecentWebhooksModel.h"

void WebhookTableDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != RecentWebhooksModel::Status)
        return;
    const QString status = index.data(RecentWebhooksModel::StatusRole).toString();
    if (status == QLatin1String("forwarded"))
        option->palette.setColor(QPalette::Text, QColor(0x2e, 0x9d, 0x52));
    else if (status == QLatin1String("rejected"))
        option->palette.setColor(QPalette::Text, QColor(0xc6, 0x3b, 0x3b));
    else
        option->palette.setColor(QPalette::Text, QColor(0xb3, 0x74, 0x0f));
}
