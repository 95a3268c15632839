#pragma once

#include <QByteArray>

#include <chrono>

// Tells the service manager how we are (sd_notify(3)'s datagram protocol, without libsystemd):
// READY=1 once listening with the journal open, STATUS= lines, WATCHDOG=1 from the net thread,
// STOPPING=1. Without NOTIFY_SOCKET (not started by systemd) every call does nothing.
// Thread-safe: one datagram per call.
namespace ServiceNotifier {

// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID once and unsets them, so that no child
// (the embedded redis-server has its own `supervised` support) speaks for us. Called by main().
void takeEnvironment();

bool enabled();
bool notify(const QByteArray &state);

// How often systemd wants WATCHDOG=1 (half its WatchdogSec=), or zero when it does not.
std::chrono::milliseconds watchdogInterval();

} // namespace ServiceNotifier
