#pragma once

#include <QHostAddress>
#include <QString>

// The listening socket a service manager hands over the systemd way (sd_listen_fds(3)):
// LISTEN_PID names this process, LISTEN_FDS counts descriptors from 3. While the process is
// down (a crash, a restart) the manager keeps the socket open, so new connections wait in the
// kernel's backlog instead of being refused.
struct InheritedSocket {
    qintptr descriptor = -1; // -1: none given, the receiver listens itself
    QHostAddress address;    // where it is bound
    quint16 port = 0;

    bool given() const { return descriptor >= 0; }

    // Takes what the environment hands over, once: the variables are unset (a child such as the
    // embedded redis-server must not believe they are meant for it) and the descriptor is made
    // close-on-exec. Not for us (LISTEN_PID another process): none. Something that is not one
    // listening TCP socket: none, and *error says why.
    static InheritedSocket take(QString *error);
};
