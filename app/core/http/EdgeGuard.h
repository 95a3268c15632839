#pragma once

#include "HttpFramer.h"

#include <QHostAddress>
#include <QTcpServer>

// The listening socket given to QHttpServer (Qt 6.4's has no limits of its own). Every
// connection's bytes are framed here first, so a request whose head or declared body is over the
// limits is answered (413/431/411/400) and dropped before QHttpServer buffers any of it.
class EdgeGuard : public QTcpServer
{
    Q_OBJECT
public:
    explicit EdgeGuard(HttpFramer::Limits limits, QObject *parent = nullptr);

    HttpFramer::Limits limits() const { return m_limits; }

Q_SIGNALS:
    void rejected(int status, const QString &reason, const QHostAddress &peer);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpFramer::Limits m_limits;
};
