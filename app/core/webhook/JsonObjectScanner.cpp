#include "webhook/JsonObjectScanner.h"

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
    return i;
}

// Index one past the value starting at `i`, or -1. Nested containers are skipped by depth.
qsizetype skipValue(QByteArrayView s, qsizetype i)
{
    if (i >= s.size())
        return -1;
    if (s[i] == '"')
        return JsonObjectScanner::stringEnd(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = JsonObjectScanner::stringEnd(s, i);
                if (i < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if (c == '}' || c == ']')
                --depth;
            ++i;
            if (depth == 0)
                return i;
        }
        return -1;
    }
    const qsizetype begin = i;
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !isSpace(s[i]))
        ++i;
    return i > begin ? i : -1;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The four hex digits of a \u escape at `at` (the backslash), or -1.
int unicodeUnit(QByteArrayView s, qsizetype at)
{
    if (at + 6 > s.size() || s[at] != '\\' || s[at + 1] != 'u')
        return -1;
    int code = 0;
    for (qsizetype k = at + 2; k < at + 6; ++k) {
        const int h = hexValue(s[k]);
        if (h < 0)
            return -1;
        code = code * 16 + h;
    }
    return code;
}

} // namespace

std::optional<QList<JsonMember>> JsonObjectScanner::scan(QByteArrayView json)
{
    QList<JsonMember> members;
    qsizetype i = skipSpace(json, 0);
    if (i >= json.size() || json[i] != '{')
        return std::nullopt;
    i = skipSpace(json, i + 1);
    if (i < json.size() && json[i] == '}')
        return skipSpace(json, i + 1) == json.size() ? std::optional(members) : std::nullopt;
    while (i < json.size()) {
        JsonMember member;
        member.keyBegin = i;
        const qsizetype keyEnd = stringEnd(json, i);
        if (keyEnd < 0)
            return std::nullopt;
        const auto key = decodeString(json.sliced(i, keyEnd - i));
        if (!key)
            return std::nullopt;
        member.key = *key;
        i = skipSpace(json, keyEnd);
        if (i >= json.size() || json[i] != ':')
            return std::nullopt;
        member.valueBegin = skipSpace(json, i + 1);
        member.valueEnd = skipValue(json, member.valueBegin);
        if (member.valueEnd < 0)
            return std::nullopt;
        members.append(member);
        i = skipSpace(json, member.valueEnd);
        if (i >= json.size())
            return std::nullopt;
        if (json[i] == '}')
            return skipSpace(json, i + 1) == json.size() ? std::optional(members) : std::nullopt;
        if (json[i] != ',')
            return std::nullopt;
        i = skipSpace(json, i + 1);
    }
    return std::nullopt;
}

qsizetype JsonObjectScanner::stringEnd(QByteArrayView json, qsizetype begin, bool *escaped)
{
    if (escaped)
        *escaped = false;
    if (begin >= json.size() || json[begin] != '"')
        return -1;
    for (qsizetype i = begin + 1; i < json.size(); ++i) {
        if (json[i] == '\\') {
            ++i;
            if (escaped)
                *escaped = true;
        } else if (json[i] == '"') {
            return i + 1;
        } else if (static_cast<unsigned char>(json[i]) < 0x20) {
            return -1; // raw control character (NUL, tab, newline): not JSON, whatever Qt accepts
        }
    }
    return -1;
}

std::optional<JsonEscape> JsonObjectScanner::decodeEscape(QByteArrayView text, qsizetype at)
{
    if (at + 1 >= text.size() || text[at] != '\\')
        return std::nullopt;
    switch (text[at + 1]) {
    case '"': return JsonEscape{'"', 2};
    case '\\': return JsonEscape{'\\', 2};
    case '/': return JsonEscape{'/', 2};
    case 'b': return JsonEscape{'\b', 2};
    case 'f': return JsonEscape{'\f', 2};
    case 'n': return JsonEscape{'\n', 2};
    case 'r': return JsonEscape{'\r', 2};
    case 't': return JsonEscape{'\t', 2};
    case 'u': break;
    default: return std::nullopt;
    }
    const int unit = unicodeUnit(text, at);
    if (unit < 0)
        return std::nullopt;
    const char16_t high = char16_t(unit);
    if (QChar::isHighSurrogate(high)) {
        const int low = unicodeUnit(text, at + 6);
        if (low >= 0 && QChar::isLowSurrogate(char16_t(low)))
            return JsonEscape{QChar::surrogateToUcs4(high, char16_t(low)), 12};
    }
    return JsonEscape{char32_t(unit), 6};
}

std::optional<QString> JsonObjectScanner::decodeString(QByteArrayView literal)
{
    if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"')
        return std::nullopt;
    const QByteArrayView body = literal.sliced(1, literal.size() - 2);
    QByteArray utf8;
    QString out;
    for (qsizetype i = 0; i < body.size();) {
        if (body[i] != '\\') {
            utf8.append(body[i++]);
            continue;
        }
        const auto escape = decodeEscape(body, i);
        if (!escape)
            return std::nullopt;
        i += escape->length;
        out += QString::fromUtf8(utf8);
        utf8.clear();
        if (QChar::requiresSurrogates(escape->code))
            out += QString::fromUcs4(&escape->code, 1);
        else
            out += QChar(char16_t(escape->code)); // a lone surrogate half stays as sent
    }
    out += QString::fromUtf8(utf8);
    return out;
}

QByteArray JsonObjectScanner::removeMember(QByteArrayView json, const QList<JsonMember> &members,
                                           qsizetype index)
{
    const JsonMember &m = members.at(index);
    qsizetype from = m.keyBegin;
    qsizetype to = m.valueEnd;
    if (index + 1 < members.size())
        to = members.at(index + 1).keyBegin; // "a":1, "b":2 -> "b":2
    else if (index > 0)
        from = members.at(index - 1).valueEnd; // "a":1, "b":2 -> "a":1
    QByteArray out = json.toByteArray();
    out.remove(from, to - from);
    return out;
}
