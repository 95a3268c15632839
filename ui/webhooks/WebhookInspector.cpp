#include "webhooks/WebhookInspector.h"

#include "Language.h"
#include "StatusColors.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString clock(const QDateTime &at)
{
    return Language::dateTime(at.toUTC(), true);
}

QString duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("−%1 ms").arg(QLocale().toString(-ms)); // clocks of two machines
    if (ms < 10000)
        return QStringLiteral("+%1 ms").arg(QLocale().toString(ms));
    return QStringLiteral("+%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString authentication(const WebhookHistoryModel::Details &d)
{
    switch (d.status) {
    case WebhookStatus::Rejected:
        return QObject::tr("refused: %1")
            .arg(d.reason.isEmpty() ? QObject::tr("no reason") : d.reason);
    case WebhookStatus::Missed: return QObject::tr("none arrived: %1").arg(d.reason);
    case WebhookStatus::Duplicate:
        return QObject::tr("token accepted; the same payload came moments before: not forwarded");
    case WebhookStatus::Unknown: return QObject::tr("not received by this Terminal 6");
    default: break;
    }
    return d.receivedAt.isValid() && !d.sourceIp.isEmpty()
               ? QObject::tr("token accepted")
               : QObject::tr("not received by this Terminal 6");
}

} // namespace

WebhookInspector::WebhookInspector(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_hint(new QLabel(tr("Select a webhook to see its payload and its way to the engine."), this))
    , m_body(new QWidget(this))
    , m_form(new QFormLayout)
    , m_steps(new QTreeWidget(m_body))
    , m_payload(new QPlainTextEdit(m_body))
    , m_resend(new QPushButton(tr("Resend…"), m_body))
    , m_curl(new QPushButton(tr("Copy as curl"), m_body))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setEnabled(false);
    layout->addWidget(m_hint, 1);

    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const QString &name : {tr("Trace"), tr("Source IP"), tr("Receiver"), tr("Authentication"),
                                tr("Listeners"), tr("Order ID"), tr("Engine")})
        addField(name);
    body->addLayout(m_form);

    m_steps->setColumnCount(4);
    m_steps->setHeaderLabels({tr("Step"), tr("Time (UTC)"), tr("Since receipt"), tr("Step took")});
    m_steps->setRootIsDecorated(false);
    m_steps->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    // Five steps, always in view (no row exists yet to measure, so the font decides).
    m_steps->setFixedHeight(m_steps->header()->sizeHint().height() +
                            5 * (m_steps->fontMetrics().height() + 6) + 2 * m_steps->frameWidth() +
                            4);
    body->addWidget(m_steps);

    m_payload->setReadOnly(true);
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setPlaceholderText(tr("No payload here: not received by this Terminal 6."));
    body->addWidget(m_payload, 1);

    auto *buttons = new QHBoxLayout;
    m_resend->setToolTip(tr("Publish this expired webhook again, marked \"replayed\""));
    m_curl->setToolTip(tr("A curl command that sends this payload again (the token is read from "
                          "$WEBHOOK_TOKEN, never written out)"));
    buttons->addWidget(m_resend);
    buttons->addWidget(m_curl);
    buttons->addStretch(1);
    body->addLayout(buttons);
    layout->addWidget(m_body, 1);

    connect(m_resend, &QPushButton::clicked, this,
            [this] { Q_EMIT resendRequested(m_details.traceId); });
    connect(m_curl, &QPushButton::clicked, this,
            [this] { Q_EMIT copyCurlRequested(m_details.payload); });
    show(WebhookHistoryModel::Details());
}

QLabel *WebhookInspector::addField(const QString &name)
{
    auto *label = new QLabel(m_body);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    m_form->addRow(name, label);
    m_fields.insert(name, label);
    return label;
}

