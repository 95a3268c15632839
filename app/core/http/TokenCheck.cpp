#include "http/TokenCheck.h"

#include "http/DecodedText.h"
#include "webhook/JsonObjectScanner.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cstring>

namespace {

using Encoding = DecodedText::Encoding;

// Where `needle` is in `haystack` from `from` on, or -1. glibc's memmem: a few times faster than
// QByteArrayView::indexOf on short texts, and this runs on every accepted payload.
qsizetype find(QByteArrayView haystack, QByteArrayView needle, qsizetype from = 0)
{
    if (haystack.size() - from < needle.size())
        return -1; // also keeps an empty text's null data away from memmem
    const void *at = memmem(haystack.data() + from, size_t(haystack.size() - from), needle.data(),
                            size_t(needle.size()));
    return at ? static_cast<const char *>(at) - haystack.data() : -1;
}

// Enough of a token's beginning, at a cut, to be taken for it.
qsizetype cutPrefixLength(const QByteArray &token)
{
    return std::max<qsizetype>(1, std::min<qsizetype>(4, (token.size() + 3) / 4));
}

// The length of the longest beginning of `token` (long enough to count) that `text` ends with,
// or 0.
qsizetype cutTokenLength(QByteArrayView text, const QByteArray &token)
{
    for (qsizetype n = std::min(text.size(), token.size() - 1); n >= cutPrefixLength(token); --n) {
        if (text.endsWith(QByteArrayView(token).first(n)))
            return n;
    }
    return 0;
}

// A replaced token can only expose another one if tokens hold escapes or "*": a few passes end
// that without looping forever on a token of stars.
constexpr int maxPasses = 4;

} // namespace

TokenCheck::TokenCheck(QByteArrayList validTokens)
    : m_valid(std::move(validTokens))
{
    for (const QByteArray &token : std::as_const(m_valid)) {
        if (token.isEmpty())
            continue; // in every text: nothing to redact
        m_spaced |= token.contains(' ');
        m_shortest = m_shortest ? std::min(m_shortest, token.size()) : token.size();
    }
}

bool TokenCheck::accepts(const QByteArrayList &presented) const
{
    if (!required())
        return true; // no token configured: the server listens on loopback only
    if (presented.isEmpty())
        return false;
    bool agree = true;
    for (const QByteArray &token : presented)
        agree &= constantTimeEquals(token, presented.constFirst());
    bool match = false;
    for (const QByteArray &valid : m_valid)
        match |= constantTimeEquals(presented.constFirst(), valid); // no early exit
    return agree && match;
}

bool TokenCheck::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Walk the longer of the two so the time depends on lengths only, never on content.
    const qsizetype n = std::max(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0;
}

QList<TokenCheck::Range> TokenCheck::tokenRanges(QByteArrayView text, bool cutAtEnd) const
{
    QList<Range> ranges;
    for (const QByteArray &token : m_valid) {
        if (token.isEmpty())
            continue;
        for (qsizetype at = find(text, token); at >= 0; at = find(text, token, at + 1))
            ranges.append({at, at + token.size()});
        if (const qsizetype n = cutAtEnd ? cutTokenLength(text, token) : 0)
            ranges.append({text.size() - n, text.size()});
    }
    // Decoding can only find more where there is something to decode.
    QList<Encoding> encodings;
    if (text.contains('\\'))
        encodings.append(Encoding::JsonEscapes);
    if (text.contains('%'))
        encodings.append(Encoding::Percent);
    if (m_spaced && (text.contains('+') || text.contains('%')))
        encodings.append(Encoding::Form);
    for (const Encoding encoding : std::as_const(encodings)) {
        const DecodedText decoded(text, encoding);
        const QByteArrayView bytes = decoded.bytes();
        for (const QByteArray &token : m_valid) {
            if (token.isEmpty())
                continue;
            for (qsizetype at = find(bytes, token); at >= 0; at = find(bytes, token, at + 1)) {
                const auto [begin, end] = decoded.rawRange(at, at + token.size());
                ranges.append({begin, end});
            }
            if (!cutAtEnd)
                continue;
            // Up to the end, or up to an escape the cut broke off.
            for (const qsizetype end : {bytes.size(), decoded.wholeSize()}) {
                if (const qsizetype n = cutTokenLength(bytes.first(end), token))
                    ranges.append({decoded.rawRange(end - n, end).first, text.size()});
            }
        }
    }
    return ranges;
}

