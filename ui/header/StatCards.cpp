#include "header/StatCards.h"

#include "StatusColors.h"
#include "monitor/MonitorService.h"
#include "monitor/models/PositionsModel.h"
#include "monitor/models/WebhookHistoryModel.h"

#include <QButtonGroup>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const char *windowKey(StatCards::Window window)
{
    switch (window) {
    case StatCards::Window::Week: return "7d";
    case StatCards::Window::Month: return "30d";
    case StatCards::Window::Day: break;
    }
    return "24h";
}

} // namespace

StatCards::StatCards(MonitorService *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_windows(new QButtonGroup(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    addCard(tr("Webhooks"), row);
    addCard(tr("Success rate"), row);
    addCard(tr("Errors"), row);
    addCard(tr("Positions"), row);

    auto *switcher = new QVBoxLayout;
    switcher->setSpacing(2);
    const QList<std::pair<Window, QString>> windows{
        {Window::Day, tr("24 h")}, {Window::Week, tr("7 d")}, {Window::Month, tr("30 d")}};
    for (const auto &[window, label] : windows) {
        auto *button = new QToolButton(this);
        button->setText(label);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setChecked(window == m_window);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_windows->addButton(button, int(window));
        switcher->addWidget(button);
    }
    m_windows->setExclusive(true);
    row->addLayout(switcher);
    connect(m_windows, &QButtonGroup::idClicked, this, [this](int id) { setWindow(Window(id)); });

    m_soon.setSingleShot(true);
    m_soon.setInterval(500);
    connect(&m_soon, &QTimer::timeout, this, &StatCards::refresh);
    const auto soon = [this] {
        if (!m_soon.isActive())
            m_soon.start();
    };
    connect(monitor, &MonitorService::figuresChanged, this, soon);
    connect(monitor->positions(), &QAbstractItemModel::dataChanged, this, soon);
    connect(monitor->positions(), &QAbstractItemModel::rowsInserted, this, soon);
    connect(monitor->positions(), &QAbstractItemModel::rowsRemoved, this, soon);
    connect(monitor->history(), &QAbstractItemModel::dataChanged, this, soon);
    connect(monitor->history(), &QAbstractItemModel::rowsInserted, this, soon);
    refresh();
}

StatCards::Card StatCards::addCard(const QString &title, QHBoxLayout *row)
{
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setObjectName(QStringLiteral("card"));
    auto *layout = new QVBoxLayout(frame);
    auto *name = new QLabel(title, frame);
    name->setEnabled(false);
    auto *value = new QLabel(frame);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    value->setFont(big);
    auto *subtitle = new QLabel(frame);
    subtitle->setEnabled(false);
    layout->addWidget(name);
    layout->addWidget(value);
    layout->addWidget(subtitle);
    row->addWidget(frame, 1);
    const Card card{value, subtitle};
    m_cards.insert(title, card);
    return card;
}

void StatCards::setWindow(Window window)
{
    m_window = window;
    if (QAbstractButton *button = m_windows->button(int(window)))
        button->setChecked(true);
    refresh();
}

QString StatCards::card(const QString &title) const
{
    const Card card = m_cards.value(title);
    return card.value ? card.value->text() + u'\n' + card.subtitle->text() : QString();
}

void StatCards::refresh()
{
    const QLocale locale;
    const QJsonObject figures = m_monitor->figures();
    const QLatin1String key(windowKey(m_window));
    const QJsonObject journal =
        figures.value(QLatin1String("windows")).toObject().value(key).toObject();
    const QJsonObject verdicts =
        figures.value(QLatin1String("verdicts")).toObject().value(key).toObject();
    const QJsonObject live = figures.value(QLatin1String("live")).toObject();

    const qint64 received = journal.value(QLatin1String("accepted")).toInteger() +
                            journal.value(QLatin1String("duplicates")).toInteger();
    Card card = m_cards.value(tr("Webhooks"));
    card.value->setText(locale.toString(received));
    card.subtitle->setText(
        tr("%1 forwarded · %2 rejected")
            .arg(locale.toString(journal.value(QLatin1String("forwarded")).toInteger()),
                 locale.toString(journal.value(QLatin1String("rejected")).toInteger())));

    const qint64 processed = verdicts.value(QLatin1String("processed")).toInteger();
    const qint64 errors = verdicts.value(QLatin1String("errors")).toInteger();
    const QJsonValue rate = verdicts.value(QLatin1String("success_rate"));
    card = m_cards.value(tr("Success rate"));
    card.value->setText(rate.isDouble() ? locale.toString(rate.toDouble() * 100, 'f', 1) + u'%'
                                        : QStringLiteral("—"));
    StatusColors::setTextColour(
        card.value, rate.isDouble()
                        ? StatusColors::of(rate.toDouble() >= 0.95  ? TerminalState::Up
                                           : rate.toDouble() >= 0.8 ? TerminalState::Degraded
                                                                    : TerminalState::Down)
                        : QColor());
    card.subtitle->setText(tr("%1 processed by the engine").arg(locale.toString(processed)));

    card = m_cards.value(tr("Errors"));
    card.value->setText(locale.toString(errors));
    StatusColors::setTextColour(card.value,
                                errors > 0 ? StatusColors::of(WebhookStatus::Error) : QColor());
    card.subtitle->setText(
        tr("%1 expired unforwarded")
            .arg(locale.toString(journal.value(QLatin1String("expired")).toInteger())));

    const double pnl = live.value(QLatin1String("unrealized_pnl")).toDouble();
    card = m_cards.value(tr("Positions"));
    card.value->setText(locale.toString(live.value(QLatin1String("open_positions")).toInteger()));
    card.subtitle->setText(
        tr("unrealised P&amp;L <b style='color:%1'>%2</b>")
            .arg(StatusColors::ofSigned(pnl, palette().color(QPalette::WindowText)).name(),
                 locale.toString(pnl, 'f', 2)));
}
