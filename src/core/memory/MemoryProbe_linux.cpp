#include "memory/MemoryProbePlatform.h"

#if defined(__linux__)

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Lantir::MemoryPlatform {

namespace {

// /proc/self/status is about 1.4 KB and VmHWM / VmRSS sit in its first kilobyte. A fixed buffer on
// the stack keeps the probe free of heap allocations, so measuring does not move what it measures.
constexpr std::size_t kStatusBufferSize = 4096;

struct VmFigures
{
    long long rssKb = -1;
    long long hwmKb = -1;
};

int openRetrying(const char* path, int flags)
{
    int fd = -1;
    do {
        fd = ::open(path, flags | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

// The number after "<name>:" at the start of a line, in kB; -1 when the line is missing.
long long statusField(const char* text, const char* name)
{
    const std::size_t nameLength = std::strlen(name);
    const char* line = text;
    while (line && *line) {
        if (std::strncmp(line, name, nameLength) == 0 && line[nameLength] == ':') {
            char* end = nullptr;
            errno = 0;
            const long long value = std::strtoll(line + nameLength + 1, &end, 10);
            if (end == line + nameLength + 1 || errno != 0 || value < 0)
                return -1;
            return value;
        }
        line = std::strchr(line, '\n');
        if (line)
            ++line;
    }
    return -1;
}

VmFigures readStatus()
{
    VmFigures figures;
    const int fd = openRetrying("/proc/self/status", O_RDONLY);
    if (fd < 0)
        return figures;

    char buffer[kStatusBufferSize];
    std::size_t used = 0;
    while (used < sizeof(buffer) - 1) {
        const ssize_t got = ::read(fd, buffer + used, sizeof(buffer) - 1 - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        used += static_cast<std::size_t>(got);
    }
    ::close(fd);
    buffer[used] = '\0';

    figures.rssKb = statusField(buffer, "VmRSS");
    figures.hwmKb = statusField(buffer, "VmHWM");
    return figures;
}

} // namespace

long long rssKb()
{
    return readStatus().rssKb;
}

long long peakKb()
{
    return readStatus().hwmKb;
}

bool resetPeak()
{
    // "5" resets only the peak RSS (VmHWM) to the current RSS (Linux 4.0+); 1 to 4 would clear page
    // bits and cost a page-table walk. Containers with a read-only /proc refuse the write.
    const int fd = openRetrying("/proc/self/clear_refs", O_WRONLY);
    if (fd < 0)
        return false;
    ssize_t written = -1;
    do {
        written = ::write(fd, "5", 1);
    } while (written < 0 && errno == EINTR);
    ::close(fd);
    return written == 1;
}

long long heapInUseKb()
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    // Summed over all arenas. uordblks: chunks in use inside the arenas; hblkhd: chunks above the
    // mmap threshold (128 KiB and up), which glibc maps one by one and which would be missed otherwise.
    const struct mallinfo2 info = ::mallinfo2();
    return static_cast<long long>((info.uordblks + info.hblkhd) / 1024);
#elif defined(__GLIBC__)
    // Older glibc: int fields that wrap above 2 GiB; read them as unsigned to get up to 4 GiB right.
    const struct mallinfo info = ::mallinfo();
    return static_cast<long long>((static_cast<unsigned int>(info.uordblks)
                                   + static_cast<unsigned long long>(static_cast<unsigned int>(info.hblkhd)))
                                  / 1024);
#else
    return -1;
#endif
}

bool releaseFreeHeap()
{
#if defined(__GLIBC__)
    // With 0 the top of the heap is kept at its minimum and, since glibc 2.8, free pages inside
    // every arena are returned too (madvise DONTNEED), which is what fragmentation leaves behind.
    ::malloc_trim(0);
    return true;
#else
    return false;
#endif
}

bool keepFreedHeapForReuse()
{
#if defined(__GLIBC__)
    // Fixed thresholds also stop glibc from raising them by itself as large blocks are freed.
    // Past the mmap threshold a block is mapped on its own; no batch allocates one that large.
    constexpr int MmapThreshold = 8 * 1024 * 1024;
    constexpr int TrimThreshold = 16 * 1024 * 1024;
    return ::mallopt(M_MMAP_THRESHOLD, MmapThreshold) == 1 && ::mallopt(M_TRIM_THRESHOLD, TrimThreshold) == 1;
#else
    return false;
#endif
}

} // namespace Lantir::MemoryPlatform

#endif // __linux__
