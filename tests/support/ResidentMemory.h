#pragma once

#include <QtGlobal>

// The test process's resident set, in KiB (VmRSS of /proc/self/status); -1 when unknown.
qint64 residentKiB();
