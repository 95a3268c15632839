#include "TokenField.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>

TokenField::TokenField(const QString &token, QWidget *parent)
    : QWidget(parent)
    , m_shown(new QLineEdit(this))
    , m_generate(new QPushButton(tr("Generate"), this))
    , m_copy(new QPushButton(tr("Copy"), this))
{
    m_shown->setReadOnly(true);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_shown, 1);
    row->addWidget(m_generate);
    row->addWidget(m_copy);
    connect(m_generate, &QPushButton::clicked, this, [this] { setValue(generate(), true); });
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_token); });
    setValue(token, false);
}

void TokenField::setValue(const QString &token, bool show)
{
    m_token = token;
    m_copy->setEnabled(!token.isEmpty());
    // Not shown: the widget does not even hold it (no accessibility read, no screenshot).
    m_shown->setText(show || token.isEmpty() ? token : tr("•••••••• (set)"));
    m_shown->setPlaceholderText(tr("not set"));
    m_shown->setToolTip(show ? tr("Shown this once: copy it now, it is not shown again")
                             : QString());
    Q_EMIT changed(token);
}

QString TokenField::generate()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof words)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
