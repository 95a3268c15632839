#include "http/HttpFramer.h"

namespace {

// Two CRLFs: what RFC 9112 §2.2 asks a server to tolerate before a request line, and no more.
constexpr int maxPrefix = 4;

HttpFramer::Verdict verdictFor(RequestHead::Problem problem)
{
    using Problem = RequestHead::Problem;
    using Verdict = HttpFramer::Verdict;
    switch (problem) {
    case Problem::None: return Verdict::Continue;
    case Problem::BadRequest: return Verdict::BadRequest;
    case Problem::MissingHost: return Verdict::MissingHost;
    case Problem::UpgradeRefused: return Verdict::UpgradeRefused;
    case Problem::MethodNotAllowed: return Verdict::MethodNotAllowed;
    case Problem::LengthRequired: return Verdict::LengthRequired;
    case Problem::ExpectationFailed: return Verdict::ExpectationFailed;
    case Problem::FieldTooLarge: return Verdict::HeadTooLarge;
    case Problem::VersionNotSupported: return Verdict::VersionNotSupported;
    }
    return Verdict::BadRequest;
}

} // namespace

HttpFramer::Event HttpFramer::feed(QByteArrayView bytes)
{
    Event event;
    if (m_failed) {
        event.verdict = Verdict::BadRequest;
        event.why = "bytes after a refusal";
        return event;
    }
    const qsizetype total = bytes.size();
    const auto fail = [&](Verdict verdict, const char *why) {
        m_failed = true;
        event.verdict = verdict;
        event.why = why;
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
        // Empty lines before the request line: CR LF pairs only, at most two.
        if (m_head.isEmpty()) {
            while (!bytes.isEmpty()) {
                const char c = bytes.front();
                const bool crExpected = m_prefix % 2 == 0;
                if (crExpected && c != '\r' && c != '\n')
                    break;
                if (c != (crExpected ? '\r' : '\n'))
                    return fail(Verdict::BadRequest, crExpected ? "bare LF" : "bare CR");
                if (++m_prefix > maxPrefix)
                    return fail(Verdict::BadRequest, "empty lines instead of a request");
                bytes = bytes.sliced(1);
            }
            if (bytes.isEmpty())
                break;
        }
        // Up to the end of the head, byte by byte: every check fires at the byte that breaks
        // it, so the verdict cannot depend on how TCP split the stream.
        qsizetype used = 0;
        bool headEnded = false;
        const auto byteOfHead = [&](qsizetype k) {
            return k < m_head.size() ? m_head.at(k) : bytes[k - m_head.size()];
        };
        for (; used < bytes.size(); ++used) {
            const char c = bytes[used];
            const qsizetype at = m_head.size() + used; // this byte's offset in the head
            const char previous = at == 0 ? '\0' : byteOfHead(at - 1);
            if (!m_lineSeen && at > m_limits.maxRequestLine)
                return fail(Verdict::UriTooLong, "request line over the limit");
            if (at >= m_limits.maxHead)
                return fail(Verdict::HeadTooLarge, "head over the limit");
            if (c == '\n' && previous != '\r')
                return fail(Verdict::BadRequest, "bare LF");
            if (previous == '\r' && c != '\n')
                return fail(Verdict::BadRequest, "bare CR");
            if (c != '\n')
                continue;
            m_lineSeen = true;
            // The head ends at the LF of CR LF CR LF.
            if (at >= 3 && byteOfHead(at - 2) == '\n') {
                ++used;
                headEnded = true;
                break;
            }
        }
        m_head.append(bytes.first(used));
        bytes = bytes.sliced(used);
        if (!headEnded)
            continue;
        RequestHead head = RequestHead::parse(m_head);
        m_head.clear();
        m_lineSeen = false;
        m_prefix = 0;
        const char *why = "";
        event.verdict = finishHead(head, &why);
        ++event.headsCompleted;
        event.lastHead = head;
        if (event.verdict != Verdict::Continue)
            return fail(event.verdict, why);
        m_pendingHead = std::move(head);
        if (m_bodyLeft == 0)
            event.completed.append({total - bytes.size(), m_pendingHead});
    }
    return event;
}

HttpFramer::Verdict HttpFramer::finishHead(const RequestHead &head, const char **why)
{
    *why = head.why;
    if (head.headerCount() > m_limits.maxHeaders) {
        *why = "too many header fields";
        return Verdict::HeadTooLarge;
    }
    if (!head.isValid())
        return verdictFor(head.problem);
    const qint64 length = head.contentLength.value_or(0);
    if (length > m_limits.maxBody) {
        *why = "Content-Length over the limit";
        return Verdict::PayloadTooLarge;
    }
    m_bodyLeft = length;
    return Verdict::Continue;
}
