#include "SetupAssistant.h"

#include "StatusColors.h"

#include "Application.h"
#include "receiver/PublicAddress.h"
#include "receiver/ReceiverService.h"
#include "receiver/WebhookUrl.h"
#include "settings/TokenField.h"

#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace {

QLabel *paragraph(const QString &text = {})
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setOpenExternalLinks(true);
    return label;
}

QPushButton *copyButton(const QString &text, std::function<QString()> value, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    QObject::connect(button, &QPushButton::clicked, button,
                     [value] { QGuiApplication::clipboard()->setText(value()); });
    return button;
}

} // namespace

SetupAssistant::SetupAssistant(Application *app, QWidget *parent)
    : QWizard(parent)
    , m_app(app)
    , m_public(new PublicAddress(this))
    , m_test(new TestAlert(app->receiver(), this))
{
    setWindowTitle(tr("TradingView setup"));
    setWizardStyle(QWizard::ClassicStyle);
    addPage(addressPage());
    addPage(alertPage());
    addPage(testPage());
    connect(m_public, &PublicAddress::detected, this, [this](const QString &ipv4) {
        setPublicAddress(ipv4);
        m_publicState->setText(
            tr("Detected through %1.").arg(QLatin1String(PublicAddress::Service)));
    });
    connect(m_public, &PublicAddress::failed, this, [this](const QString &reason) {
        m_publicState->setText(
            tr("Could not detect it (%1): type it, as your router or provider shows it.")
                .arg(reason));
    });
    connect(app->receiver(), &ReceiverService::statusChanged, this, [this] { showAddress(); });
    showAddress();
    showAlert();
    resize(760, 620);
}

QWizardPage *SetupAssistant::addressPage()
{
    auto *page = new QWizardPage;
    page->setTitle(tr("Where TradingView sends"));
    auto *layout = new QVBoxLayout(page);
    m_tokenState = paragraph();
    m_tokenState->setObjectName(QStringLiteral("token-state"));
    m_createToken = new QPushButton(tr("Create a token and listen on every address"), page);
    m_createToken->setObjectName(QStringLiteral("create-token"));
    connect(m_createToken, &QPushButton::clicked, this, &SetupAssistant::createToken);
    layout->addWidget(m_tokenState);
    layout->addWidget(m_createToken, 0, Qt::AlignLeft);
    m_localUrls = paragraph();
    layout->addWidget(m_localUrls);
    auto *publicRow = new QHBoxLayout;
    m_publicAddress = new QLineEdit(page);
    m_publicAddress->setPlaceholderText(tr("public IPv4 address, e.g. 203.0.113.7"));
    auto *detect = new QPushButton(tr("Detect"), page);
    connect(detect, &QPushButton::clicked, m_public, &PublicAddress::detect);
    connect(m_publicAddress, &QLineEdit::textChanged, this, [this] { showAlert(); });
    publicRow->addWidget(new QLabel(tr("Public address:"), page));
    publicRow->addWidget(m_publicAddress, 1);
    publicRow->addWidget(detect);
    layout->addLayout(publicRow);
    m_publicState = paragraph();
    layout->addWidget(m_publicState);
    m_constraints = paragraph();
    layout->addWidget(m_constraints);
    layout->addStretch();
    return page;
}

QWizardPage *SetupAssistant::alertPage()
{
    auto *page = new QWizardPage;
    page->setTitle(tr("The alert in TradingView"));
    page->setSubTitle(
        tr("In TradingView's alert dialog: Notifications → Webhook URL, and the Message field."));
    auto *form = new QFormLayout(page);
    m_tokenPlace = new QComboBox(page);
    m_tokenPlace->addItems({tr("in the URL path"), tr("in the message")});
    m_action = new QComboBox(page);
    m_action->addItems(AlertTemplate::actions());
    m_action->setCurrentText(QStringLiteral("BuyMarket"));
    m_userId = new QSpinBox(page);
    m_userId->setRange(0, 1'000'000);
    m_userId->setValue(1);
    m_exchangeId = new QSpinBox(page);
    m_exchangeId->setRange(0, 1'000'000);
    m_exchangeId->setValue(1);
    m_url = new QLineEdit(page);
    m_url->setReadOnly(true);
    m_message = new QPlainTextEdit(page);
    m_message->setReadOnly(true);
    m_message->setFont(QFont(QStringLiteral("monospace")));
    m_message->setMinimumHeight(240);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(copyButton(
        tr("Copy URL"), [this] { return urlCopied(); }, page));
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(copyButton(
                              tr("Copy message"), [this] { return messageCopied(); }, page),
                          0, Qt::AlignTop);
    form->addRow(tr("Token:"), m_tokenPlace);
    form->addRow(tr("Action:"), m_action);
    form->addRow(QStringLiteral("UserID:"), m_userId);
    form->addRow(QStringLiteral("UserExchangeID:"), m_exchangeId);
    form->addRow(tr("Webhook URL:"), urlRow);
    form->addRow(tr("Message:"), messageRow);
    for (QComboBox *combo : {m_tokenPlace, m_action})
        connect(combo, &QComboBox::currentIndexChanged, this, [this] { showAlert(); });
    for (QSpinBox *spin : {m_userId, m_exchangeId})
        connect(spin, &QSpinBox::valueChanged, this, [this] { showAlert(); });
    return page;
}

