#include "MemoryHistory.h"

#include <algorithm>
#include <iterator>

namespace Lantir {

namespace {
void addKb(MemoryStat& stat, qint64 kb)
{
    if (kb >= 0)
        stat.add(kb / 1024.0);
}
} // namespace

void MemoryStat::add(double value)
{
    if (count == 0) {
        min = value;
        max = value;
    } else {
        min = std::min(min, value);
        max = std::max(max, value);
    }
    sum += value;
    ++count;
}

void MemoryStat::merge(const MemoryStat& other)
{
    if (other.count == 0)
        return;
    if (count == 0) {
        *this = other;
        return;
    }
    min = std::min(min, other.min);
    max = std::max(max, other.max);
    sum += other.sum;
    count += other.count;
}

MemoryBucket MemoryBucket::fromReport(const CycleReport& report)
{
    MemoryBucket bucket;
    bucket.firstMs = report.startedAt.toMSecsSinceEpoch();
    bucket.lastMs = bucket.firstMs;
    bucket.cycles = 1;
    bucket.failures = report.ok ? 0 : 1;
    addKb(bucket.start, report.rssStartKb);
    addKb(bucket.peak, report.rssPeakKb);
    addKb(bucket.end, report.rssEndKb);
    bucket.durationMs = report.durationMs;
    bucket.fetched = report.rowsFetched;
    bucket.inserted = report.inserted;
    bucket.updated = report.updated;
    bucket.cycleNumber = report.cycle;
    bucket.error = report.ok ? QString() : report.error;
    if (!report.source.isEmpty())
        bucket.sources << report.source;
    return bucket;
}

void MemoryBucket::merge(const MemoryBucket& later)
{
    firstMs = std::min(firstMs, later.firstMs);
    lastMs = std::max(lastMs, later.lastMs);
    cycles += later.cycles;
    failures += later.failures;
    start.merge(later.start);
    peak.merge(later.peak);
    end.merge(later.end);
    durationMs += later.durationMs;
    fetched += later.fetched;
    inserted += later.inserted;
    updated += later.updated;
    cycleNumber = 0;
    error.clear();
    for (const QString& source : later.sources) {
        const auto at = std::lower_bound(sources.begin(), sources.end(), source);
        if (at == sources.end() || *at != source)
            sources.insert(at, source);
    }
}

MemoryHistory::MemoryHistory(int capacity)
    : m_capacity(std::max(16, capacity))
{
    // Room for the whole capacity up front: growing by doubling would leave the heap with the
    // high-water mark of every step, and untouched capacity costs no resident memory.
    m_buckets.reserve(m_capacity + 1);
}

void MemoryHistory::add(const CycleReport& report)
{
    if (!report.startedAt.isValid())
        return;
    MemoryBucket bucket = MemoryBucket::fromReport(report);
    const qint64 ms = bucket.firstMs;
    if (m_buckets.isEmpty() || ms > m_buckets.constLast().lastMs) {
        m_buckets.append(std::move(bucket));
    } else {
        // First bucket that ends at or after this cycle.
        auto it = std::lower_bound(m_buckets.begin(), m_buckets.end(), ms,
                                   [](const MemoryBucket& b, qint64 t) { return b.lastMs < t; });
        if (it->firstMs <= ms) {
            if (it->cycles == 1 && it->firstMs == ms)
                return; // already held
            it->merge(bucket); // falls inside a folded span: it cannot be split again
        } else {
            m_buckets.insert(it, std::move(bucket));
        }
    }
    ++m_cycles;
    if (m_buckets.size() > m_capacity)
        compact();
}

void MemoryHistory::addAll(const QList<CycleReport>& reports)
{
    for (const CycleReport& report : reports)
        add(report);
}

void MemoryHistory::clear()
{
    m_buckets.clear();
    m_cycles = 0;
}

QDateTime MemoryHistory::firstTime() const
{
    return m_buckets.isEmpty() ? QDateTime()
                               : QDateTime::fromMSecsSinceEpoch(m_buckets.constFirst().firstMs, Qt::UTC);
}

QDateTime MemoryHistory::lastTime() const
{
    return m_buckets.isEmpty() ? QDateTime()
                               : QDateTime::fromMSecsSinceEpoch(m_buckets.constLast().lastMs, Qt::UTC);
}

void MemoryHistory::compact()
{
    // Fold neighbouring pairs in the older half: the recent half keeps its resolution.
    while (m_buckets.size() > m_capacity) {
        const qsizetype half = m_buckets.size() / 2;
        QList<MemoryBucket> folded;
        folded.reserve(m_capacity + 1);
        for (qsizetype i = 0; i < half; i += 2) {
            MemoryBucket bucket = m_buckets.at(i);
            if (i + 1 < half)
                bucket.merge(m_buckets.at(i + 1));
            folded.append(std::move(bucket));
        }
        for (qsizetype i = half; i < m_buckets.size(); ++i)
            folded.append(m_buckets.at(i));
        m_buckets = std::move(folded);
    }
}

QList<MemoryBucket> MemoryHistory::pointsIn(qint64 fromMs, qint64 toMs, int maxPoints) const
{
    // The range is found in place: copying it first would make a transient as large as the
    // history on every redraw, and the heap would keep that high-water mark.
    auto first = m_buckets.cbegin();
    if (fromMs > 0) {
        first = std::lower_bound(m_buckets.cbegin(), m_buckets.cend(), fromMs,
                                 [](const MemoryBucket& b, qint64 t) { return b.lastMs < t; });
    }
    auto last = m_buckets.cend();
    if (toMs > 0) {
        last = std::upper_bound(first, m_buckets.cend(), toMs,
                                [](qint64 t, const MemoryBucket& b) { return t < b.firstMs; });
    }
    maxPoints = std::max(1, maxPoints);
    if (std::distance(first, last) <= maxPoints)
        return QList<MemoryBucket>(first, last);

    // Equal time slices over the selection; the buckets in one slice become one point.
    const qint64 begin = first->firstMs;
    const qint64 span = std::max<qint64>(1, std::prev(last)->lastMs - begin + 1);
    const qint64 width = std::max<qint64>(1, (span + maxPoints - 1) / maxPoints);
    QList<MemoryBucket> points;
    points.reserve(maxPoints);
    qint64 currentSlice = -1;
    for (auto it = first; it != last; ++it) {
        const qint64 slice = std::min<qint64>(maxPoints - 1, (it->middleMs() - begin) / width);
        if (slice == currentSlice && !points.isEmpty()) {
            points.last().merge(*it);
        } else {
            points.append(*it);
            currentSlice = slice;
        }
    }
    return points;
}

} // namespace Lantir
