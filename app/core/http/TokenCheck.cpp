#include "TokenCheck.h"

#include "EncodedSearch.h"
#include "webhook/JsonObjectScanner.h"

#include <algorithm>

namespace {

using Encoding = EncodedSearch::Encoding;
using Kind = EncodedSearch::Match::Kind;

// Enough of a token's beginning, at a cut, to be taken for it.
qsizetype cutPrefixLength(const QByteArray &token)
{
    return std::max<qsizetype>(1, std::min<qsizetype>(4, (token.size() + 3) / 4));
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
    // Decoding can only find more where there is something to decode.
    QList<Encoding> decoded;
    if (text.contains('\\'))
        decoded.append(Encoding::JsonEscapes);
    if (text.contains('%'))
        decoded.append(Encoding::Percent);
    if (m_spaced && (text.contains('+') || text.contains('%')))
        decoded.append(Encoding::Form);

    QList<Range> ranges;
    for (const QByteArray &token : m_valid) {
        if (token.isEmpty())
            continue;
        for (qsizetype at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1))
            ranges.append({at, at + token.size()});
        for (const Encoding encoding : std::as_const(decoded)) {
            for (qsizetype at = 0; at < text.size(); ++at) {
                const auto match = EncodedSearch::at(text, at, token, encoding);
                if (match.kind == Kind::Whole)
                    ranges.append({at, match.end});
                else if (cutAtEnd && match.kind == Kind::CutShort &&
                         match.matched >= cutPrefixLength(token))
                    ranges.append({at, text.size()});
            }
        }
        if (!cutAtEnd)
            continue;
        // As sent, only the last bytes can be a cut token's beginning.
        for (qsizetype at = std::max<qsizetype>(0, text.size() - token.size() + 1);
             at < text.size(); ++at) {
            const auto match = EncodedSearch::at(text, at, token, Encoding::Raw);
            if (match.kind == Kind::CutShort && match.matched >= cutPrefixLength(token))
                ranges.append({at, text.size()});
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

bool TokenCheck::holdsToken(QByteArrayView value, bool escaped) const
{
    const bool percent = value.contains('%') || (m_spaced && value.contains('+'));
    for (const QByteArray &token : m_valid) {
        if (token.isEmpty() || value.size() < token.size())
            continue; // no encoding makes a token shorter than it is
        if (!escaped && value.indexOf(token) >= 0)
            return true;
        if (!escaped && !percent)
            continue;
        for (qsizetype at = 0; at < value.size(); ++at) {
            const auto found = [&](Encoding encoding) {
                return EncodedSearch::at(value, at, token, encoding).kind == Kind::Whole;
            };
            if ((escaped && found(Encoding::JsonEscapes)) ||
                (percent && (found(Encoding::Percent) || (m_spaced && found(Encoding::Form)))))
                return true;
        }
    }
    return false;
}

std::optional<QByteArray> TokenCheck::redactJsonStrings(const QByteArray &json) const
{
    if (m_shortest == 0)
        return std::nullopt; // no token configured
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
