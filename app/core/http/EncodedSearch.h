#pragma once

#include <QByteArrayView>

// Whether a byte string starts at a given place of a text that may carry it encoded: as sent,
// with JSON string escapes decoded (\uXXXX, surrogate pairs, \" \\ \/ \b \f \n \r \t), or
// percent-decoded (%XX; in form encoding also + for a space). A hit is a range of the raw text, so
// that whatever encodes the needle can be cut out. Escapes are decoded wherever they stand: a
// refused body need not be JSON, and its quotes may be anywhere. Nothing is allocated.
class EncodedSearch
{
public:
    enum class Encoding { Raw, JsonEscapes, Percent, Form };

    struct Match {
        enum class Kind {
            None,
            Whole,   // all of the needle, ending at raw index `end`
            CutShort // its first `matched` bytes, then the text ended (maybe inside an escape)
        };
        Kind kind = Kind::None;
        qsizetype end = 0;
        qsizetype matched = 0;
    };

    // The needle read from raw index `at` on, as `encoding` decodes the text.
    static Match at(QByteArrayView text, qsizetype at, QByteArrayView needle, Encoding encoding);
};
