#pragma once

#include <QStyledItemDelegate>

// Colours a webhook's status: green once delivered or processed, amber while on its way, red
// when refused, expired, missed or failed in the engine, grey for duplicates.
class WebhookTableDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
