#include "webhooks/WebhookTableDelegate.h"

#include "StatusColors.h"
#include "monitor/models/WebhookHistoryModel.h"

void WebhookTableDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == WebhookHistoryModel::Action) {
        // Pings grey, buys green, sells red: the colours of the Charts tab.
        const QString action = index.data().toString();
        if (!action.isEmpty() && action != QLatin1String("MISS"))
            option->palette.setColor(QPalette::Text,
                                     StatusColors::of(ActivityTimeline::actionOf(action)));
        return;
    }
    if (index.column() != WebhookHistoryModel::Status)
        return;
    const auto status = index.data(WebhookHistoryModel::StatusRole).value<WebhookStatus>();
    option->palette.setColor(QPalette::Text, StatusColors::of(status));
    option->palette.setColor(QPalette::HighlightedText, StatusColors::of(status).lighter(160));
    option->font.setBold(status == WebhookStatus::Error || status == WebhookStatus::Missed ||
                         status == WebhookStatus::Expired || status == WebhookStatus::Held);
}
