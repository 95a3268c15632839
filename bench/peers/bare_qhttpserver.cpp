// The Qt floor for bench/peers.py: a bare Qt 6.4 QHttpServer answering POST /webhook with 200 and
// a small JSON body. No token check, no journal, no Redis: what QHttpServer itself costs.
//   bare_qhttpserver PORT
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    server.route(QStringLiteral("/webhook"), QHttpServerRequest::Method::Post,
                 [](const QHttpServerRequest &) {
                     return QHttpServerResponse(QByteArrayLiteral("application/json"),
                                                QByteArrayLiteral("{\"status\":\"received\"}"));
                 });
    const quint16 port = quint16(QCoreApplication::arguments().value(1).toUInt());
    if (server.listen(QHostAddress::LocalHost, port) != port)
        return 1;
    return app.exec();
}
