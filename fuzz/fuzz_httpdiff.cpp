// libFuzzer target, differential: the guard's reading of a request (HttpFramer, RequestHead)
// against Qt 6.4's own, a real QHttpServer on loopback fed the same bytes. Wherever the guard
// accepts a request, Qt must read the same method, target, header fields and body, twice over:
// from the bytes as sent (so that nothing ambiguous gets past the guard) and from the canonical
// re-serialisation the guard actually hands over. Any disagreement aborts with both readings.
#include "http/HttpFramer.h"
#include "http/RequestHead.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <sys/socket.h>

namespace {

// One request as a reader saw it.
struct Reading {
    QByteArray method;
    QByteArray path; // percent-decoded, as the router matches it
    QByteArray query;
    QList<std::pair<QByteArray, QByteArray>> fields;
    QByteArray body;
};

QHttpServer *server = nullptr;
quint16 port = 0;
QList<Reading> seen;
qint64 compared = 0; // accepted requests read by both, reported at exit

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    default: return "OTHER";
    }
}

// What QHttpServer makes of `bytes` sent on a fresh connection, then the end of the stream.
QList<Reading> qtReads(const QByteArray &bytes)
{
    seen.clear();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QDeadlineTimer deadline(5000);
    while (client.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    client.write(bytes);
    while (client.bytesToWrite() > 0 && !deadline.hasExpired())
        client.waitForBytesWritten(10);
    ::shutdown(int(client.socketDescriptor()), SHUT_WR); // Qt sees the end and closes
    while (client.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
        client.readAll();
    }
    if (deadline.hasExpired()) {
        std::fprintf(stderr, "fuzz_httpdiff: QHttpServer did not close the connection\n");
        std::abort();
    }
    QCoreApplication::processEvents(); // pending deleteLater of the server side
    return seen;
}

Reading guardReading(const RequestHead &head, const QByteArray &body, bool canonical)
{
    Reading reading;
    reading.method = head.method;
    // The target as QHttpServer turns it into a URL: what must agree is that Qt received the very
    // target the guard parsed, not how QUrl normalises percent-encoding.
    const QUrl url = QUrl::fromEncoded(head.target);
    reading.path = url.path().toUtf8();
    reading.query = url.query(QUrl::FullyEncoded).toUtf8();
    if (!canonical) {
        reading.fields = head.fields;
    } else {
        // What canonical() keeps, in order, and one normalised Content-Length.
        const RequestHead again = RequestHead::parse(head.canonical());
        reading.fields = again.fields;
    }
    reading.body = body;
    return reading;
}

QByteArray describe(const Reading &r)
{
    QByteArray text = r.method + " path=" + r.path + " query=" + r.query +
                      " body=" + QByteArray::number(r.body.size()) + " fields:";
    for (const auto &[name, value] : r.fields)
        text += " [" + name + ": " + value + "]";
    return text;
}

void compare(const char *what, const Reading &guard, const QList<Reading> &qt)
{
    const bool same = qt.size() == 1 && qt.first().method == guard.method &&
                      qt.first().path == guard.path && qt.first().query == guard.query &&
                      qt.first().fields == guard.fields && qt.first().body == guard.body;
    if (same)
        return;
    std::fprintf(stderr, "fuzz_httpdiff: %s: the guard and QHttpServer disagree\n  guard: %s\n",
                 what, describe(guard).constData());
    for (const Reading &r : qt)
        std::fprintf(stderr, "  qt:    %s\n", describe(r).constData());
    if (qt.isEmpty())
        std::fprintf(stderr, "  qt:    (no request)\n");
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    new QCoreApplication(*argc, *argv);
    server = new QHttpServer;
    server->setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            Reading reading;
            reading.method = methodName(request.method());
            reading.path = request.url().path().toUtf8();
            reading.query = request.url().query(QUrl::FullyEncoded).toUtf8();
            reading.fields = request.headers();
            reading.body = request.body();
            seen.append(reading);
            responder.write("ok", "text/plain", QHttpServerResponder::StatusCode::Ok);
        });
    auto *tcp = new QTcpServer;
    if (!tcp->listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "fuzz_httpdiff: cannot listen on loopback\n");
        std::abort();
    }
    port = tcp->serverPort();
    server->bind(tcp);
    std::atexit([] {
        std::fprintf(stderr, "fuzz_httpdiff: %lld accepted requests compared with QHttpServer\n",
                     static_cast<long long>(compared));
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    HttpFramer framer(HttpFramer::Limits{});
    const HttpFramer::Event event = framer.feed(input);
    // Refused (the connection never reaches QHttpServer) or not whole yet: nothing to compare.
    if (event.verdict != HttpFramer::Verdict::Continue || event.completed.isEmpty())
        return 0;
    const HttpFramer::Completed &first = event.completed.constFirst();
    const qint64 bodyLength = first.head.contentLength.value_or(0);
    const QByteArray body = input.sliced(first.end - bodyLength, bodyLength);

    compare("bytes as sent", guardReading(first.head, body, false),
            qtReads(input.first(first.end)));
    compare("canonical bytes", guardReading(first.head, body, true),
            qtReads(first.head.canonical() + body));
    ++compared;
    return 0;
}
