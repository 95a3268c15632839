#pragma once

#include "monitor/models/WebhookHistoryModel.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

// Everything known of one webhook: where it came from, why it was let in or refused, each step
// from receipt to the engine's verdict with the time it took, and the payload as journaled. The
// actions (resend, copy as curl) are asked of whoever shows it.
class WebhookInspector : public QWidget
{
    Q_OBJECT
public:
    explicit WebhookInspector(QWidget *parent = nullptr);
    // Resend cannot be asked for (a receiver elsewhere): the button says why.
    void setResendUnavailable(const QString &reason);

    // Shows `details`; an empty trace id shows the "select a webhook" hint.
    void show(const WebhookHistoryModel::Details &details);
    const WebhookHistoryModel::Details &shown() const { return m_details; }

    // The texts shown, for tests: "Trace", "Source IP", "Authentication", ...
    QString field(const QString &name) const;
    QString payloadText() const;
    // One line per step: "Received", "Journaled", ... with its time and durations.
    QStringList lifecycle() const;

Q_SIGNALS:
    void resendRequested(const QString &traceId);
    void copyCurlRequested(const QByteArray &payload);

private:
    QLabel *addField(const QString &name);

    WebhookHistoryModel::Details m_details;
    QLabel *m_title;
    QLabel *m_hint;
    QWidget *m_body;
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_fields;
    QTreeWidget *m_steps;
    QPlainTextEdit *m_payload;
    QPushButton *m_resend;
    QString m_resendUnavailable;
    QPushButton *m_curl;
};
