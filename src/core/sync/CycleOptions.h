#pragma once

namespace Lantir {

// How one cycle runs.
struct CycleOptions
{
    bool full = false; // export every record, ignoring the high-water mark
    bool dryRun = false; // fetch, merge and compute the changes, write nothing
};

} // namespace Lantir
