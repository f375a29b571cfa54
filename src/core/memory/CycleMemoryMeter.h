#pragma once

#include "memory/MemorySample.h"
#include "memory/PeakSampler.h"

namespace Lantir {

// Measures one sync cycle's memory: call begin() before any of the cycle's work and finish() after
// the cycle has dropped everything it held. The peak comes from the kernel's high-water mark where it
// can be reset (Linux), from a PeakSampler elsewhere.
//
//   CycleMemoryMeter meter;              // one per engine, reused every cycle
//   meter.begin();
//   ... fetch, merge, write, release ...
//   const MemorySample m = meter.finish();
//   qCInfo(lcMemory).noquote() << MemoryProbe::cleanupLogLine(m, entriesReleased);
class CycleMemoryMeter
{
public:
    // With releaseFreeMemory false, finish() does not hand free heap back and releasedKb = endKb.
    explicit CycleMemoryMeter(bool releaseFreeMemory = true);

    void begin();
    // Ends the measurement begun by begin(); without a begin() the start and peak stay unknown.
    MemorySample finish();
    bool isMeasuring() const { return m_measuring; }

private:
    PeakSampler m_sampler;
    const bool m_releaseFreeMemory;
    bool m_measuring = false;
    bool m_kernelPeak = false;
    qint64 m_startKb = -1;
};

} // namespace Lantir