QWizardPage *SetupAssistant::testPage()
{
    auto *page = new QWizardPage;
    page->setTitle(tr("Send a test alert"));
    page->setSubTitle(tr("A PING posted to this receiver as TradingView would, followed to the "
                         "engine's channel."));
    auto *layout = new QVBoxLayout(page);
    auto *send = new QPushButton(tr("Send a test alert"), page);
    send->setObjectName(QStringLiteral("send-test-alert"));
    connect(send, &QPushButton::clicked, this, &SetupAssistant::sendTestAlert);
    layout->addWidget(send, 0, Qt::AlignLeft);
    for (int i = 0; i < 4; ++i) {
        QLabel *step = paragraph();
        m_steps.append(step);
        layout->addWidget(step);
    }
    layout->addStretch();
    connect(m_test, &TestAlert::stepDone, this,
            [this](TestAlert::Step step, const QString &detail) {
                showStep(step, StepState::Done, detail);
            });
    connect(m_test, &TestAlert::failed, this, [this](TestAlert::Step step, const QString &reason) {
        showStep(step, StepState::Failed, reason);
    });
    connect(m_test, &TestAlert::finished, this, &SetupAssistant::testFinished);
    return page;
}

void SetupAssistant::sendTestAlert()
{
    for (int i = 0; i < m_steps.size(); ++i)
        showStep(TestAlert::Step(i), StepState::Waiting, QString());
    m_test->send();
}

void SetupAssistant::showStep(TestAlert::Step step, StepState state, const QString &text)
{
    static const char *const names[] = {
        QT_TR_NOOP("received by Terminal 6"), QT_TR_NOOP("streamed to Redis"),
        QT_TR_NOOP("published on webhook_raw"), QT_TR_NOOP("heard by the engine (listeners)")};
    const QString mark = state == StepState::Done     ? QStringLiteral("✔")
                         : state == StepState::Failed ? QStringLiteral("✘")
                                                      : QStringLiteral("…");
    const QString color = (state == StepState::Done     ? StatusColors::done()
                           : state == StepState::Failed ? StatusColors::failed()
                                                        : StatusColors::waiting())
                              .name();
    const QString name = tr(names[int(step)]);
    //: A test alert's step and what it found (French puts a space before the colon)
    const QString line = text.isEmpty() ? name : tr("%1: %2").arg(name, text);
    m_steps.at(int(step))->setText(QStringLiteral("<span style='color:%1'><b>%2</b> %3</span>")
                                       .arg(color, mark, line.toHtmlEscaped()));
}

QString SetupAssistant::testText() const
{
    QStringList lines;
    for (const QLabel *step : m_steps)
        lines.append(QTextDocumentFragment::fromHtml(step->text()).toPlainText());
    return lines.join(u'\n');
}

void SetupAssistant::createToken()
{
    Settings next = m_app->configured();
    next.tokens = {TokenField::generate().toUtf8()};
    const Application::Applied applied = m_app->applyAndSave(next);
    showAddress();
    showAlert();
    // The token works either way; say what did not (the port taken on every address, a file).
    QStringList problems;
    if (!applied.error.isEmpty())
        problems << tr("Still listening on 127.0.0.1 only: %1").arg(applied.error).toHtmlEscaped();
    if (!applied.saveError.isEmpty())
        problems << applied.saveError.toHtmlEscaped();
    if (!problems.isEmpty())
        m_tokenState->setText(problems.join(QStringLiteral("<br>")));
}

QString SetupAssistant::host() const
{
    const QString typed = m_publicAddress->text().trimmed();
    if (QHostAddress(typed).protocol() == QAbstractSocket::IPv4Protocol)
        return typed;
    const QList<WebhookUrl> local =
        WebhookUrl::forReceiver(m_app->settings(), m_app->receiver()->port());
    return QUrl(local.value(0).full).host();
}

quint16 SetupAssistant::tradingViewPort() const
{
    // TradingView calls 80 or 443 only: a receiver elsewhere is reached through a forward.
    const quint16 port = m_app->receiver()->port();
    if (WebhookUrl::portReachableByTradingView(port))
        return port;
    return m_app->settings().tlsCert.isEmpty() ? 80 : 443;
}

