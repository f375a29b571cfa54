#include "memory/MemoryProbePlatform.h"

#if defined(_WIN32)

// PSAPI_VERSION 2 maps GetProcessMemoryInfo to K32GetProcessMemoryInfo in kernel32, so no extra
// import library is needed (Windows 7 and later; MSVC and MinGW-w64 alike).
#ifndef PSAPI_VERSION
#define PSAPI_VERSION 2
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <psapi.h>
#include <windows.h>

namespace Lantir::MemoryPlatform {

namespace {

bool counters(PROCESS_MEMORY_COUNTERS& out)
{
    ZeroMemory(&out, sizeof(out));
    out.cb = sizeof(out);
    return GetProcessMemoryInfo(GetCurrentProcess(), &out, sizeof(out)) != 0;
}

} // namespace

long long rssKb()
{
    PROCESS_MEMORY_COUNTERS info;
    return counters(info) ? static_cast<long long>(info.WorkingSetSize / 1024) : -1;
}

long long peakKb()
{
    PROCESS_MEMORY_COUNTERS info;
    return counters(info) ? static_cast<long long>(info.PeakWorkingSetSize / 1024) : -1;
}

bool resetPeak()
{
    // PeakWorkingSetSize is kept for the life of the process and has no reset.
    return false;
}

long long heapInUseKb()
{
    // The CRT offers only a heap walk, far too slow to run every cycle.
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

#endif // _WIN32
