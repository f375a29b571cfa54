#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <vector>

namespace Lantir {

struct MemoryTrendPoint
{
    QDateTime time;
    double rssMb = 0;
};

struct MemoryTrendSummary
{
    double currentMb = 0; // the sample added last
    double meanMb = 0;
    double maxMb = 0;
    double growthMbPerHour = 0; // least-squares slope over the window
    double spanHours = 0; // from the oldest to the newest sample in the window
    int samples = 0;
};

// RSS over the last `window` cycles (a ring buffer: memory stays bounded however long Lantir runs)
// and how fast it grows. Not thread-safe: owned by whoever runs the cycles.
class MemoryTrend
{
public:
    static constexpr int DefaultWindow = 100;

    // A window below 1 is taken as 1.
    explicit MemoryTrend(int window = DefaultWindow);

    // Invalid times and non-finite sizes are ignored. Times need not be in order.
    void add(const QDateTime& time, double rssMb);
    // Least-squares slope of RSS against time over the window, in MB per hour. 0 with fewer than
    // 2 samples or when all samples share one time.
    double growthMbPerHour() const;
    MemoryTrendSummary summary() const;
    // Oldest first.
    QVector<MemoryTrendPoint> points() const;
    int window() const { return m_window; }
    int size() const;
    void clear();

    // "Memory trend: current=<c>MB, mean=<m>MB, max=<x>MB, rate=<r>MB/h over <n> cycles"
    static QString logLine(const MemoryTrendSummary& summary);

private:
    struct Sample
    {
        qint64 msecsSinceEpoch;
        double rssMb;
    };

    int m_window;
    std::vector<Sample> m_samples; // ring buffer, never larger than m_window
    int m_next = 0; // where the next sample goes once the buffer is full
};

} // namespace Lantir

Q_DECLARE_METATYPE(Lantir::MemoryTrendSummary)
