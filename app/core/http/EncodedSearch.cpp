#include "EncodedSearch.h"

#include "webhook/JsonObjectScanner.h"

#include <QChar>

#include <charconv>

namespace {

using Encoding = EncodedSearch::Encoding;
using Match = EncodedSearch::Match;

// What one encoded unit of the raw text (a byte, an escape) decodes to.
struct Unit {
    char bytes[4];
    int size = 1;         // decoded bytes
    qsizetype length = 1; // raw bytes
    bool cut = false;     // an escape the end of the text may have cut short
};

int toUtf8(char32_t code, char *out)
{
    if (code < 0x80) {
        out[0] = char(code);
        return 1;
    }
    if (code < 0x800) {
        out[0] = char(0xc0 | (code >> 6));
        out[1] = char(0x80 | (code & 0x3f));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = char(0xe0 | (code >> 12));
        out[1] = char(0x80 | ((code >> 6) & 0x3f));
        out[2] = char(0x80 | (code & 0x3f));
        return 3;
    }
    out[0] = char(0xf0 | (code >> 18));
    out[1] = char(0x80 | ((code >> 12) & 0x3f));
    out[2] = char(0x80 | ((code >> 6) & 0x3f));
    out[3] = char(0x80 | (code & 0x3f));
    return 4;
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Whether `rest` (to the end of the text) is the beginning of a \u escape or pair.
bool beginsEscape(QByteArrayView rest)
{
    if (rest.size() < 2)
        return true;
    if (rest[1] != 'u')
        return false;
    for (qsizetype i = 2; i < rest.size() && i < 6; ++i) {
        if (!isHex(rest[i]))
            return false;
    }
    return true;
}

Unit jsonUnit(QByteArrayView text, qsizetype i)
{
    Unit unit{{text[i]}};
    if (text[i] != '\\')
        return unit;
    const auto escape = JsonObjectScanner::decodeEscape(text, i);
    if (!escape) {
        unit.cut = beginsEscape(text.sliced(i));
        return unit; // not an escape: the backslash stands for itself
    }
    const bool lone = QChar::isSurrogate(escape->code);
    // A high half at the very end may have lost its low half to the cut.
    unit.cut = lone && QChar::isHighSurrogate(escape->code) && text.size() - i < 12;
    unit.size = toUtf8(lone ? char32_t(QChar::ReplacementCharacter) : escape->code, unit.bytes);
    unit.length = escape->length;
    return unit;
}

Unit percentUnit(QByteArrayView text, qsizetype i, bool form)
{
    Unit unit{{text[i]}};
    if (form && text[i] == '+') {
        unit.bytes[0] = ' ';
        return unit;
    }
    if (text[i] != '%')
        return unit;
    unsigned char byte = 0;
    const char *digits = text.data() + i + 1;
    if (i + 3 <= text.size() && isHex(digits[0]) && isHex(digits[1]) &&
        std::from_chars(digits, digits + 2, byte, 16).ptr == digits + 2) {
        unit.bytes[0] = char(byte);
        unit.length = 3;
        return unit;
    }
    unit.cut = i + 3 > text.size() && (i + 1 == text.size() || isHex(digits[0]));
    return unit;
}

Unit unitAt(QByteArrayView text, qsizetype i, Encoding encoding)
{
    switch (encoding) {
    case Encoding::Raw: break;
    case Encoding::JsonEscapes: return jsonUnit(text, i);
    case Encoding::Percent: return percentUnit(text, i, false);
    case Encoding::Form: return percentUnit(text, i, true);
    }
    return Unit{{text[i]}};
}

// The needle from byte `skip` of the unit at `at` on (a needle may start inside what one \u
// escape decodes to).
Match matchFrom(QByteArrayView text, qsizetype at, int skip, QByteArrayView needle,
                Encoding encoding)
{
    qsizetype i = at;
    qsizetype matched = 0;
    while (matched < needle.size()) {
        if (i >= text.size())
            return {Match::Kind::CutShort, text.size(), matched};
        const Unit unit = unitAt(text, i, encoding);
        for (; skip < unit.size && matched < needle.size(); ++skip, ++matched) {
            if (unit.bytes[skip] != needle[matched])
                return unit.cut ? Match{Match::Kind::CutShort, text.size(), matched} : Match{};
        }
        skip = 0;
        i += unit.length;
    }
    return {Match::Kind::Whole, i, matched};
}

} // namespace

EncodedSearch::Match EncodedSearch::at(QByteArrayView text, qsizetype at, QByteArrayView needle,
                                       Encoding encoding)
{
    if (needle.isEmpty() || at < 0 || at >= text.size())
        return {};
    const Unit first = unitAt(text, at, encoding);
    Match best;
    for (int skip = 0; skip < first.size; ++skip) {
        if (first.bytes[skip] != needle[0] && !first.cut)
            continue; // the common case: nothing to follow
        const Match match = matchFrom(text, at, skip, needle, encoding);
        if (match.kind == Match::Kind::Whole)
            return match;
        if (match.kind == Match::Kind::CutShort && match.matched > best.matched)
            best = match;
    }
    return best;
}
