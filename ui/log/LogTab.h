#pragma once

#include <QWidget>

class LogModel;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

// The Log tab: the receiver's and the monitor's log lines (the ones --headless prints),
// warnings only or all, searched, following the newest.
class LogTab : public QWidget
{
    Q_OBJECT
public:
    explicit LogTab(LogModel *log, QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    QComboBox *levelBox() const { return m_level; }
    QLineEdit *searchBox() const { return m_search; }

private:
    QSortFilterProxyModel *m_filter;
    QListView *m_view;
    QComboBox *m_level;
    QLineEdit *m_search;
    QCheckBox *m_follow;
};
