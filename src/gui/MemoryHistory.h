#pragma once

#include "store/CycleReport.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Lantir {

// Minimum, maximum and sum of one memory figure (MB) over the cycles a bucket holds.
struct MemoryStat
{
    double min = 0.0;
    double max = 0.0;
    double sum = 0.0;
    int count = 0;

    void add(double value);
    void merge(const MemoryStat& other);
    double mean() const { return count > 0 ? sum / count : 0.0; }
    bool isEmpty() const { return count == 0; }
};

// One cycle, or several neighbouring cycles folded together once the history grew old.
struct MemoryBucket
{
    qint64 firstMs = 0; // start of the first cycle, ms since the epoch (UTC)
    qint64 lastMs = 0; // start of the last cycle
    int cycles = 0;
    int failures = 0;
    MemoryStat start;
    MemoryStat peak;
    MemoryStat end;
    qint64 durationMs = 0; // summed over the cycles
    qint64 fetched = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 cycleNumber = 0; // of a single cycle; 0 once folded
    QString error; // of a single failed cycle; empty once folded
    QStringList sources; // the sources of the cycles held, sorted, each once

    static MemoryBucket fromReport(const CycleReport& report);
    void merge(const MemoryBucket& later);
    qint64 middleMs() const { return firstMs + (lastMs - firstMs) / 2; }
};

// The memory history the chart draws, in bounded memory however long the application runs.
//
// Every cycle comes in as one bucket. When more than `capacity` buckets are held, neighbouring
// pairs in the older half are folded into one (keeping min, max and mean of each figure), so
// recent cycles stay one bucket each while old ones get coarser. A year of 30-minute cycles
// (17,520) therefore never holds more than `capacity` buckets, and pointsIn() thins any range
// further to at most the number of points a chart should draw.
class MemoryHistory
{
public:
    static constexpr int DefaultCapacity = 4000;

    explicit MemoryHistory(int capacity = DefaultCapacity);

    // Adds one cycle in time order; an older cycle is placed where it belongs, and a cycle
    // already held (same start time) is ignored.
    void add(const CycleReport& report);
    void addAll(const QList<CycleReport>& reports);
    void clear();

    int capacity() const { return m_capacity; }
    int bucketCount() const { return static_cast<int>(m_buckets.size()); }
    qint64 cycleCount() const { return m_cycles; }
    const QList<MemoryBucket>& buckets() const { return m_buckets; }
    // Time of the first and last cycle held; invalid when empty.
    QDateTime firstTime() const;
    QDateTime lastTime() const;

    // The buckets whose cycles fall in [fromMs, toMs], folded further into equal time slices
    // so that at most `maxPoints` come back. fromMs/toMs <= 0 leave that side open.
    QList<MemoryBucket> pointsIn(qint64 fromMs, qint64 toMs, int maxPoints) const;

private:
    void compact();

    int m_capacity;
    qint64 m_cycles = 0;
    QList<MemoryBucket> m_buckets; // sorted by firstMs, never overlapping
};

} // namespace Lantir