void WebhookInspector::show(const WebhookHistoryModel::Details &d)
{
    m_details = d;
    const bool empty = d.traceId.isEmpty() && !d.receivedAt.isValid();
    m_hint->setVisible(empty);
    m_body->setVisible(!empty);
    if (empty) {
        m_title->setText(tr("Inspector"));
        return;
    }
    const QStringList what{d.symbol, d.action};
    m_title->setText(QStringLiteral("%1 <span style='color:%2'>%3</span>")
                         .arg(what.join(QStringLiteral(" · ")).toHtmlEscaped(),
                              StatusColors::of(d.status).name(), statusText(d.status)));
    m_fields.value(tr("Trace"))
        ->setText(d.traceId.isEmpty() ? tr("none (the engine's verdict only)") : d.traceId);
    m_fields.value(tr("Source IP"))
        ->setText(d.sourceIp.isEmpty() ? QStringLiteral("—") : d.sourceIp);
    m_fields.value(tr("Authentication"))->setText(authentication(d));
    m_fields.value(tr("Listeners"))
        ->setText(d.listeners ? tr("%n on webhook_raw", nullptr, int(*d.listeners))
                              : QStringLiteral("—"));
    m_fields.value(tr("Order ID"))->setText(d.orderId.isEmpty() ? QStringLiteral("—") : d.orderId);
    m_fields.value(tr("Engine"))
        ->setText(d.errorMessage.isEmpty()
                      ? (isVerdict(d.status) ? statusText(d.status) : tr("no verdict yet"))
                      : tr("error: %1").arg(d.errorMessage));

    m_steps->clear();
    const QList<std::pair<QString, QDateTime>> steps{{tr("Received"), d.receivedAt},
                                                     {tr("Journaled"), d.journaledAt},
                                                     {tr("Streamed"), d.streamedAt},
                                                     {tr("Published"), d.publishedAt},
                                                     {tr("Engine verdict"), d.verdictAt}};
    QDateTime previous;
    for (const auto &[name, at] : steps) {
        auto *item = new QTreeWidgetItem(m_steps);
        item->setText(0, name);
        if (!at.isValid()) {
            item->setText(1, QStringLiteral("—"));
            item->setForeground(0, palette().color(QPalette::Disabled, QPalette::Text));
            continue;
        }
        item->setText(1, clock(at));
        if (d.receivedAt.isValid() && at != d.receivedAt)
            item->setText(2, duration(d.receivedAt.msecsTo(at)));
        if (previous.isValid())
            item->setText(3, duration(previous.msecsTo(at)));
        previous = at;
    }

    const QJsonDocument payload = QJsonDocument::fromJson(d.payload);
    m_payload->setPlainText(payload.isNull()
                                ? QString::fromUtf8(d.payload)
                                : QString::fromUtf8(payload.toJson(QJsonDocument::Indented)));
    m_resend->setEnabled(d.status == WebhookStatus::Expired && !d.traceId.isEmpty() &&
                         m_resendUnavailable.isEmpty());
    m_curl->setEnabled(!d.payload.isEmpty());
}

QString WebhookInspector::field(const QString &name) const
{
    const QLabel *label = m_fields.value(name);
    return label ? label->text() : QString();
}

QString WebhookInspector::payloadText() const
{
    return m_payload->toPlainText();
}

QStringList WebhookInspector::lifecycle() const
{
    QStringList lines;
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_steps->topLevelItem(i);
        QStringList cells;
        for (int column = 0; column < item->columnCount(); ++column)
            if (!item->text(column).isEmpty())
                cells.append(item->text(column));
        lines.append(cells.join(u' '));
    }
    return lines;
}

void WebhookInspector::setResendUnavailable(const QString &reason)
{
    if (reason == m_resendUnavailable)
        return;
    m_resendUnavailable = reason;
    m_resend->setToolTip(reason.isEmpty()
                             ? tr("Publish this expired webhook again, marked \"replayed\"")
                             : tr("Unavailable: %1").arg(reason));
    if (!reason.isEmpty())
        m_resend->setEnabled(false);
}