void SetupAssistant::showAddress()
{
    const Settings &settings = m_app->settings();
    const quint16 port = m_app->receiver()->port();
    if (settings.hasToken()) {
        m_tokenState->setText(tr("A token is set: TradingView's requests carry it, others get "
                                 "401. It is part of the URL below (masked; the copy button "
                                 "copies it whole)."));
        m_createToken->hide();
    } else {
        m_tokenState->setText(tr("<b>No token yet:</b> Terminal 6 then listens on 127.0.0.1 "
                                 "only, where TradingView cannot reach it."));
        m_createToken->show();
    }
    QStringList urls;
    for (const WebhookUrl &url : WebhookUrl::forReceiver(settings, port))
        urls.append(QStringLiteral("<code>%1</code>").arg(url.shown.toHtmlEscaped()));
    m_localUrls->setText(
        tr("Terminal 6 listens on port %1, at: %2").arg(port).arg(urls.join(QStringLiteral(", "))));

    QStringList how;
    how << tr("TradingView sends webhooks only to <b>ports 80 (http) and 443 (https)</b>, only "
              "to <b>IPv4</b> addresses, and with <b>no custom header</b>: the token goes in the "
              "URL path or in the message.");
    if (!WebhookUrl::portReachableByTradingView(port)) {
        how << tr("This receiver listens on port %1. Ways to get from 80/443 to it:").arg(port);
        how << QStringLiteral("<ul><li>") +
                   tr("<b>Router:</b> forward the public TCP port 80 (or 443) to this machine's "
                      "port %1.")
                       .arg(port) +
                   QStringLiteral("</li><li>") +
                   tr("<b>Listen on 80 here:</b> set the port to 80 in the settings, after "
                      "<code>sudo setcap cap_net_bind_service=+ep %1</code>, or run the systemd "
                      "unit (<code>terminal6.service</code>, which grants it).")
                       .arg(QCoreApplication::applicationFilePath().toHtmlEscaped()) +
                   QStringLiteral("</li><li>") +
                   tr("<b>nginx in front:</b> "
                      "<code>/usr/share/doc/terminal6/examples/nginx-terminal6.conf</code> serves "
                      "443 and forwards to port %1; start Terminal 6 with "
                      "<code>--trusted-proxy 127.0.0.1</code>.")
                       .arg(port) +
                   QStringLiteral("</li></ul>");
    }
    if (settings.tlsCert.isEmpty())
        how << tr("<b>HTTPS on 443:</b> give a certificate and key (--tls-cert, --tls-key) and "
                  "turn on <i>require-tradingview-cert</i>, so that only TradingView's servers, "
                  "which present their client certificate, get in.");
    else if (!settings.requireTradingViewCert)
        how << tr("HTTPS is on: turn on <i>require-tradingview-cert</i> so that only "
                  "TradingView's servers get in.");
    m_constraints->setText(how.join(QStringLiteral("<p>")));
}

AlertTemplate SetupAssistant::alertTemplate() const
{
    const Settings &settings = m_app->settings();
    AlertTemplate alert;
    alert.action = m_action->currentText();
    alert.userId = m_userId->value();
    alert.userExchangeId = m_exchangeId->value();
    if (m_tokenPlace->currentIndex() == 1 && settings.hasToken()) {
        alert.bodyTokenField = settings.bodyTokenField;
        alert.token = settings.tokens.constFirst();
    }
    return alert;
}

void SetupAssistant::showAlert()
{
    m_url->setText(urlShown());
    m_message->setPlainText(messageShown());
}

QString SetupAssistant::urlShown() const
{
    return WebhookUrl::forHost(m_app->settings(), host(), tradingViewPort(),
                               m_tokenPlace->currentIndex() == 0)
        .shown;
}

QString SetupAssistant::urlCopied() const
{
    return WebhookUrl::forHost(m_app->settings(), host(), tradingViewPort(),
                               m_tokenPlace->currentIndex() == 0)
        .full;
}

QString SetupAssistant::messageShown() const
{
    return alertTemplate().message(true);
}

QString SetupAssistant::messageCopied() const
{
    return alertTemplate().message(false);
}

QString SetupAssistant::constraintsText() const
{
    return QTextDocumentFragment::fromHtml(m_constraints->text()).toPlainText();
}

void SetupAssistant::setPublicAddress(const QString &ipv4)
{
    m_publicAddress->setText(ipv4);
}

void SetupAssistant::setTokenInMessage(bool inMessage)
{
    m_tokenPlace->setCurrentIndex(inMessage ? 1 : 0);
}
