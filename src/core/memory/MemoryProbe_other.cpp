#include "memory/MemoryProbePlatform.h"

#if !defined(__linux__) && !defined(_WIN32) && !defined(__APPLE__)

// Platforms without a supported way to read the resident set size: every figure is unknown, and
// callers show "unknown" rather than a made-up number.
namespace Lantir::MemoryPlatform {

long long rssKb()
{
    return -1;
}

long long peakKb()
{
    return -1;
}

bool resetPeak()
{
    return false;
}

long long heapInUseKb()
{
    return -1;
}

bool releaseFreeHeap()
{
    return false;
}

bool keepFreedHeapForReuse()
{
    return false;
}

} // namespace Lantir::MemoryPlatform

#endif
