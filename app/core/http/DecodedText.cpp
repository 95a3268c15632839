#include "http/DecodedText.h"

#include "webhook/JsonObjectScanner.h"

#include <QChar>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace {

using Encoding = DecodedText::Encoding;

// What one unit of the raw text (a byte, an escape) decodes to.
struct Unit {
    char bytes[4];
    int size = 1;         // decoded bytes
    qsizetype length = 1; // raw bytes
    bool cut = false;     // an escape that the end of the text may have cut short
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

// Whether `rest` (a backslash, to the end of the text) is the beginning of a \u escape.
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
    return encoding == Encoding::JsonEscapes ? jsonUnit(text, i)
                                             : percentUnit(text, i, encoding == Encoding::Form);
}

// Where the next byte that may start an escape is, from `i` on, or the text's size.
qsizetype nextEscape(QByteArrayView text, qsizetype i, Encoding encoding)
{
    const auto find = [&](char c) {
        const void *at = std::memchr(text.data() + i, c, size_t(text.size() - i));
        return at ? static_cast<const char *>(at) - text.data() : text.size();
    };
    switch (encoding) {
    case Encoding::JsonEscapes: return find('\\');
    case Encoding::Percent: return find('%');
    case Encoding::Form: return std::min(find('%'), find('+'));
    }
    return text.size();
}

// A stretch of the raw text and what it decodes to: a run of plain bytes (themselves), or one
// escape.
struct Piece {
    qsizetype rawAt;
    qsizetype rawLength;
    const char *bytes;
    qsizetype size;
    bool plain;
    bool cut;
};

// Calls visit(piece) from the start of the text on, while it returns true.
template <typename Visit> void walk(QByteArrayView raw, Encoding encoding, Visit visit)
{
    for (qsizetype i = 0; i < raw.size();) {
        const qsizetype next = nextEscape(raw, i, encoding);
        if (next > i) {
            if (!visit(Piece{i, next - i, raw.data() + i, next - i, true, false}))
                return;
            i = next;
            continue;
        }
        const Unit unit = unitAt(raw, i, encoding);
        if (!visit(Piece{i, unit.length, unit.bytes, unit.size, false, unit.cut}))
            return;
        i += unit.length;
    }
}

} // namespace

DecodedText::DecodedText(QByteArrayView raw, Encoding encoding)
    : m_raw(raw)
    , m_encoding(encoding)
{
    m_bytes.resize(raw.size());
    m_bytes.truncate(decode(raw, encoding, m_bytes.data(), &m_wholeSize));
}

qsizetype DecodedText::decode(QByteArrayView raw, Encoding encoding, char *out,
                              qsizetype *wholeSize)
{
    qsizetype size = 0;
    qsizetype whole = -1;
    walk(raw, encoding, [&](const Piece &piece) {
        // Only the last few bytes can be a cut escape: the rest of the text is part of it.
        if (piece.cut && whole < 0)
            whole = size;
        std::memcpy(out + size, piece.bytes, size_t(piece.size));
        size += piece.size;
        return true;
    });
    if (wholeSize)
        *wholeSize = whole < 0 ? size : whole;
    return size;
}

std::pair<qsizetype, qsizetype> DecodedText::rawRange(qsizetype begin, qsizetype end) const
{
    qsizetype decoded = 0;
    qsizetype rawBegin = -1;
    qsizetype rawEnd = m_raw.size();
    walk(m_raw, m_encoding, [&](const Piece &piece) {
        const qsizetype pieceEnd = decoded + piece.size;
        if (rawBegin < 0 && begin < pieceEnd)
            rawBegin = piece.plain ? piece.rawAt + (begin - decoded) : piece.rawAt;
        if (end <= pieceEnd) {
            rawEnd = piece.plain ? piece.rawAt + (end - decoded) : piece.rawAt + piece.rawLength;
            return false;
        }
        decoded = pieceEnd;
        return true;
    });
    return {std::max<qsizetype>(rawBegin, 0), rawEnd};
}
