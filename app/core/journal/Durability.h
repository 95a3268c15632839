#pragma once

// How hard the journal holds on to what it was told (--durability).
enum class Durability {
    Normal, // survives the process being killed (WAL, synchronous=NORMAL)
    Full,   // survives power loss (fsync at every group commit)
    Memory, // nothing on disk: for benchmarks and throwaway runs only
};
