#include "positions/PositionsTab.h"

#include "Language.h"
#include "StatusColors.h"
#include "monitor/models/PositionsModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// Numbers right-aligned; the P&L green or red by its sign, and the side by its direction.
class PositionDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const int column = index.column();
        if (column >= PositionsModel::Quantity && column <= PositionsModel::Pnl) {
            option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
            // The model's text is the wire's ("43500.5"); the view writes it in the user's locale.
            if (const QVariant raw = index.data(PositionsModel::SortRole); raw.isValid())
                option->text = Language::number(raw.toDouble());
        }
        if (column == PositionsModel::Pnl) {
            const QVariant raw = index.data(PositionsModel::SortRole);
            if (raw.isValid()) {
                option->palette.setColor(
                    QPalette::Text,
                    StatusColors::ofSigned(raw.toDouble(), option->palette.color(QPalette::Text)));
                option->font.setBold(true);
            }
        } else if (column == PositionsModel::Side) {
            const QString side = index.data().toString().toLower();
            const double sign = side == QLatin1String("buy") || side == QLatin1String("long") ? 1
                                : side == QLatin1String("sell") || side == QLatin1String("short")
                                    ? -1
                                    : 0;
            option->palette.setColor(
                QPalette::Text,
                StatusColors::ofSigned(sign, option->palette.color(QPalette::Text)));
        }
    }
};

} // namespace

PositionsTab::PositionsTab(PositionsModel *positions, QWidget *parent)
    : QWidget(parent)
    , m_positions(positions)
    , m_table(new QTableView(this))
    , m_total(new QLabel(this))
{
    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(positions);
    sorted->setSortRole(PositionsModel::SortRole);
    m_table->setModel(sorted);
    m_table->setItemDelegate(new PositionDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // in order of opening
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    QFont big = m_total->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_total->setFont(big);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_total);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(positions, signal, this, &PositionsTab::updateTotal);
    connect(positions, &QAbstractItemModel::dataChanged, this, &PositionsTab::updateTotal);
    connect(positions, &QAbstractItemModel::modelReset, this, &PositionsTab::updateTotal);
    updateTotal();
}

QString PositionsTab::totalText() const
{
    return m_total->text();
}

void PositionsTab::updateTotal()
{
    const double pnl = m_positions->totalUnrealizedPnl();
    const QColor colour = StatusColors::ofSigned(pnl, palette().color(QPalette::WindowText));
    m_total->setText(tr("%n open position(s) · unrealised P&amp;L <b style='color:%1'>%2</b>",
                        nullptr, m_positions->openCount())
                         .arg(colour.name(), QLocale().toString(pnl, 'f', 2)));
}
