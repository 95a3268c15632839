#include "HttpFramer.h"

HttpFramer::Event HttpFramer::feed(QByteArrayView bytes)
{
    Event event;
    if (m_failed) {
        event.verdict = Verdict::BadRequest;
        return event;
    }
    const qsizetype total = bytes.size();
    const auto fail = [&](Verdict verdict) {
        m_failed = true;
        event.verdict = verdict;
        return event;
    };
    while (!bytes.isEmpty()) {
        if (m_bodyLeft > 0) {
            const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size());
            m_bodyLeft -= take;
            bytes = bytes.sliced(take);
            if (m_bodyLeft == 0)
                event.completed.append({total - bytes.size(), m_pendingHead});
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
        // A huge request line is refused as such (414) without waiting for the rest of the head.
        if (!m_lineSeen) {
            m_lineSeen = m_head.indexOf('\n', searchFrom) >= 0;
            if (!m_lineSeen && m_head.size() > m_limits.maxRequestLine)
                return fail(Verdict::UriTooLong);
        }
        qsizetype end = m_head.indexOf("\r\n\r\n", searchFrom);
        qsizetype endLength = 4;
        const qsizetype lfEnd = m_head.indexOf("\n\n", searchFrom);
        if (lfEnd >= 0 && (end < 0 || lfEnd < end)) {
            end = lfEnd;
            endLength = 2;
        }
        if (end < 0) {
            if (m_head.size() > m_limits.maxHead)
                return fail(Verdict::HeadTooLarge);
            bytes = bytes.sliced(chunk);
            continue;
        }
        const qsizetype headSize = end + endLength;
        // Bytes of the chunk that belong after the head go round the loop again as body.
        const qsizetype usedOfChunk = chunk - (m_head.size() - headSize);
        m_head.truncate(headSize);
        bytes = bytes.sliced(usedOfChunk);
        if (headSize > m_limits.maxHead)
            return fail(Verdict::HeadTooLarge);
        const qsizetype lineEnd = m_head.indexOf('\n');
        if (lineEnd > m_limits.maxRequestLine)
            return fail(Verdict::UriTooLong);
        RequestHead head = RequestHead::parse(m_head);
        m_head.clear();
        m_lineSeen = false;
        event.verdict = finishHead(head);
        ++event.headsCompleted;
        event.lastHead = head;
        if (event.verdict != Verdict::Continue)
            return fail(event.verdict);
        m_pendingHead = std::move(head);
        if (m_bodyLeft == 0)
            event.completed.append({total - bytes.size(), m_pendingHead});
    }
    return event;
}

HttpFramer::Verdict HttpFramer::finishHead(const RequestHead &head)
{
    if (head.malformed)
        return Verdict::BadRequest;
    if (head.headerCount > m_limits.maxHeaders)
        return Verdict::HeadTooLarge;
    if (head.version == "HTTP/1.1" && head.hostCount != 1)
        return Verdict::MissingHost;
    if (head.chunked)
        return Verdict::LengthRequired;
    const qint64 length = head.contentLength.value_or(0);
    if (length > m_limits.maxBody)
        return Verdict::PayloadTooLarge;
    m_bodyLeft = length;
    return Verdict::Continue;
}
