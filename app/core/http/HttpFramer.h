#pragma once

#include "http/RequestHead.h"

#include <QByteArray>
#include <QList>

// Follows one connection's byte stream request by request (head, then Content-Length bytes of
// body), so that every request of a keep-alive or pipelined connection is checked, strictly,
// before QHttpServer buffers it, and tells where each request ends (EdgeGuard hands QHttpServer
// one whole request at a time). Line ends must be CRLF; a bare CR or LF fails at once, without
// waiting for a head that would never end. At most two empty lines may precede a request line
// (RFC 9112 §2.2), and they count as the start of a request. Fed only bytes it has not seen yet.
class HttpFramer
{
public:
    struct Limits {
        qint64 maxBody = 64 * 1024;
        qsizetype maxHead = 16 * 1024;
        qsizetype maxRequestLine = 8 * 1024;
        int maxHeaders = 100;
    };
    enum class Verdict {
        Continue,
        BadRequest,          // 400
        MissingHost,         // 400
        UpgradeRefused,      // 400
        MethodNotAllowed,    // 405
        LengthRequired,      // 411
        PayloadTooLarge,     // 413
        UriTooLong,          // 414
        ExpectationFailed,   // 417
        HeadTooLarge,        // 431
        VersionNotSupported, // 505
    };
    // One request whose head and body have both arrived.
    struct Completed {
        qsizetype end = 0; // offset just past its last byte, in the bytes of this feed()
        RequestHead head;
    };
    // What one feed() found; heads are reported once complete (e.g. to answer
    // Expect: 100-continue), requests once their body is complete too.
    struct Event {
        Verdict verdict = Verdict::Continue;
        const char *why = ""; // what was wrong (static text), for the log
        int headsCompleted = 0;
        RequestHead lastHead;
        QList<Completed> completed;
    };

    explicit HttpFramer(Limits limits)
        : m_limits(limits)
    {}

    Event feed(QByteArrayView bytes);

    // A request has begun (any byte of it, an empty line before it included) and is not whole.
    bool inRequest() const { return m_prefix > 0 || !m_head.isEmpty() || m_bodyLeft > 0; }
    // The head of the request whose body is still arriving (valid while awaitingBody()).
    bool awaitingBody() const { return m_bodyLeft > 0; }
    const RequestHead &pendingHead() const { return m_pendingHead; }

private:
    Verdict finishHead(const RequestHead &head, const char **why);

    Limits m_limits;
    QByteArray m_head;       // head bytes of the current request so far
    int m_prefix = 0;        // bytes of empty lines before the current request line
    bool m_lineSeen = false; // the request line of m_head has ended
    qint64 m_bodyLeft = 0;   // body bytes of the current request still to come
    RequestHead m_pendingHead;
    bool m_failed = false;
};
