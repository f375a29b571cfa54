#pragma once

#include "memory/MemorySample.h"

#include <QString>

namespace Lantir {

// Reads the memory of this process from the operating system. Every function is thread-safe,
// allocates nothing on the heap where the platform allows, and returns -1 (or false) rather than
// guessing when the platform cannot tell.
//
//   Linux:   VmRSS / VmHWM from /proc/self/status; peak reset by writing 5 to /proc/self/clear_refs;
//            heap from glibc mallinfo2(), released with malloc_trim(0).
//   Windows: GetProcessMemoryInfo (WorkingSetSize / PeakWorkingSetSize); the peak can't be reset.
//   macOS:   task_info(MACH_TASK_BASIC_INFO) (resident_size / resident_size_max); the peak can't be reset.
// Built with AddressSanitizer or ThreadSanitizer, the heap figure comes from the sanitizer's allocator.
class MemoryProbe
{
public:
    // True when this platform reports the resident set size.
    static bool isSupported();

    static qint64 currentRssKb();
    // Resets the kernel's high-water mark to the current RSS. False where that is not possible:
    // then measure a cycle's peak with PeakSampler (CycleMemoryMeter does this by itself).
    static bool resetPeak();
    // Highest RSS since the last successful resetPeak(), or since the process started.
    static qint64 peakRssKb();
    // Heap bytes in use (glibc: arena chunks in use plus mmapped chunks); -1 where unknown.
    static qint64 heapInUseKb();
    // Hands free heap pages back to the OS (glibc malloc_trim(0)) and returns the RSS after it.
    static qint64 releaseFreeMemoryKb();
    // Call once at start, before other threads: freed memory stays with the allocator between the
    // batches of a cycle (glibc: 8 MiB mmap threshold, 16 MiB trim threshold) rather than going back
    // to the OS and being faulted in again by the next batch; releaseFreeMemoryKb() at the end of a
    // cycle still returns it. This halves a full re-sync's CPU time (docs/PERFORMANCE.md).
    static bool keepFreedMemoryForReuse();
    static MemorySnapshot snapshot();

    // The per-cycle line, in pylantir's shape so existing log searches keep working:
    // "Memory cleanup: Before=<start>MB, After=<released>MB, Freed=<end-released>MB, Objects=<n>".
    // Where a figure is unknown, pylantir's own fallback: "Memory cleanup: Collected <n> objects".
    static QString cleanupLogLine(qint64 startKb, qint64 endKb, qint64 releasedKb, qint64 objects);
    static QString cleanupLogLine(const MemorySample& sample, qint64 objects);
    // KiB as MB (1024 KiB) with one decimal, rounded exactly as printf's "%.1f" (ties to even).
    static QString formatKbAsMb(qint64 kb);
};

} // namespace Lantir
