#include "AdminCommand.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTcpSocket>

#include <cstdio>

int AdminCommand::run(int &argc, char **argv, const Settings &settings, const QString &command,
                      const QJsonObject &body)
{
    QCoreApplication app(argc, argv);
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QByteArray http = "POST /admin/" + command.toLatin1() +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                      "Content-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(json.size()) + "\r\n";
    if (settings.hasToken())
        http += "X-Webhook-Token: " + settings.tokens.constFirst() + "\r\n";
    http += "\r\n" + json;

    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), settings.port);
    if (!socket.waitForConnected(3000)) {
        std::fprintf(stderr, "terminal6: no Terminal 6 answers on 127.0.0.1:%d (%s)\n",
                     settings.port, qPrintable(socket.errorString()));
        return 1;
    }
    socket.write(http);
    QByteArray response;
    while (socket.waitForReadyRead(5000))
        response += socket.readAll();
    const qsizetype split = response.indexOf("\r\n\r\n");
    const QByteArray statusLine = response.left(response.indexOf("\r\n"));
    std::printf("%s\n", split < 0 ? response.constData() : response.mid(split + 4).constData());
    return statusLine.contains(" 200 ") ? 0 : 1;
}
