#pragma once

#include "Status.h"

#include <QMainWindow>

class QLabel;
class QTableView;
class ReceiverService;
class WebhookHistoryModel;

// The first window: where the receiver listens, whether Redis is there, and the webhooks as
// they arrive. Reads ReceiverService and the model; holds no logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ReceiverService *receiver, WebhookHistoryModel *webhooks, QWidget *parent = nullptr);

    void setCloseHidesWindow(bool hides) { m_closeHides = hides; }
    void refresh();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QLabel *addField(class QFormLayout *form, const QString &name);

    ReceiverService *m_receiver;
    WebhookHistoryModel *m_webhooks;
    QLabel *m_url;
    QLabel *m_token;
    QLabel *m_redis;
    QLabel *m_counts;
    QTableView *m_table;
    bool m_closeHides = false;
};
