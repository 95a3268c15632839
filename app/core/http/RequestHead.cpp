#include "http/RequestHead.h"

namespace {

using Problem = RequestHead::Problem;

bool isTchar(char c)
{
    // RFC 9110 §5.6.2: field names and methods.
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~': return true;
    default: return false;
    }
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// pchar / "/" / "?" of RFC 3986, percent-encoding well formed.
bool isOriginForm(QByteArrayView target)
{
    if (target.isEmpty() || target.front() != '/')
        return false;
    for (qsizetype i = 0; i < target.size(); ++i) {
        const char c = target[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            continue;
        switch (c) {
        case '-':
        case '.':
        case '_':
        case '~':
        case '!':
        case '$':
        case '&':
        case '\'':
        case '(':
        case ')':
        case '*':
        case '+':
        case ',':
        case ';':
        case '=':
        case ':':
        case '@':
        case '/':
        case '?': continue;
        case '%':
            if (i + 2 < target.size() && isHex(target[i + 1]) && isHex(target[i + 2])) {
                i += 2;
                continue;
            }
            return false;
        default: return false;
        }
    }
    return true;
}

// "." and ".." segments (also percent-encoded) mean different things to different normalisers.
bool hasDotSegment(QByteArrayView target)
{
    QByteArrayView path = target;
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path = path.first(query);
    QByteArray lowered = path.toByteArray().toLower();
    lowered.replace("%2e", ".");
    for (const QByteArray &segment : lowered.split('/')) {
        if (segment == "." || segment == "..")
            return true;
    }
    return false;
}

// host [":" port]: a reg-name, an IPv4 address or an IPv6 literal in brackets.
bool isHostValue(QByteArrayView value)
{
    if (value.isEmpty())
        return false;
    qsizetype end = value.size();
    if (value.front() == '[') {
        end = value.indexOf(']');
        if (end < 2)
            return false;
        for (char c : value.sliced(1, end - 1)) {
            if (!isHex(c) && c != ':' && c != '.')
                return false;
        }
        ++end;
    } else {
        const qsizetype colon = value.indexOf(':');
        end = colon < 0 ? value.size() : colon;
        if (end == 0)
            return false;
        for (char c : value.first(end)) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
            if (!ok)
                return false;
        }
    }
    if (end == value.size())
        return true;
    if (value[end] != ':' || end + 1 == value.size() || value.size() - end - 1 > 5)
        return false;
    for (char c : value.sliced(end + 1)) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool equalsIgnoreCase(QByteArrayView a, const char *b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

// Not forwarded to QHttpServer: the guard alone deals with the connection and the framing.
bool isHopByHop(QByteArrayView name)
{
    for (const char *hop : {"connection", "keep-alive", "proxy-connection", "te",
                            "transfer-encoding", "upgrade", "expect", "content-length"}) {
        if (equalsIgnoreCase(name, hop))
            return true;
    }
    return false;
}

QByteArrayView withoutOws(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}

RequestHead fail(RequestHead head, Problem problem, const char *why)
{
    head.problem = problem;
    head.why = why;
    return head;
}

} // namespace

RequestHead RequestHead::parse(QByteArrayView head)
{
    RequestHead result;
    if (!head.endsWith("\r\n\r\n"))
        return fail(result, Problem::BadRequest, "head does not end with CRLF CRLF");
    head.chop(2); // every line below ends with its own CRLF
    bool first = true;
    bool keepAlive = false;
    int hosts = 0;
    bool transferEncoding = false;
    while (!head.isEmpty()) {
        const qsizetype cr = head.indexOf('\r');
        if (cr < 0 || cr + 1 >= head.size() || head[cr + 1] != '\n')
            return fail(result, Problem::BadRequest, "line not ended by CRLF");
        const QByteArrayView line = head.first(cr);
        head = head.sliced(cr + 2);
        if (line.contains('\n'))
            return fail(result, Problem::BadRequest, "bare LF");
        for (char c : line) {
            // Control bytes other than HTAB, and DEL: never part of a request we serve.
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                return fail(result, Problem::BadRequest, "control character");
            if (static_cast<unsigned char>(c) >= 0x80)
                return fail(result, Problem::BadRequest, "non-ASCII byte in the head");
        }
        if (first) {
            first = false;
            const qsizetype sp1 = line.indexOf(' ');
            const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0 || line.contains('\t'))
                return fail(result, Problem::BadRequest,
                            "request line is not METHOD SP TARGET SP "
                            "VERSION");
            result.method = line.first(sp1).toByteArray();
            result.target = line.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
            result.version = line.sliced(sp2 + 1).toByteArray();
            if (!isToken(result.method))
                return fail(result, Problem::BadRequest, "method is not a token");
            if (result.version != "HTTP/1.1" && result.version != "HTTP/1.0") {
                const bool looksLikeHttp = result.version.size() == 8 &&
                                           result.version.startsWith("HTTP/") &&
                                           result.version[6] == '.';
                return fail(result,
                            looksLikeHttp ? Problem::VersionNotSupported : Problem::BadRequest,
                            "HTTP version");
            }
            if (!isOriginForm(result.target))
                return fail(result, Problem::BadRequest, "target is not an origin-form path");
            if (hasDotSegment(result.target))
                return fail(result, Problem::BadRequest, "dot segment in the path");
            continue;
        }
        if (line.front() == ' ' || line.front() == '\t')
            return fail(result, Problem::BadRequest, "obsolete line folding");
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return fail(result, Problem::BadRequest, "header field without a colon");
        const QByteArrayView name = line.first(colon);
        if (!isToken(name))
            return fail(result, Problem::BadRequest, "field name is not a token");
        if (line.size() > maxFieldSize)
            return fail(result, Problem::FieldTooLarge, "header field over 8 KiB");
        const QByteArrayView value = withoutOws(line.sliced(colon + 1));
        result.fields.append({name.toByteArray(), value.toByteArray()});

        if (equalsIgnoreCase(name, "content-length")) {
            bool digits = !value.isEmpty() && value.size() <= 18;
            for (char c : value)
                digits = digits && c >= '0' && c <= '9';
            if (!digits)
                return fail(result, Problem::BadRequest, "Content-Length is not a number");
            if (result.contentLength)
                return fail(result, Problem::BadRequest, "Content-Length twice");
            result.contentLength = value.toLongLong();
        } else if (equalsIgnoreCase(name, "transfer-encoding")) {
            transferEncoding = true;
        } else if (equalsIgnoreCase(name, "host")) {
            ++hosts;
            if (!isHostValue(value))
                return fail(result, Problem::BadRequest, "Host is not host[:port]");
        } else if (equalsIgnoreCase(name, "upgrade")) {
            return fail(result, Problem::UpgradeRefused, "Upgrade");
        } else if (equalsIgnoreCase(name, "expect")) {
            if (!equalsIgnoreCase(value, "100-continue"))
                return fail(result, Problem::ExpectationFailed, "Expect other than 100-continue");
            result.expectContinue = true;
        } else if (equalsIgnoreCase(name, "connection")) {
            for (const QByteArray &option : value.toByteArray().split(',')) {
                const QByteArrayView token = withoutOws(option);
                if (equalsIgnoreCase(token, "close"))
                    result.connectionClose = true;
                else if (equalsIgnoreCase(token, "keep-alive"))
                    keepAlive = true;
                else if (equalsIgnoreCase(token, "upgrade"))
                    return fail(result, Problem::UpgradeRefused, "Connection: upgrade");
            }
        }
    }
    if (first)
        return fail(result, Problem::BadRequest, "no request line");
    if (transferEncoding)
        return result.contentLength
                   ? fail(result, Problem::BadRequest, "Transfer-Encoding with Content-Length")
                   : fail(result, Problem::LengthRequired, "Transfer-Encoding");
    if (result.version == "HTTP/1.1" && hosts != 1)
        return fail(result, Problem::MissingHost, "Host missing or repeated");
    if (result.version == "HTTP/1.0" && hosts > 1)
        return fail(result, Problem::MissingHost, "Host repeated");
    if (result.version == "HTTP/1.0" && !keepAlive)
        result.connectionClose = true;
    if (result.method != "GET" && result.method != "POST")
        return fail(result, Problem::MethodNotAllowed, "method not routed");
    return result;
}

QByteArray RequestHead::canonical() const
{
    QByteArray out;
    out.reserve(target.size() + 64 + fields.size() * 32);
    out += method;
    out += ' ';
    out += target;
    out += ' ';
    out += version;
    out += "\r\n";
    for (const Field &field : fields) {
        if (isHopByHop(field.first))
            continue;
        out += field.first;
        out += ": ";
        out += field.second;
        out += "\r\n";
    }
    if (contentLength.value_or(0) > 0) {
        out += "Content-Length: ";
        out += QByteArray::number(*contentLength);
        out += "\r\n";
    }
    out += "\r\n";
    return out;
}
