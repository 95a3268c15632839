#include "support/ChildProcess.h"

#include <QDeadlineTimer>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

ChildProcess::ChildProcess(QObject *parent)
    : QProcess(parent)
{
    const pid_t parentPid = ::getpid();
    // Runs in the child between fork() and exec(). PR_SET_PDEATHSIG survives exec; it fires when
    // the thread that forked exits, which for the tests is the main thread. The getppid() check
    // closes the race where the parent died before prctl() ran.
    setChildProcessModifier([parentPid] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parentPid)
            ::_exit(127);
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
        if (state() != QProcess::Running)
            break;
        waitForReadyRead(200);
    }
    seen = peek(bytesAvailable());
    if (seen.contains(text))
        return true;
    qWarning("\"%s\" not seen in the output: %s", text.constData(), seen.constData());
    return false;
}
