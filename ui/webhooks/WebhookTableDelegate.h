#pragma once

#include <QStyledItemDelegate>

// Colours a webhook's status and action as StatusColors says, the status bold where the trader
// must look (error, missed, expired, held).
class WebhookTableDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
