#include "http/DescriptorLimit.h"

#include <algorithm>

#include <sys/resource.h>

namespace DescriptorLimit {

namespace {
// Journal (database, WAL, shm), the checkpointer, five Redis links, the monitor's sockets, Qt's
// own pipes and notifiers, with room to spare.
constexpr long reserved = 64;
} // namespace

long raise()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? 1L << 20 : long(limit.rlim_cur);
}

int connectionsThatFit(int wanted, long limit)
{
    if (limit < 0)
        return wanted;
    return int(std::clamp<long>(limit - reserved, 1, wanted));
}

} // namespace DescriptorLimit
