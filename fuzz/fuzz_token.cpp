// libFuzzer target: a body token is cut out of the payload (no top-level "token" member is left,
// every other byte stays, in order), and TokenCheck accepts/redacts consistently.
#include "http/TokenCheck.h"
#include "webhook/JsonObjectScanner.h"
#include "webhook/WebhookPayload.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_token: %s\n", what);
    std::abort();
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
    static const QByteArrayList valid = {QByteArrayLiteral("aristobot_webhook_secret_dev_2026"),
                                         QByteArrayLiteral("s3cr3t")};
    static const TokenCheck check(valid);

    const auto payload = WebhookPayload::parse(body, tokenField);

    // The check must agree with its own definition: all presented agree and match a valid one.
    const QByteArrayList presented = payload ? payload->bodyTokens : QByteArrayList{body};
    bool expected = !presented.isEmpty() && valid.contains(presented.constFirst());
    for (const QByteArray &token : presented)
        expected = expected && token == presented.constFirst();
    if (check.accepts(presented) != expected)
        fail("TokenCheck::accepts disagrees with its definition");

    // Nothing that is a configured token survives redaction.
    for (const QByteArray &text : {body, payload ? payload->json : QByteArray()}) {
        const QByteArray redacted = check.redact(text);
        for (const QByteArray &token : valid) {
            if (redacted.contains(token))
                fail("a configured token survives redact()");
        }
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
