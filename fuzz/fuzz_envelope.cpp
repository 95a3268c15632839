// libFuzzer target: for every body accepted as a payload, the webhook_raw envelope is valid JSON
// whose "payload" is the parsed payload and whose keys come in the wire order (WIRE.md §2).
#include "webhook/Envelope.h"
#include "webhook/JsonObjectScanner.h"
#include "webhook/WebhookPayload.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_envelope: %s %s\n", what, detail.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto payload = WebhookPayload::parse(body, QStringLiteral("token"));
    if (!payload)
        return 0;

    const QByteArray envelope = Envelope::build(
        payload->json, QStringLiteral("2026-02-05T14:32:15.123456"), QStringLiteral("203.0.113.7"),
        QStringLiteral("00719491-4d8a-4a1e-bcdf-f73753c3ad0c"), QStringLiteral("vps-1:8888"));

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(envelope, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        fail("envelope is not a JSON object:", error.errorString().toUtf8());
    const QJsonObject object = document.object();
    if (!object.value(QStringLiteral("payload")).isObject())
        fail("envelope payload is not an object");
    if (object.value(QStringLiteral("payload")).toObject() != payload->object)
        fail("envelope payload differs from the parsed payload");

    // Key order as written (QJsonObject sorts its keys, so scan the bytes).
    const auto members = JsonObjectScanner::scan(envelope);
    if (!members || members->size() != 5)
        fail("envelope does not scan as five members");
    const QStringList order = {QStringLiteral("payload"), QStringLiteral("received_at"),
                               QStringLiteral("source_ip"), QStringLiteral("trace_id"),
                               QStringLiteral("receiver")};
    for (qsizetype i = 0; i < order.size(); ++i) {
        if (members->at(i).key != order.at(i))
            fail("envelope keys out of order");
    }
    return 0;
}
