#pragma once

#include <QByteArrayList>

#include <optional>

// Decides whether a request carries a valid webhook token. Tokens may come from several places
// (header, path, query, body); all that are present must agree, and the one they agree on must
// equal a configured token. Comparison takes the same time whatever the bytes.
// It also keeps the configured tokens out of what gets recorded, in whatever form they came.
class TokenCheck
{
public:
    explicit TokenCheck(QByteArrayList validTokens = {});

    bool required() const { return !m_valid.isEmpty(); }
    bool accepts(const QByteArrayList &presented) const;

    // `text` with every configured token replaced by ***: as sent, JSON-escaped or
    // percent-encoded (the raw bytes that encode it are replaced).
    QByteArray redact(QByteArray text) const;
    // The first `cap` bytes of `text`, redacted; when that cut the text, a configured token's
    // beginning left at the end (4 bytes of it, or a quarter of a shorter one) goes as well.
    QByteArray redactCapped(const QByteArray &text, qsizetype cap) const;
    // Valid JSON with every string literal (key or value) whose decoded value holds a configured
    // token (also percent-encoded) replaced by "***", every other byte kept; nullopt when none
    // does. That path allocates nothing (values up to 1 KiB are decoded on the stack), and when
    // `json` has nothing to decode (no \ or %) it is two memchr and one memmem per token.
    std::optional<QByteArray> redactJsonStrings(const QByteArray &json) const;

    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    struct Range {
        qsizetype begin;
        qsizetype end;
    };
    QList<Range> tokenRanges(QByteArrayView text, bool cutAtEnd) const;
    QByteArray redacted(QByteArray text, bool cutAtEnd) const;
    bool holdsRaw(QByteArrayView text) const;
    bool holdsToken(QByteArrayView value, bool escaped) const;

    QByteArrayList m_valid;
    bool m_spaced = false;    // a token with a space: form encoding (+) is searched too
    qsizetype m_shortest = 0; // the shortest token's length; 0 when none is configured
};
