#pragma once

namespace Lantir {

// How one cycle runs.
struct CycleOptions
{
    bool full = false; // export every record, ignoring the high-water mark
    bool dryRun = false; // fetch, merge and compute the changes, write nothing
    // Cancel rows whose visits left REDCap even when they are more than max_cancel_fraction of
    // the source's scheduled rows: a person confirmed the removal.
    bool forceCancel = false;
};

} // namespace Lantir
