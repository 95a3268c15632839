#pragma once

#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLineEdit;
class QLabel;
class QTableView;
class QToolButton;
class ReceiverService;
class WebhookFilter;
class WebhookHistoryModel;
class WebhookInspector;

// The Webhooks tab: the history newest first, filtered and searched, the live list paused or
// cleared, the selected webhook in the inspector, and its actions (resend, copy as curl, export).
class WebhooksTab : public QWidget
{
    Q_OBJECT
public:
    enum class Format { Csv, JsonLines };

    // `receiver` may be null (a monitor without a receiver of its own): no resend then.
    WebhooksTab(WebhookHistoryModel *history, ReceiverService *receiver, QWidget *parent = nullptr);

    // Writes the rows shown (filters applied) to `path`; returns the line for the status bar
    // (how many were written, or why nothing was).
    QString exportTo(const QString &path, Format format) const;
    // Asks before a resend; a dialog by default (tests answer by themselves).
    void setConfirmation(std::function<bool(const QString &question)> confirm);

    WebhookFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    WebhookInspector *inspector() const { return m_inspector; }
    QComboBox *symbolBox() const { return m_symbol; }
    QComboBox *actionBox() const { return m_action; }
    QComboBox *statusBox() const { return m_status; }
    QComboBox *brokerBox() const { return m_broker; }
    QLineEdit *searchBox() const { return m_search; }
    QToolButton *pauseButton() const { return m_pause; }
    QToolButton *clearButton() const { return m_clear; }

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    void refreshChoices();
    void showSelected();
    void resend(const QString &traceId);
    void copyCurl(const QByteArray &payload);
    void askExport();

    WebhookHistoryModel *m_history;
    ReceiverService *m_receiver;
    WebhookFilter *m_filter;
    QComboBox *m_symbol;
    QComboBox *m_action;
    QComboBox *m_status;
    QComboBox *m_broker;
    QLineEdit *m_search;
    QToolButton *m_pause;
    QToolButton *m_clear;
    QToolButton *m_export;
    QLabel *m_count;
    QTableView *m_table;
    WebhookInspector *m_inspector;
    QTimer m_choices;  // the filters' choices follow the history, a few times a minute
    QTimer m_selected; // the inspector follows its webhook's changes, at most 5 times a second
    QTimer m_fit;
    std::function<bool(const QString &)> m_confirm;
};
