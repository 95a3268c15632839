#include "TokenCheck.h"

TokenCheck::TokenCheck(QByteArrayList validTokens)
    : m_valid(std::move(validTokens))
{}

bool TokenCheck::accepts(const QByteArrayList &presented) const
{
    if (!required())
        return true; // no token configured: the server listens on loopback only
    if (presented.isEmpty())
        return false;
    bool agree = true;
    for (const QByteArray &token : presented)
        agree &= constantTimeEquals(token, presented.constFirst());
    bool match = false;
    for (const QByteArray &valid : m_valid)
        match |= constantTimeEquals(presented.constFirst(), valid); // no early exit
    return agree && match;
}

bool TokenCheck::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Walk the longer of the two so the time depends on lengths only, never on content.
    const qsizetype n = std::max(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0;
}

QByteArray TokenCheck::redact(QByteArray text) const
{
    for (const QByteArray &token : m_valid) {
        if (!token.isEmpty())
            text.replace(token, QByteArrayLiteral("***"));
    }
    return text;
}
