#pragma once

// The process's limit on open files, which bounds how many connections the edge can hold.
namespace DescriptorLimit {

// Raises the soft limit to the hard one (once is enough; later calls change nothing).
// Returns the soft limit in force, or -1 when it cannot be read.
long raise();
// How many connections fit beside the descriptors the rest of the process needs (journal,
// Redis links, the monitor): `wanted`, or less when the limit is lower.
int connectionsThatFit(int wanted, long limit);

} // namespace DescriptorLimit
