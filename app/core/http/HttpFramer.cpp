#include "HttpFramer.h"

HttpFramer::Event HttpFramer::feed(QByteArrayView bytes)
{
    Event event;
    if (m_failed) {
        event.verdict = Verdict::BadRequest;
        return event;
    }
    while (!bytes.isEmpty()) {
        if (m_bodyLeft > 0) {
            const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size());
            m_bodyLeft -= take;
            bytes = bytes.sliced(take);
            continue;
        }
        // Blank lines between requests are tolerated (RFC 9112 §2.2).
        if (m_head.isEmpty()) {
            while (!bytes.isEmpty() && (bytes.front() == '\r' || bytes.front() == '\n'))
                bytes = bytes.sliced(1);
            if (bytes.isEmpty())
                break;
        }
        // Append up to the end of the head; search only across the seam and the new bytes.
        const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 3);
        const qsizetype room = m_limits.maxHead + 4 - m_head.size();
        const qsizetype chunk = std::min<qsizetype>(bytes.size(), std::max<qsizetype>(room, 0));
        m_head.append(bytes.first(chunk));
        qsizetype end = m_head.indexOf("\r\n\r\n", searchFrom);
        qsizetype endLength = 4;
        const qsizetype lfEnd = m_head.indexOf("\n\n", searchFrom);
        if (lfEnd >= 0 && (end < 0 || lfEnd < end)) {
            end = lfEnd;
            endLength = 2;
        }
        if (end < 0) {
            if (m_head.size() > m_limits.maxHead) {
                m_failed = true;
                event.verdict = Verdict::HeadTooLarge;
                return event;
            }
            bytes = bytes.sliced(chunk);
            continue;
        }
        const qsizetype headSize = end + endLength;
        // Bytes of the chunk that belong after the head go round the loop again as body.
        const qsizetype usedOfChunk = chunk - (m_head.size() - headSize);
        m_head.truncate(headSize);
        bytes = bytes.sliced(usedOfChunk);
        if (headSize > m_limits.maxHead) {
            m_failed = true;
            event.verdict = Verdict::HeadTooLarge;
            return event;
        }
        RequestHead head = RequestHead::parse(m_head);
        m_head.clear();
        event.verdict = finishHead(head);
        ++event.headsCompleted;
        event.lastHead = head;
        if (event.verdict != Verdict::Continue) {
            m_failed = true;
            return event;
        }
    }
    return event;
}

HttpFramer::Verdict HttpFramer::finishHead(RequestHead &head)
{
    if (head.malformed)
        return Verdict::BadRequest;
    if (head.chunked)
        return Verdict::LengthRequired;
    const qint64 length = head.contentLength.value_or(0);
    if (length > m_limits.maxBody)
        return Verdict::PayloadTooLarge;
    m_bodyLeft = length;
    return Verdict::Continue;
}