QByteArray TokenCheck::redacted(QByteArray text, bool cutAtEnd) const
{
    for (int pass = 0; pass < maxPasses; ++pass) {
        QList<Range> ranges = tokenRanges(text, cutAtEnd);
        if (ranges.isEmpty())
            break;
        std::sort(ranges.begin(), ranges.end(),
                  [](const Range &a, const Range &b) { return a.begin < b.begin; });
        QByteArray out;
        out.reserve(text.size());
        qsizetype copied = 0;
        for (qsizetype i = 0; i < ranges.size();) {
            // Overlapping hits (two tokens, two encodings) become one ***.
            const qsizetype begin = ranges.at(i).begin;
            qsizetype end = ranges.at(i).end;
            for (++i; i < ranges.size() && ranges.at(i).begin < end; ++i)
                end = std::max(end, ranges.at(i).end);
            out.append(text.constData() + copied, begin - copied).append("***");
            copied = end;
        }
        out.append(text.constData() + copied, text.size() - copied);
        text = std::move(out);
    }
    return text;
}

QByteArray TokenCheck::redact(QByteArray text) const
{
    return redacted(std::move(text), false);
}

QByteArray TokenCheck::redactCapped(const QByteArray &text, qsizetype cap) const
{
    return redacted(text.left(cap), text.size() > cap);
}

bool TokenCheck::holdsRaw(QByteArrayView text) const
{
    for (const QByteArray &token : m_valid) {
        if (!token.isEmpty() && find(text, token) >= 0)
            return true;
    }
    return false;
}

bool TokenCheck::holdsToken(QByteArrayView value, bool escaped) const
{
    const auto decodedHolds = [&](Encoding encoding) {
        // On the stack for any usual value: the no-hit path allocates nothing.
        QVarLengthArray<char, 1024> decoded(value.size());
        return holdsRaw(
            QByteArrayView(decoded.data(), DecodedText::decode(value, encoding, decoded.data())));
    };
    // As sent too when escaped: "\u000aristo..." holds "aristo..." that its value does not.
    if (holdsRaw(value) || (escaped && decodedHolds(Encoding::JsonEscapes)))
        return true;
    if (value.contains('%') && decodedHolds(Encoding::Percent))
        return true;
    return m_spaced && (value.contains('+') || value.contains('%')) && decodedHolds(Encoding::Form);
}

std::optional<QByteArray> TokenCheck::redactJsonStrings(const QByteArray &json) const
{
    if (m_shortest == 0)
        return std::nullopt; // no token configured
    // The usual payload has nothing to decode: then only a token as sent needs looking for.
    const bool decodable =
        json.contains('\\') || json.contains('%') || (m_spaced && json.contains('+'));
    if (!decodable && !holdsRaw(json))
        return std::nullopt;
    std::optional<QByteArray> out;
    qsizetype copied = 0;
    for (qsizetype at = json.indexOf('"'); at >= 0; at = json.indexOf('"', at)) {
        bool escaped = false;
        qsizetype end = JsonObjectScanner::stringEnd(json, at, &escaped);
        // Not JSON from here on (the caller's promise broken): the rest counts as one value.
        const bool unterminated = end < 0;
        if (unterminated) {
            end = json.size();
            escaped = true;
        }
        const qsizetype valueLength = end - at - (unterminated ? 1 : 2);
        const QByteArrayView value = QByteArrayView(json).sliced(at + 1, valueLength);
        if (value.size() >= m_shortest && holdsToken(value, escaped)) {
            if (!out) {
                out.emplace();
                out->reserve(json.size());
            }
            out->append(json.constData() + copied, at - copied).append("\"***\"");
            copied = end;
        }
        at = end;
    }
    if (out)
        out->append(json.constData() + copied, json.size() - copied);
    return out;
}
