#include "memory/MemoryProbe.h"

#include "memory/MemoryProbePlatform.h"

#include <cstddef>

// Under AddressSanitizer or ThreadSanitizer every malloc goes to the sanitizer's own allocator, so
// the system allocator's statistics would stay flat; ask the sanitizer instead.
#if !defined(_MSC_VER) && (defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__))
#define LANTIR_SANITIZER_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LANTIR_SANITIZER_ALLOCATOR 1
#endif
#endif

#if defined(LANTIR_SANITIZER_ALLOCATOR)
extern "C" std::size_t __sanitizer_get_current_allocated_bytes(void);
#endif

namespace Lantir {

bool MemoryProbe::isSupported()
{
    return MemoryPlatform::rssKb() >= 0;
}

qint64 MemoryProbe::currentRssKb()
{
    return MemoryPlatform::rssKb();
}

bool MemoryProbe::resetPeak()
{
    return MemoryPlatform::resetPeak();
}

qint64 MemoryProbe::peakRssKb()
{
    return MemoryPlatform::peakKb();
}

qint64 MemoryProbe::heapInUseKb()
{
#if defined(LANTIR_SANITIZER_ALLOCATOR)
    return static_cast<qint64>(__sanitizer_get_current_allocated_bytes() / 1024);
#else
    return MemoryPlatform::heapInUseKb();
#endif
}

bool MemoryProbe::keepFreedMemoryForReuse()
{
    return MemoryPlatform::keepFreedHeapForReuse();
}

qint64 MemoryProbe::releaseFreeMemoryKb()
{
    MemoryPlatform::releaseFreeHeap();
    return currentRssKb();
}

MemorySnapshot MemoryProbe::snapshot()
{
    MemorySnapshot s;
    s.heapInUseKb = heapInUseKb();
    s.rssKb = currentRssKb();
    s.peakKb = peakRssKb();
    if (s.peakKb >= 0 && s.peakKb < s.rssKb)
        s.peakKb = s.rssKb; // read a moment apart; the peak can't be below what was just seen
    return s;
}

QString MemoryProbe::formatKbAsMb(qint64 kb)
{
    // Integer arithmetic on the exact value kb / 1024, rounded half to even as a correctly rounding
    // printf("%.1f") does (pylantir's Python does), and with '.' whatever the C locale says.
    const bool negative = kb < 0;
    const quint64 magnitude = negative ? 0 - static_cast<quint64>(kb) : static_cast<quint64>(kb);
    quint64 tenths = magnitude * 10 / 1024;
    const quint64 remainder = magnitude * 10 % 1024;
    if (remainder * 2 > 1024 || (remainder * 2 == 1024 && (tenths & 1) != 0))
        ++tenths;
    return (negative ? QStringLiteral("-") : QString()) + QString::number(tenths / 10) + QLatin1Char('.')
        + QString::number(tenths % 10);
}

QString MemoryProbe::cleanupLogLine(qint64 startKb, qint64 endKb, qint64 releasedKb, qint64 objects)
{
    if (startKb < 0 || endKb < 0 || releasedKb < 0)
        return QStringLiteral("Memory cleanup: Collected ") + QString::number(objects)
            + QStringLiteral(" objects");
    return QStringLiteral("Memory cleanup: Before=") + formatKbAsMb(startKb) + QStringLiteral("MB, After=")
        + formatKbAsMb(releasedKb) + QStringLiteral("MB, Freed=") + formatKbAsMb(endKb - releasedKb)
        + QStringLiteral("MB, Objects=") + QString::number(objects);
}

QString MemoryProbe::cleanupLogLine(const MemorySample& sample, qint64 objects)
{
    return cleanupLogLine(sample.startKb, sample.endKb, sample.releasedKb, objects);
}

} // namespace Lantir
