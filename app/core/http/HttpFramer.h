#pragma once

#include "RequestHead.h"

#include <QByteArray>

// Follows one connection's byte stream request by request (head, then Content-Length bytes of
// body), so that every request of a keep-alive or pipelined connection is checked against the
// limits before QHttpServer buffers it. Fed only bytes it has not seen yet.
class HttpFramer
{
public:
    struct Limits {
        qint64 maxBody = 64 * 1024;
        qsizetype maxHead = 16 * 1024;
    };
    enum class Verdict { Continue, PayloadTooLarge, HeadTooLarge, LengthRequired, BadRequest };
    // Called for each head once complete (e.g. to answer Expect: 100-continue).
    struct Event {
        Verdict verdict = Verdict::Continue;
        int headsCompleted = 0;
        RequestHead lastHead;
    };

    explicit HttpFramer(Limits limits)
        : m_limits(limits)
    {}

    Event feed(QByteArrayView bytes);

private:
    Verdict finishHead(RequestHead &head);

    Limits m_limits;
    QByteArray m_head;     // head bytes of the current request so far
    qint64 m_bodyLeft = 0; // body bytes of the current request still to come
    bool m_failed = false;
};
