#pragma once

#include <QByteArray>
#include <QList>

#include <optional>
#include <utility>

// One HTTP/1.1 request head (request line + header fields), read strictly (RFC 9112) before
// QHttpServer sees a byte. Anything another HTTP/1.1 parser could read differently is a problem,
// not a guess: bare LF or CR, whitespace before a colon, obs-fold, a field name outside the token
// set, control bytes, two Content-Lengths, Transfer-Encoding, Upgrade, a target that is not a
// plain origin-form path. QHttpServer is then given canonical() of an accepted head, never the
// bytes the client sent.
struct RequestHead {
    enum class Problem {
        None,
        BadRequest,          // 400
        MissingHost,         // 400, HTTP/1.1 needs exactly one Host (RFC 9112 §3.2)
        UpgradeRefused,      // 400, protocol switches are not served
        MethodNotAllowed,    // 405, only GET and POST are routed
        LengthRequired,      // 411, Transfer-Encoding instead of Content-Length
        ExpectationFailed,   // 417, an Expect other than 100-continue
        FieldTooLarge,       // 431, one field over what QHttpServer takes (8 KiB)
        VersionNotSupported, // 505, HTTP/x.y other than 1.0 and 1.1
    };
    using Field = std::pair<QByteArray, QByteArray>; // name as sent, value without OWS

    QByteArray method;
    QByteArray target;
    QByteArray version;
    QList<Field> fields;
    std::optional<qint64> contentLength;
    bool expectContinue = false;
    bool connectionClose = false; // Connection: close, or HTTP/1.0 without keep-alive
    Problem problem = Problem::None;
    const char *why = ""; // what was wrong, for the log (static text)

    bool isValid() const { return problem == Problem::None; }
    int headerCount() const { return int(fields.size()); }

    // `head` is the block up to and including the blank line (CRLF CRLF).
    static RequestHead parse(QByteArrayView head);
    // The head as QHttpServer is given it: the request line, the end-to-end fields as parsed,
    // Content-Length when there is a body, nothing hop-by-hop.
    QByteArray canonical() const;

    // Largest name + ':' + value QHttpServer 6.4 reads; past it Qt drops every header.
    static constexpr qsizetype maxFieldSize = 8 * 1024;
};
