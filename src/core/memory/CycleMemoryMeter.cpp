#include "memory/CycleMemoryMeter.h"

#include "base/Logging.h"
#include "memory/MemoryProbe.h"

#include <algorithm>

namespace Lantir {

CycleMemoryMeter::CycleMemoryMeter(bool releaseFreeMemory)
    : m_releaseFreeMemory(releaseFreeMemory)
{
}

void CycleMemoryMeter::begin()
{
    if (m_sampler.isRunning())
        m_sampler.stopAndGetPeakKb();
    m_kernelPeak = MemoryProbe::resetPeak();
    m_startKb = MemoryProbe::currentRssKb();
    if (!m_kernelPeak && m_startKb >= 0) {
        qCDebug(lcMemory, "The kernel's peak RSS can't be reset here; sampling RSS every 10 ms instead");
        m_sampler.start();
    }
    m_measuring = true;
}

MemorySample CycleMemoryMeter::finish()
{
    MemorySample sample;
    const bool measured = m_measuring;
    m_measuring = false;

    sample.endKb = MemoryProbe::currentRssKb();
    if (measured) {
        sample.startKb = m_startKb;
        if (m_kernelPeak) {
            sample.peakKb = MemoryProbe::peakRssKb();
        } else if (m_sampler.isRunning()) {
            sample.peakKb = m_sampler.stopAndGetPeakKb();
            sample.peakSampled = true;
        }
        if (sample.peakKb >= 0)
            sample.peakKb = std::max({ sample.peakKb, sample.startKb, sample.endKb });
    }
    sample.heapInUseKb = MemoryProbe::heapInUseKb();
    sample.releasedKb = m_releaseFreeMemory ? MemoryProbe::releaseFreeMemoryKb() : sample.endKb;
    return sample;
}

} // namespace Lantir
