#pragma once

#include <QByteArrayList>

// Decides whether a request carries a valid webhook token. Tokens may come from several places
// (header, path, query, body); all that are present must agree, and the one they agree on must
// equal a configured token. Comparison takes the same time whatever the bytes.
class TokenCheck
{
public:
    explicit TokenCheck(QByteArrayList validTokens = {});

    bool required() const { return !m_valid.isEmpty(); }
    bool accepts(const QByteArrayList &presented) const;

    // `text` with every configured token replaced by ***, for what gets recorded.
    QByteArray redact(QByteArray text) const;

    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    QByteArrayList m_valid;
};
