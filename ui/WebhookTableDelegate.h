#pragma once

#include <QStyledItemDelegate>

// Colours a webhook row's status: green once forwarded, amber while queued, red when rejected.
class WebhookTableDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
