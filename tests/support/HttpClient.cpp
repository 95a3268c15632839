#include "support/HttpClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

#include <optional>

namespace {

enum class Parse { NeedMore, Done, Invalid };

// Decodes a complete chunked body from `data`; nullopt while incomplete, empty optional value
// with `invalid` set when it cannot be chunked encoding.
std::optional<QByteArray> dechunk(QByteArrayView data, bool &invalid)
{
    QByteArray body;
    qsizetype at = 0;
    for (;;) {
        const qsizetype lineEnd = data.indexOf("\r\n", at);
        if (lineEnd < 0)
            return std::nullopt;
        QByteArrayView sizeText = data.sliced(at, lineEnd - at);
        const qsizetype semicolon = sizeText.indexOf(';');
        if (semicolon >= 0)
            sizeText = sizeText.first(semicolon);
        bool ok = false;
        const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0) {
            invalid = true;
            return std::nullopt;
        }
        at = lineEnd + 2;
        if (size == 0) {
            // Trailers, then the blank line.
            const qsizetype end = data.indexOf("\r\n", at);
            if (end < 0)
                return std::nullopt;
            if (end == at)
                return body;
            const qsizetype trailersEnd = data.indexOf("\r\n\r\n", at);
            if (trailersEnd < 0)
                return std::nullopt;
            return body;
        }
        if (data.size() < at + size + 2)
            return std::nullopt;
        body += data.sliced(at, size);
        at += size + 2;
    }
}

// Reads responses from `buffer`; returns Done with `response` filled once a final one is whole.
Parse parseResponse(QByteArray &buffer, bool connectionClosed, bool headRequest,
                    HttpResponse &response)
{
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return Parse::NeedMore;
        const QList<QByteArray> lines = buffer.first(headEnd).split('\n');
        const QList<QByteArray> statusParts = lines.constFirst().trimmed().split(' ');
        bool ok = false;
        const int status = statusParts.size() >= 2 ? statusParts.at(1).toInt(&ok) : 0;
        if (!statusParts.constFirst().startsWith("HTTP/") || !ok || status < 100 || status > 999)
            return Parse::Invalid;

        QList<QPair<QByteArray, QByteArray>> headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return Parse::Invalid;
            headers.append({line.first(colon).trimmed(), line.sliced(colon + 1).trimmed()});
        }
        const qsizetype bodyStart = headEnd + 4;

        if (status < 200) { // 100 Continue and friends: the final response follows
            buffer.remove(0, bodyStart);
            continue;
        }

        response.status = status;
        response.headers = headers;
        const QByteArray contentLength = response.header("Content-Length");
        const bool chunked =
            response.header("Transfer-Encoding").toLower().contains(QByteArrayLiteral("chunked"));
        if (headRequest || status == 204 || status == 304)
            return Parse::Done;
        if (chunked) {
            bool invalid = false;
            const auto body = dechunk(QByteArrayView(buffer).sliced(bodyStart), invalid);
            if (invalid)
                return Parse::Invalid;
            if (!body)
                return Parse::NeedMore;
            response.body = *body;
            return Parse::Done;
        }
        if (!contentLength.isEmpty()) {
            const qint64 length = contentLength.toLongLong(&ok);
            if (!ok || length < 0)
                return Parse::Invalid;
            if (buffer.size() - bodyStart < length)
                return Parse::NeedMore;
            response.body = buffer.sliced(bodyStart, length);
            return Parse::Done;
        }
        // No length: the body runs to the end of the connection.
        if (!connectionClosed)
            return Parse::NeedMore;
        response.body = buffer.sliced(bodyStart);
        return Parse::Done;
    }
}

HttpResponse exchange(quint16 port, const QByteArray &bytes, bool headRequest, int timeoutMs)
{
    HttpResponse response;
    const QDeadlineTimer deadline(timeoutMs);
    // A thread's first event loop creates its event dispatcher; a socket made before it has no
    // notifiers and never sees its connection complete (the first request of every std::thread
    // timed out).
    {
        QEventLoop makesTheDispatcher;
    }
    QTcpSocket socket;
    QByteArray buffer;
    bool closed = false;
    bool timedOut = false;

    // Runs the event loop until the socket reports something or the deadline passes.
    const auto waitForSocket = [&] {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::connected, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
        const qint64 left = deadline.remainingTime();
        if (left <= 0) {
            timedOut = true;
            return;
        }
        timer.start(int(left));
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        if (deadline.hasExpired())
            timedOut = true;
    };

    socket.connectToHost(QHostAddress::LocalHost, port);
    while (socket.state() != QAbstractSocket::ConnectedState) {
        if (socket.state() == QAbstractSocket::UnconnectedState) {
            response.error =
                QStringLiteral("cannot connect to port %1: %2").arg(port).arg(socket.errorString());
            return response;
        }
        waitForSocket();
        if (timedOut) {
            response.error = QStringLiteral("timed out connecting to port %1").arg(port);
            return response;
        }
    }

    socket.write(bytes);
    for (;;) {
        buffer += socket.readAll();
        closed = closed || socket.state() == QAbstractSocket::UnconnectedState;
        HttpResponse parsed;
        const Parse result = parseResponse(buffer, closed, headRequest, parsed);
        if (result == Parse::Done) {
            response = parsed;
            break;
        }
        if (result == Parse::Invalid) {
            response.error = QStringLiteral("not an HTTP response: %1")
                                 .arg(QString::fromLatin1(buffer.left(200).toPercentEncoding()));
            break;
        }
        if (closed) {
            response.error = buffer.isEmpty()
                                 ? QStringLiteral("connection closed without a response (%1)")
                                       .arg(socket.errorString())
                                 : QStringLiteral("connection closed in the middle of a response");
            break;
        }
        waitForSocket();
        if (timedOut && socket.bytesAvailable() == 0) {
            response.error =
                QStringLiteral("timed out after %1 ms waiting for a response").arg(timeoutMs);
            break;
        }
    }
    socket.abort();
    return response;
}

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpResponse HttpClient::request(quint16 port, const QByteArray &method, const QByteArray &target,
                                 const QByteArray &body,
                                 const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\n";
    if (!hasHeader(headers, "Host"))
        bytes += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    if (!hasHeader(headers, "Content-Length") && !hasHeader(headers, "Transfer-Encoding"))
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &header : headers)
        bytes += header.first + ": " + header.second + "\r\n";
    bytes += "\r\n";
    bytes += body;
    return exchange(port, bytes, method == "HEAD", timeoutMs);
}

HttpResponse HttpClient::raw(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    return exchange(port, bytes, bytes.startsWith("HEAD "), timeoutMs);
}
