#include "MainWindow.h"

#include "StatusIcon.h"
#include "WebhookTableDelegate.h"
#include "monitor/models/WebhookHistoryModel.h"
#include "receiver/ReceiverService.h"

#include <QCloseEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

MainWindow::MainWindow(ReceiverService *receiver, WebhookHistoryModel *webhooks, QWidget *parent)
    : QMainWindow(parent)
    , m_receiver(receiver)
    , m_webhooks(webhooks)
{
    setWindowTitle(tr("Terminal 6 — webhook receiver"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *form = new QFormLayout;
    m_url = addField(form, tr("Listening"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_token = addField(form, tr("Token"));
    m_redis = addField(form, tr("Redis"));
    m_counts = addField(form, tr("Webhooks"));
    layout->addLayout(form);

    m_table = new QTableView(central);
    m_table->setModel(m_webhooks);
    m_table->setItemDelegate(new WebhookTableDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Qt sizes columns to contents once; re-fit as rows arrive, at most five times a second.
    auto *fit = new QTimer(this);
    fit->setSingleShot(true);
    fit->setInterval(200);
    connect(fit, &QTimer::timeout, m_table, &QTableView::resizeColumnsToContents);
    connect(m_webhooks, &QAbstractItemModel::rowsInserted, fit, qOverload<>(&QTimer::start));
    connect(m_webhooks, &QAbstractItemModel::dataChanged, fit, qOverload<>(&QTimer::start));
    layout->addWidget(m_table, 1);
    setCentralWidget(central);
    resize(1100, 520);

    connect(receiver, &ReceiverService::statusChanged, this, &MainWindow::refresh);
    refresh();
}

QLabel *MainWindow::addField(QFormLayout *form, const QString &name)
{
    auto *label = new QLabel(this);
    form->addRow(QStringLiteral("<b>%1</b>").arg(name), label);
    return label;
}

void MainWindow::refresh()
{
    const Settings &settings = m_receiver->settings();
    m_url->setText(m_receiver->isRunning() ? m_receiver->listenUrl() : tr("not listening"));
    m_token->setText(settings.hasToken()
                         ? tr("required (header, /webhook/<token>, ?token= or body \"%1\")")
                               .arg(settings.bodyTokenField)
                         : tr("none set: listening on loopback only"));
    const ReceiverStatus &status = m_receiver->status();
    const ConnectionState state = status.redis == ReceiverStatus::Redis::Ok
                                      ? ConnectionState::Connected
                                      : ConnectionState::Disconnected;
    m_redis->setText(QStringLiteral("<span style='color:%1'>●</span> %2:%3 — %4")
                         .arg(StatusIcon::colorFor(state).name(), settings.redis.host)
                         .arg(settings.redis.port)
                         .arg(stateName(state)));
    m_counts->setText(tr("%1 accepted · %2 queued · %3 rejected")
                          .arg(status.received)
                          .arg(status.open)
                          .arg(status.rejected));
    setWindowIcon(StatusIcon::forState(state));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeHides) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}
