// libFuzzer target: a body token is cut out of the payload (no top-level "token" member is left,
// every other byte stays, in order), and TokenCheck accepts/redacts consistently: after redact(),
// redactCapped() and redactJsonStrings() no configured token is left in the text as it is, in its
// JSON-unescaped form or in its percent-decoded form, nor a token's beginning where a cap cut it.
#include "http/TokenCheck.h"
#include "webhook/JsonObjectScanner.h"
#include "webhook/WebhookPayload.h"

#include <QChar>
#include <QJsonDocument>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_token: %s\n", what);
    std::abort();
}

// The whole text with every valid JSON escape decoded (a lone surrogate half as U+FFFD), anything
// else as it is: written plainly here, not with the code under test's search.
QByteArray jsonDecoded(QByteArrayView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size();) {
        const auto escape =
            text[i] == '\\' ? JsonObjectScanner::decodeEscape(text, i) : std::nullopt;
        if (!escape) {
            out.append(text[i++]);
            continue;
        }
        const char32_t code =
            QChar::isSurrogate(escape->code) ? char32_t(QChar::ReplacementCharacter) : escape->code;
        out += QString::fromUcs4(&code, 1).toUtf8();
        i += escape->length;
    }
    return out;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The whole text with every %XX decoded.
QByteArray percentDecoded(QByteArrayView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hexDigit(text[i + 1]) >= 0 &&
            hexDigit(text[i + 2]) >= 0) {
            out.append(char(hexDigit(text[i + 1]) * 16 + hexDigit(text[i + 2])));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

// Whether `text` ends with enough of a token's beginning to give it away (TokenCheck's rule).
bool endsWithTokenStart(QByteArrayView text, QByteArrayView token)
{
    const qsizetype least = std::max<qsizetype>(1, std::min<qsizetype>(4, (token.size() + 3) / 4));
    for (qsizetype n = least; n < token.size(); ++n) {
        if (text.endsWith(token.first(n)))
            return true;
    }
    return false;
}

void checkRedacted(const QByteArray &redacted, const QByteArrayList &valid, bool cut,
                   const char *what)
{
    for (const QByteArray &form : {redacted, jsonDecoded(redacted), percentDecoded(redacted)}) {
        for (const QByteArray &token : valid) {
            if (form.contains(token) || (cut && endsWithTokenStart(form, token))) {
                std::fprintf(stderr, "fuzz_token: after %s: %s\n", what, redacted.constData());
                fail("a configured token survives redaction");
            }
        }
    }
}

bool isSubsequence(QByteArrayView part, QByteArrayView whole)
{
    qsizetype j = 0;
    for (qsizetype i = 0; i < whole.size() && j < part.size(); ++i) {
        if (whole[i] == part[j])
            ++j;
    }
    return j == part.size();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString tokenField = QStringLiteral("token");
    // The third one has 2-, 3- and 4-byte UTF-8 characters (\\u escapes, a surrogate pair).
    static const QByteArrayList valid = {QByteArrayLiteral("aristobot_webhook_secret_dev_2026"),
                                         QByteArrayLiteral("s3cr3t"),
                                         QString::fromUtf8("jet\u00e9\u20ac\U0001F600n").toUtf8()};
    static const TokenCheck check(valid);

    const auto payload = WebhookPayload::parse(body, tokenField);

    // The check must agree with its own definition: all presented agree and match a valid one.
    const QByteArrayList presented = payload ? payload->bodyTokens : QByteArrayList{body};
    bool expected = !presented.isEmpty() && valid.contains(presented.constFirst());
    for (const QByteArray &token : presented)
        expected = expected && token == presented.constFirst();
    if (check.accepts(presented) != expected)
        fail("TokenCheck::accepts disagrees with its definition");

    // Nothing that is a configured token, in any of the forms searched, survives redaction.
    for (const QByteArray &text : {body, payload ? payload->json : QByteArray()})
        checkRedacted(check.redact(text), valid, false, "redact()");
    // The cap falls anywhere, inside an escape or a token too.
    const qsizetype cap = body.isEmpty() ? 0 : uchar(body.back()) % (body.size() + 1);
    checkRedacted(check.redactCapped(body, cap), valid, body.size() > cap, "redactCapped()");
    if (payload) {
        const auto redacted = check.redactJsonStrings(payload->json);
        // Valid JSON holds a token only in string literals: none is left, and it is still JSON.
        checkRedacted(redacted.value_or(payload->json), valid, false, "redactJsonStrings()");
        if (redacted && !QJsonDocument::fromJson(*redacted).isObject())
            fail("redactJsonStrings() made the payload something else than a JSON object");
    }

    if (!payload)
        return 0;
    const auto members = JsonObjectScanner::scan(payload->json);
    if (!members)
        fail("parsed payload json no longer scans as an object");
    for (const JsonMember &member : *members) {
        if (member.key == tokenField)
            fail("a top-level token member is left in the payload json");
    }
    if (payload->object.contains(tokenField))
        fail("a token member is left in the payload object");
    if (!isSubsequence(payload->json, body))
        fail("payload json is not the body with members removed");
    return 0;
}
