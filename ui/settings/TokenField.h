#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

// A token in the settings dialog. The one in use is never shown (dots), only copied; a generated
// one is shown once, in clear, until the dialog closes, so it can be pasted into TradingView.
class TokenField : public QWidget
{
    Q_OBJECT
public:
    explicit TokenField(const QString &token, QWidget *parent = nullptr);

    QString value() const { return m_token; }
    void setValue(const QString &token, bool show);
    // A new random token (32 bytes, base64url: safe in a URL path and in JSON).
    static QString generate();

    QPushButton *generateButton() const { return m_generate; }
    QPushButton *copyButton() const { return m_copy; }

Q_SIGNALS:
    void changed(const QString &token);

private:
    QString m_token;
    QLineEdit *m_shown;
    QPushButton *m_generate;
    QPushButton *m_copy;
};
