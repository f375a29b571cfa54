#pragma once

// What each platform file (MemoryProbe_linux.cpp, _win.cpp, _mac.cpp, _other.cpp) gives
// MemoryProbe. Exactly one of them is compiled in on any platform; the others are empty.
// Sizes in KiB, -1 when unknown. Plain C++ so the platform files need no Qt headers.
namespace Lantir::MemoryPlatform {

long long rssKb();
long long peakKb();
bool resetPeak();
// Heap in use by the system allocator, -1 when it can't tell.
long long heapInUseKb();
// Returns free heap to the OS; false when the allocator offers no way to.
bool releaseFreeHeap();
// Lets the allocator keep freed memory for the next allocations instead of handing it back to
// the OS after every large free; false where there is nothing to tune.
bool keepFreedHeapForReuse();

} // namespace Lantir::MemoryPlatform
