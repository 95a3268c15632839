#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// One top-level member of a JSON object, located by byte offsets in the original text.
struct JsonMember {
    QString key;        // decoded
    qsizetype keyBegin; // at the opening quote of the key
    qsizetype valueBegin;
    qsizetype valueEnd; // one past the value's last byte
};

// One backslash escape of a JSON string, decoded.
struct JsonEscape {
    char32_t code;    // a surrogate pair is one code point; a lone surrogate stays as it is
    qsizetype length; // bytes it took, backslash included
};

// Finds the top-level members of a JSON object without re-serialising anything, so that a
// member can be cut out while every other byte (number texts included) stays as sent.
// The text must already be known to be valid JSON (QJsonDocument checks that); on anything
// else it returns nullopt rather than guessing.
class JsonObjectScanner
{
public:
    static std::optional<QList<JsonMember>> scan(QByteArrayView json);
    // Decodes a JSON string literal (with its quotes); nullopt when it is not one.
    static std::optional<QString> decodeString(QByteArrayView literal);
    // Index one past the string literal starting at `begin` (a quote), or -1 when there is none
    // there. `escaped`, when given, tells whether the literal holds any backslash escape.
    static qsizetype stringEnd(QByteArrayView json, qsizetype begin, bool *escaped = nullptr);
    // The escape starting at `at` (a backslash); nullopt when it is not a whole valid one.
    static std::optional<JsonEscape> decodeEscape(QByteArrayView text, qsizetype at);
    // The text with `member` removed, separators mended.
    static QByteArray removeMember(QByteArrayView json, const QList<JsonMember> &members,
                                   qsizetype index);
};
