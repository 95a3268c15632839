#include "systemd/InheritedSocket.h"

#include <QByteArray>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr int firstDescriptor = 3; // SD_LISTEN_FDS_START

void forget()
{
    qunsetenv("LISTEN_PID");
    qunsetenv("LISTEN_FDS");
    qunsetenv("LISTEN_FDNAMES");
}

} // namespace

InheritedSocket InheritedSocket::take(QString *error)
{
    InheritedSocket socket;
    if (!qEnvironmentVariableIsSet("LISTEN_FDS"))
        return socket;
    bool pidOk = false;
    const qint64 pid = qEnvironmentVariable("LISTEN_PID").toLongLong(&pidOk);
    bool countOk = false;
    const int count = qEnvironmentVariable("LISTEN_FDS").toInt(&countOk);
    forget();
    if (!pidOk || pid != qint64(getpid()))
        return socket; // meant for a parent that exec'd us without clearing it
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("LISTEN_FDS: %1").arg(why);
        return InheritedSocket();
    };
    if (!countOk || count < 1)
        return fail(QStringLiteral("no socket given"));
    if (count > 1)
        return fail(
            QStringLiteral("%1 sockets given; terminal6 takes one (one ListenStream=)").arg(count));
    const int fd = firstDescriptor;
    int type = 0;
    int listening = 0;
    socklen_t length = sizeof(int);
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM)
        return fail(QStringLiteral("descriptor 3 is not a stream socket"));
    length = sizeof(int);
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) != 0 || !listening)
        return fail(QStringLiteral("descriptor 3 is not listening"));
    sockaddr_storage bound{};
    length = sizeof(bound);
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &length) != 0 ||
        (bound.ss_family != AF_INET && bound.ss_family != AF_INET6))
        return fail(QStringLiteral("descriptor 3 is not a TCP socket"));
    socket.address.setAddress(reinterpret_cast<const sockaddr *>(&bound));
    socket.port = quint16(bound.ss_family == AF_INET
                              ? ntohs(reinterpret_cast<const sockaddr_in *>(&bound)->sin_port)
                              : ntohs(reinterpret_cast<const sockaddr_in6 *>(&bound)->sin6_port));
    fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
    socket.descriptor = fd;
    return socket;
}
