#include "systemd/ServiceNotifier.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace ServiceNotifier {

namespace {

struct Target {
    sockaddr_un address{};
    socklen_t length = 0;
    std::chrono::milliseconds watchdog{0};
};

Target &target()
{
    static Target t;
    return t;
}

} // namespace

void takeEnvironment()
{
    Target &t = target();
    const QByteArray path = qgetenv("NOTIFY_SOCKET");
    if (!path.isEmpty() && (path.startsWith('/') || path.startsWith('@')) &&
        size_t(path.size()) < sizeof(t.address.sun_path)) {
        t.address.sun_family = AF_UNIX;
        std::memcpy(t.address.sun_path, path.constData(), size_t(path.size()));
        if (path.startsWith('@'))
            t.address.sun_path[0] = '\0'; // an abstract socket
        t.length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(path.size()));
    }
    bool ok = false;
    const qint64 usec = qEnvironmentVariable("WATCHDOG_USEC").toLongLong(&ok);
    const QByteArray pid = qgetenv("WATCHDOG_PID");
    const bool forUs = pid.isEmpty() || pid.toLongLong() == qint64(getpid());
    if (ok && usec > 0 && forUs)
        t.watchdog = std::chrono::milliseconds(std::max<qint64>(1, usec / 2000));
    qunsetenv("NOTIFY_SOCKET");
    qunsetenv("WATCHDOG_USEC");
    qunsetenv("WATCHDOG_PID");
}

bool enabled()
{
    return target().length > 0;
}

bool notify(const QByteArray &state)
{
    const Target &t = target();
    if (t.length == 0)
        return false;
    const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const ssize_t sent = sendto(fd, state.data(), size_t(state.size()), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr *>(&t.address), t.length);
    close(fd);
    return sent == state.size();
}

std::chrono::milliseconds watchdogInterval()
{
    return target().watchdog;
}

} // namespace ServiceNotifier
