#pragma once

#include <QByteArray>

#include <optional>

// What the edge needs to know of one HTTP request head (request line + headers), read before
// QHttpServer buffers anything: enough to refuse a request by its declared size.
struct RequestHead {
    QByteArray method;
    QByteArray target;
    QByteArray version;
    std::optional<qint64> contentLength;
    bool chunked = false;
    bool expectContinue = false;
    bool connectionClose = false;
    bool malformed = false; // unparseable line or conflicting/invalid Content-Length
    int headerCount = 0;
    int hostCount = 0; // HTTP/1.1 needs exactly one (RFC 9112 §3.2)

    // `head` is the block up to and including the blank line.
    static RequestHead parse(QByteArrayView head);
};
