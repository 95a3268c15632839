#include "webhooks/WebhookTableDelegate.h"

#include "Language.h"
#include "StatusColors.h"
#include "monitor/models/WebhookHistoryModel.h"

#include <QDateTime>

void WebhookTableDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The model's texts are the wire's ("43500.5", ISO dates, as exported); the view writes them
    // in the user's locale.
    switch (index.column()) {
    case WebhookHistoryModel::DateTime:
        if (const QDateTime at = index.data(WebhookHistoryModel::SortRole).toDateTime();
            at.isValid())
            option->text = Language::dateTime(at, true);
        return;
    case WebhookHistoryModel::Price:
    case WebhookHistoryModel::Percent:
    case WebhookHistoryModel::Listeners:
        if (const QVariant raw = index.data(WebhookHistoryModel::SortRole); raw.isValid())
            option->text = Language::number(raw.toDouble());
        return;
    default: break;
    }
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
