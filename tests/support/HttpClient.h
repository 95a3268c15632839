#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// One HTTP response as a test sees it. status 0: no status line came (refused, reset, closed,
// timed out); `error` then says which.
struct HttpResponse {
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // in arrival order, names as sent
    QString error;

    // Value of the first header with this name (case-insensitive), empty when absent.
    QByteArray header(const QByteArray &name) const;
    // The body as a JSON object, empty when it is not one.
    QJsonObject json() const;
};

// A tiny blocking HTTP/1.1 client on 127.0.0.1 for tests. It waits in a QEventLoop rather than
// in waitForReadyRead(), so a server living in the test's own thread keeps serving meanwhile.
class HttpClient
{
public:
    // Sends one request (Host and Content-Length added unless given in `headers`) and reads the
    // response up to its Content-Length (or chunked end, or connection close).
    static HttpResponse request(quint16 port, const QByteArray &method, const QByteArray &target,
                                const QByteArray &body = {},
                                const QList<QPair<QByteArray, QByteArray>> &headers = {},
                                int timeoutMs = 5000);

    // Sends `bytes` exactly as given and reads one final response (1xx interim responses are
    // skipped), for malformed-request tests.
    static HttpResponse raw(quint16 port, const QByteArray &bytes, int timeoutMs = 5000);

    HttpClient() = delete;
};
