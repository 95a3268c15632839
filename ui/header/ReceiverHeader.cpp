#include "header/ReceiverHeader.h"

#include "StatusColors.h"
#include "monitor/models/TerminalHealthModel.h"
#include "receiver/ReceiverService.h"
#include "receiver/WebhookUrl.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

ReceiverHeader::ReceiverHeader(ReceiverService *receiver, TerminalHealthModel *terminals,
                               QAction *pause, QWidget *parent)
    : QWidget(parent)
    , m_receiver(receiver)
    , m_terminals(terminals)
    , m_urls(new QVBoxLayout)
    , m_portWarning(new QLabel(this))
    , m_receiverLight(new QLabel(this))
    , m_redisLight(new QLabel(this))
    , m_engineLight(new QLabel(this))
    , m_forwardingLight(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *left = new QVBoxLayout;
    auto *caption = new QLabel(tr("<b>Webhook URL for TradingView</b>"), this);
    left->addWidget(caption);
    m_urls->setSpacing(2);
    left->addLayout(m_urls);
    m_portWarning->setWordWrap(true);
    m_portWarning->setVisible(false);
    left->addWidget(m_portWarning);
    left->addStretch(1);
    layout->addLayout(left, 3);

    auto *lights = new QVBoxLayout;
    lights->setSpacing(2);
    for (QLabel *light : {m_receiverLight, m_redisLight, m_engineLight, m_forwardingLight}) {
        light->setTextFormat(Qt::RichText);
        lights->addWidget(light);
    }
    layout->addLayout(lights, 2);

    auto *pauseButton = new QToolButton(this);
    pauseButton->setDefaultAction(pause);
    pauseButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    pauseButton->setMinimumHeight(48);
    pauseButton->setMinimumWidth(150);
    layout->addWidget(pauseButton, 0, Qt::AlignTop);

    // The counts move with every webhook; redrawing (and re-laying out) the header more than
    // twice a second under a burst would only cost the window its smoothness. Pausing shows at
    // once.
    m_soon.setSingleShot(true);
    m_soon.setInterval(500);
    connect(&m_soon, &QTimer::timeout, this, [this] { showStatus(m_receiver->status()); });
    connect(receiver, &ReceiverService::statusChanged, this, [this](const ReceiverStatus &s) {
        if (s.paused != m_shownPaused || s.listening != m_shownListening)
            showStatus(s);
        else if (!m_soon.isActive())
            m_soon.start();
    });
    connect(receiver, &ReceiverService::settingsChanged, this, [this] {
        showUrls();
        showStatus(m_receiver->status());
    });
    connect(terminals, &QAbstractItemModel::dataChanged, this, &ReceiverHeader::showEngine);
    showStatus(receiver->status());
    showEngine();
}

void ReceiverHeader::setLight(QLabel *label, const QString &name, TerminalState state,
                              const QString &text, const QString &tooltip)
{
    label->setText(
        QStringLiteral("<span style='color:%1; font-size:large'>●</span> <b>%2</b> %3")
            .arg(StatusColors::of(state).name(), name.toHtmlEscaped(), text.toHtmlEscaped()));
    label->setToolTip(tooltip);
}

