#pragma once

#include <QProcess>

// A QProcess whose child is killed by the kernel when the test process dies, however it dies
// (a failed QVERIFY is a return, but qFatal, abort(), a crash or ctest's timeout kill skip every
// destructor). Use it for every long-running child: redis-server, terminal6.
class ChildProcess : public QProcess
{
public:
    explicit ChildProcess(QObject *parent = nullptr);
    ~ChildProcess() override;

    // Waits until the output so far (not consumed: read it afterwards as usual) holds `text`;
    // false, with a warning showing that output, when the process stops or the time runs out.
    bool waitForOutput(const QByteArray &text, int timeoutMs = 10000);

    // The next start hands `descriptor` to the child as its descriptor 3 (sd_listen_fds(3)'s
    // first); the caller sets LISTEN_FDS and LISTEN_PID (see tst_socketactivation). -1: none.
    void passDescriptor(int descriptor);
};
