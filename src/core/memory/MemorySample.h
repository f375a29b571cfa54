#pragma once

#include <QtGlobal>

namespace Lantir {

// The process's memory at one moment, in KiB. -1 where the platform cannot tell.
struct MemorySnapshot
{
    qint64 rssKb = -1; // resident set size now
    qint64 peakKb = -1; // highest RSS since the last peak reset (or since start where it can't be reset)
    qint64 heapInUseKb = -1; // bytes the allocator has handed out and not yet got back
};

// The memory of one sync cycle, in KiB, as CycleMemoryMeter measures it. -1 where unknown.
// "start" is taken before any work, so it is honest where pylantir's "Before" was not.
struct MemorySample
{
    qint64 startKb = -1; // RSS when the cycle began
    qint64 peakKb = -1; // highest RSS while the cycle ran
    qint64 endKb = -1; // RSS when the cycle's work was done
    qint64 releasedKb = -1; // RSS after free heap went back to the OS
    qint64 heapInUseKb = -1; // heap in use at the end: growth here is a leak, not fragmentation
    bool peakSampled = false; // peak came from sampling every ~10 ms, not from the kernel's high-water mark
};

} // namespace Lantir