void ReceiverHeader::showStatus(const ReceiverStatus &s)
{
    m_shownPaused = s.paused;
    m_shownListening = s.listening;
    if (m_receiver->port() != m_urlsPort || m_urls->count() == 0)
        showUrls();
    setLight(m_receiverLight, tr("Receiver"), s.listening ? TerminalState::Up : TerminalState::Down,
             s.listening
                 ? tr("listening · %L1 received · %L2 rejected").arg(s.received).arg(s.rejected)
                 : tr("not listening"));
    const RedisEndpoint &endpoint = m_receiver->settings().redis;
    const QString redis = endpoint.embedded
                              ? tr("embedded %1:%2").arg(endpoint.host).arg(endpoint.port)
                              : endpoint.host + u':' + QString::number(endpoint.port);
    switch (s.redis) {
    case ReceiverStatus::Redis::Ok:
        setLight(m_redisLight, tr("Redis"), TerminalState::Up,
                 s.open > 0 ? tr("%1 · %Ln on their way", nullptr, int(s.open)).arg(redis)
                            : tr("%1 · all delivered").arg(redis));
        break;
    case ReceiverStatus::Redis::Refusing:
        setLight(m_redisLight, tr("Redis"), TerminalState::Degraded,
                 tr("%1 refuses · %Ln waiting", nullptr, int(s.open)).arg(redis), s.redisError);
        break;
    case ReceiverStatus::Redis::Error:
        setLight(m_redisLight, tr("Redis"),
                 s.listening ? TerminalState::Down : TerminalState::Unknown,
                 tr("%1 unreachable · %Ln waiting in the journal", nullptr, int(s.open)).arg(redis),
                 s.redisError);
        break;
    }
    if (s.paused)
        setLight(m_forwardingLight, tr("Forwarding"), TerminalState::Degraded,
                 tr("PAUSED · %Ln waiting", nullptr, int(s.unpublished)));
    else if (s.held > 0)
        setLight(m_forwardingLight, tr("Forwarding"), TerminalState::Degraded,
                 tr("%Ln held: nobody listens on webhook_raw", nullptr, int(s.held)));
    else
        setLight(m_forwardingLight, tr("Forwarding"),
                 s.listening ? TerminalState::Up : TerminalState::Unknown,
                 s.expired > 0 ? tr("on · %Ln expired unforwarded", nullptr, int(s.expired))
                               : tr("on"));
}

void ReceiverHeader::showEngine()
{
    const int row = TerminalHealthModel::rowOf(QStringLiteral("T3"));
    const auto state =
        TerminalState(m_terminals->index(row, 0).data(TerminalHealthModel::StateRole).toInt());
    setLight(m_engineLight, tr("Engine (T3)"), state,
             state == TerminalState::Up ? tr("listening") : stateText(state),
             m_terminals->detail(QStringLiteral("T3")));
}

void ReceiverHeader::showUrls()
{
    while (QLayoutItem *item = m_urls->takeAt(0)) {
        delete item->widget();
        delete item->layout();
        delete item;
    }
    m_urlsPort = m_receiver->port();
    if (m_receiver->isRemote()) {
        auto *watching = new QLabel(
            tr("Monitor only: watching the receiver at %1").arg(m_receiver->listenUrl()), this);
        watching->setObjectName(QStringLiteral("webhookUrl"));
        m_urls->addWidget(watching);
        return;
    }
    if (!m_receiver->isRunning()) {
        m_urls->addWidget(new QLabel(tr("not listening"), this));
        return;
    }
    for (const WebhookUrl &url : WebhookUrl::forReceiver(m_receiver->settings(), m_urlsPort)) {
        auto *line = new QWidget(this);
        auto *row = new QHBoxLayout(line);
        row->setContentsMargins(0, 0, 0, 0);
        auto *text = new QLabel(url.shown, line);
        text->setObjectName(QStringLiteral("webhookUrl"));
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont mono = text->font();
        mono.setFamily(QStringLiteral("monospace"));
        text->setFont(mono);
        auto *copy = new QToolButton(line);
        copy->setText(tr("Copy"));
        copy->setToolTip(tr("Copy the URL with its token, to paste into the alert's Webhook URL"));
        const QString full = url.full;
        connect(copy, &QToolButton::clicked, this, [this, full] {
            QApplication::clipboard()->setText(full);
            Q_EMIT message(tr("Webhook URL copied (with its token): paste it into TradingView"));
        });
        row->addWidget(text);
        row->addWidget(copy);
        row->addStretch(1);
        m_urls->addWidget(line);
    }
    const bool reachable = WebhookUrl::portReachableByTradingView(m_urlsPort);
    m_portWarning->setVisible(!reachable);
    m_portWarning->setText(
        tr("<span style='color:%1'>TradingView only sends to ports 80 and 443:</span> "
           "File → TradingView setup shows the ways to get there from this port.")
            .arg(StatusColors::of(TerminalState::Degraded).name()));
}

QString ReceiverHeader::urlsText() const
{
    QStringList texts;
    for (const QLabel *label : findChildren<QLabel *>(QStringLiteral("webhookUrl")))
        texts.append(label->text());
    return texts.join(u'\n');
}

QString ReceiverHeader::lightsText() const
{
    QStringList texts;
    for (const QLabel *light : {m_receiverLight, m_redisLight, m_engineLight, m_forwardingLight})
        texts.append(light->text());
    return texts.join(u'\n');
}
