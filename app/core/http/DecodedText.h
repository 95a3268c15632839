#pragma once

#include <QByteArray>

#include <utility>

// A text as a reader of one encoding sees it, able to tell which raw bytes a decoded range came
// from, so that whatever encodes a token can be cut out of the raw text. JSON string escapes
// (\uXXXX with surrogate pairs, a lone half read as U+FFFD; \" \\ \/ \b \f \n \r \t) are decoded
// wherever they stand: a refused body need not be JSON, and its quotes may be anywhere. Percent
// decoding reads %XX, and in form encoding + as a space. Anything else stands for itself.
class DecodedText
{
public:
    enum class Encoding { JsonEscapes, Percent, Form };

    // `raw` must outlive this object.
    DecodedText(QByteArrayView raw, Encoding encoding);

    const QByteArray &bytes() const { return m_bytes; }
    // The decoded size without a last escape that the end of the text may have cut short
    // ("\u00", "%4"); bytes().size() when there is none.
    qsizetype wholeSize() const { return m_wholeSize; }
    // The raw range that decoded bytes [begin, end) came from, whole escapes included. Reads the
    // text again up to there: hits are rare, and nothing per byte needs keeping.
    std::pair<qsizetype, qsizetype> rawRange(qsizetype begin, qsizetype end) const;

    // Decodes `raw` into `out`, which has room for raw.size() bytes (no encoding makes a text
    // longer), and returns the decoded size; `wholeSize` as above. Nothing is allocated.
    static qsizetype decode(QByteArrayView raw, Encoding encoding, char *out,
                            qsizetype *wholeSize = nullptr);

private:
    QByteArrayView m_raw;
    Encoding m_encoding;
    QByteArray m_bytes;
    qsizetype m_wholeSize = 0;
};
