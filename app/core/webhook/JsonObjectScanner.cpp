#include "JsonObjectScanner.h"

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

// Index one past the string literal starting at `i` (a quote), or -1.
qsizetype skipString(QByteArrayView s, qsizetype i)
{
    if (i >= s.size() || s[i] != '"')
        return -1;
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
        else if (static_cast<unsigned char>(s[i]) < 0x20)
            return -1; // raw control character (NUL, tab, newline): not JSON, whatever Qt accepts
    }
    return -1;
}

// Index one past the value starting at `i`, or -1. Nested containers are skipped by depth.
qsizetype skipValue(QByteArrayView s, qsizetype i)
{
    if (i >= s.size())
        return -1;
    if (s[i] == '"')
        return skipString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = skipString(s, i);
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
        const qsizetype keyEnd = skipString(json, i);
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

std::optional<QString> JsonObjectScanner::decodeString(QByteArrayView literal)
{
    if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"')
        return std::nullopt;
    const QByteArrayView body = literal.sliced(1, literal.size() - 2);
    QByteArray utf8;
    QString out;
    auto flush = [&] {
        out += QString::fromUtf8(utf8);
        utf8.clear();
    };
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '\\') {
            utf8.append(c);
            continue;
        }
        if (++i >= body.size())
            return std::nullopt;
        switch (body[i]) {
        case '"': utf8.append('"'); break;
        case '\\': utf8.append('\\'); break;
        case '/': utf8.append('/'); break;
        case 'b': utf8.append('\b'); break;
        case 'f': utf8.append('\f'); break;
        case 'n': utf8.append('\n'); break;
        case 'r': utf8.append('\r'); break;
        case 't': utf8.append('\t'); break;
        case 'u': {
            if (i + 4 >= body.size())
                return std::nullopt;
            int code = 0;
            for (int k = 1; k <= 4; ++k) {
                const int h = hexValue(body[i + k]);
                if (h < 0)
                    return std::nullopt;
                code = code * 16 + h;
            }
            i += 4;
            flush();
            out += QChar(char16_t(code)); // surrogate halves pair up in the QString
            break;
        }
        default: return std::nullopt;
        }
    }
    flush();
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
