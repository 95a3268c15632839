#pragma once

#include "receiver/AlertTemplate.h"
#include "receiver/TestAlert.h"

#include <QWizard>

class Application;
class PublicAddress;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

// From nothing to TradingView alerts flowing: where TradingView can reach this machine (ports
// 80/443, IPv4, no custom headers) and how to get there from here, the webhook URL with its
// token, the alert message with Aristobot3's fields, and a test alert followed from receipt to
// the engine. Opens at first run and from the menu.
class SetupAssistant : public QWizard
{
    Q_OBJECT
public:
    explicit SetupAssistant(Application *app, QWidget *parent = nullptr);

    // What the pages show and the copy buttons copy, for tests.
    QString urlShown() const;
    QString urlCopied() const;
    QString messageShown() const;
    QString messageCopied() const;
    QString constraintsText() const;
    QString testText() const;
    void setPublicAddress(const QString &ipv4);
    void setTokenInMessage(bool inMessage);
    void sendTestAlert();

Q_SIGNALS:
    void testFinished(bool ok);

private:
    QWizardPage *addressPage();
    QWizardPage *alertPage();
    QWizardPage *testPage();
    void showAddress();
    void showAlert();
    void createToken();
    enum class StepState { Waiting, Done, Failed };
    void showStep(TestAlert::Step step, StepState state, const QString &text);
    AlertTemplate alertTemplate() const;
    QString host() const;
    quint16 tradingViewPort() const;

    Application *m_app;
    PublicAddress *m_public;
    TestAlert *m_test;
    QLabel *m_tokenState;
    QPushButton *m_createToken;
    QLabel *m_localUrls;
    QLineEdit *m_publicAddress;
    QLabel *m_publicState;
    QLabel *m_constraints;
    QComboBox *m_tokenPlace;
    QComboBox *m_action;
    QSpinBox *m_userId;
    QSpinBox *m_exchangeId;
    QLineEdit *m_url;
    QPlainTextEdit *m_message;
    QList<QLabel *> m_steps; // one per TestAlert::Step
};
