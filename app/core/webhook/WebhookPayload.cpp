#include "webhook/WebhookPayload.h"

#include "webhook/JsonObjectScanner.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace {

// No alert nests that deep; Qt accepts up to 1024 levels and the envelope adds one more, which
// neither Qt nor Terminal 3's json.loads would read back.
constexpr int maxDepth = 63;

bool nestedTooDeep(const QByteArray &json)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return true;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}

} // namespace

std::optional<WebhookPayload> WebhookPayload::parse(const QByteArray &body,
                                                    const QString &tokenField)
{
    if (nestedTooDeep(body))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;

    WebhookPayload payload;
    payload.json = body.trimmed();
    payload.object = document.object();
    // Cut token members one at a time; a body rarely has more than one.
    for (;;) {
        const auto members = JsonObjectScanner::scan(payload.json);
        if (!members)
            return std::nullopt;
        qsizetype index = -1;
        for (qsizetype i = 0; i < members->size() && index < 0; ++i) {
            if (members->at(i).key == tokenField)
                index = i;
        }
        if (index < 0)
            break;
        const JsonMember &m = members->at(index);
        const QByteArrayView value =
            QByteArrayView(payload.json).sliced(m.valueBegin, m.valueEnd - m.valueBegin);
        const auto text = JsonObjectScanner::decodeString(value);
        payload.bodyTokens.append(text ? text->toUtf8() : value.toByteArray());
        payload.json = JsonObjectScanner::removeMember(payload.json, *members, index);
    }
    payload.object.remove(tokenField);
    return payload;
}
