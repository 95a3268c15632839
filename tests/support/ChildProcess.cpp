#include "support/ChildProcess.h"

#include <QDeadlineTimer>

#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

ChildProcess::ChildProcess(QObject *parent)
    : QProcess(parent)
{
    passDescriptor(-1);
}

void ChildProcess::passDescriptor(int descriptor)
{
    const pid_t parentPid = ::getpid();
    // Runs in the child between fork() and exec(). PR_SET_PDEATHSIG survives exec; it fires when
    // the thread that forked exits, which for the tests is the main thread. The getppid() check
    // closes the race where the parent died before prctl() ran. dup2() leaves the copy open
    // across exec (no FD_CLOEXEC on it).
    setChildProcessModifier([parentPid, descriptor] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parentPid)
            ::_exit(127);
        if (descriptor == 3) // dup2() would leave its FD_CLOEXEC
            ::fcntl(3, F_SETFD, 0);
        else if (descriptor >= 0 && ::dup2(descriptor, 3) != 3)
            ::_exit(126);
    });
}

ChildProcess::~ChildProcess()
{
    if (state() != QProcess::NotRunning) {
        kill();
        waitForFinished(5000);
    }
}

bool ChildProcess::waitForOutput(const QByteArray &text, int timeoutMs)
{
    QByteArray seen;
    for (QDeadlineTimer deadline(timeoutMs); !deadline.hasExpired();) {
        seen = peek(bytesAvailable());
        if (seen.contains(text))
            return true;
        if (state() == QProcess::NotRunning)
            break; // (still Starting right after start(): wait)
        if (state() == QProcess::Starting)
            waitForStarted(200);
        else
            waitForReadyRead(200);
    }
    seen = peek(bytesAvailable());
    if (seen.contains(text))
        return true;
    qWarning("\"%s\" not seen in the output: %s", text.constData(), seen.constData());
    return false;
}
