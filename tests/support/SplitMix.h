#pragma once

#include <QtGlobal>

namespace Lantir::Test {

// SplitMix64: tiny, fast and good enough to spread a seed over many records. The synthetic
// project and its churn draw from it, so the same seed always gives the same data.
struct SplitMix
{
    quint64 state;
    quint64 next()
    {
        quint64 z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // 0 .. n-1 (0 when n <= 1).
    int bounded(int n) { return n <= 1 ? 0 : static_cast<int>(next() % static_cast<quint64>(n)); }
};

} // namespace Lantir::Test
