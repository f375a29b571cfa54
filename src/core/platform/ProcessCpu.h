#pragma once

#include <QtGlobal>

namespace Lantir {

// CPU time this process has used so far, all threads, in microseconds; -1 where the platform
// cannot tell. A cycle's CPU is the difference of two readings: unlike wall time it leaves out
// the REDCap server's time and the network's.
struct ProcessCpuTimes
{
    qint64 userUs = -1;
    qint64 systemUs = -1;

    static ProcessCpuTimes now();
    // `later - earlier`, -1 where either is unknown.
    static ProcessCpuTimes between(const ProcessCpuTimes& earlier, const ProcessCpuTimes& later);
};

} // namespace Lantir
