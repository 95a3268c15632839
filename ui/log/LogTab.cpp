#include "log/LogTab.h"

#include "LogModel.h"
#include "StatusColors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace {

// Lines at or above a level, and containing a text.
class LevelFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setWarningsOnly(bool only)
    {
        m_warningsOnly = only;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        const auto type = QtMsgType(index.data(LogModel::LevelRole).toInt());
        if (m_warningsOnly && (type == QtDebugMsg || type == QtInfoMsg))
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    bool m_warningsOnly = false;
};

// Warnings amber, errors red.
class LevelDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        switch (QtMsgType(index.data(LogModel::LevelRole).toInt())) {
        case QtWarningMsg:
            option->palette.setColor(QPalette::Text, StatusColors::of(TerminalState::Degraded));
            break;
        case QtCriticalMsg:
        case QtFatalMsg:
            option->palette.setColor(QPalette::Text, StatusColors::of(TerminalState::Down));
            break;
        default: break;
        }
    }
};

} // namespace

LogTab::LogTab(LogModel *log, QWidget *parent)
    : QWidget(parent)
    , m_filter(new LevelFilter(this))
    , m_view(new QListView(this))
    , m_level(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_follow(new QCheckBox(tr("Follow"), this))
{
    m_filter->setSourceModel(log);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_level->addItems({tr("All lines"), tr("Warnings and errors")});
    m_search->setPlaceholderText(tr("Search the log…"));
    m_search->setClearButtonEnabled(true);
    m_follow->setChecked(true);
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new LevelDelegate(m_view));
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setUniformItemSizes(true); // thousands of lines stay cheap to lay out
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_level);
    bar->addWidget(m_follow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_level, &QComboBox::currentIndexChanged, this, [this](int index) {
        static_cast<LevelFilter *>(m_filter)->setWarningsOnly(index == 1);
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked())
            m_view->scrollToBottom();
    });
}
