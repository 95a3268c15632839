#include "RequestHead.h"

#include <QList>

namespace {

QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.chop(1);
    return s;
}

bool equalsIgnoreCase(QByteArrayView a, const char *b)
{
    return QByteArrayView(a).compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

} // namespace

RequestHead RequestHead::parse(QByteArrayView head)
{
    RequestHead result;
    qsizetype lineStart = 0;
    bool first = true;
    while (lineStart < head.size()) {
        qsizetype end = head.indexOf('\n', lineStart);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = trimmed(head.sliced(lineStart, end - lineStart));
        lineStart = end + 1;
        if (line.isEmpty())
            break;
        if (first) {
            first = false;
            const auto parts = QByteArray(line.data(), line.size()).split(' ');
            if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() ||
                !parts[2].startsWith("HTTP/")) {
                result.malformed = true;
                return result;
            }
            result.method = parts[0];
            result.target = parts[1];
            result.version = parts[2];
            result.connectionClose = result.version == "HTTP/1.0";
            continue;
        }
        ++result.headerCount;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            result.malformed = true;
            return result;
        }
        const QByteArrayView name = trimmed(line.first(colon));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (equalsIgnoreCase(name, "content-length")) {
            bool ok = !value.isEmpty();
            for (char c : value)
                ok &= c >= '0' && c <= '9';
            const qint64 length = ok && value.size() <= 18 ? value.toLongLong(&ok) : -1;
            if (!ok || length < 0 || (result.contentLength && *result.contentLength != length)) {
                result.malformed = true;
                return result;
            }
            result.contentLength = length;
        } else if (equalsIgnoreCase(name, "transfer-encoding")) {
            result.chunked = result.chunked || !equalsIgnoreCase(value, "identity");
        } else if (equalsIgnoreCase(name, "host")) {
            ++result.hostCount;
        } else if (equalsIgnoreCase(name, "expect")) {
            result.expectContinue = equalsIgnoreCase(value, "100-continue");
        } else if (equalsIgnoreCase(name, "connection")) {
            if (equalsIgnoreCase(value, "close"))
                result.connectionClose = true;
            else if (equalsIgnoreCase(value, "keep-alive"))
                result.connectionClose = false;
        }
    }
    if (first)
        result.malformed = true;
    return result;
}
