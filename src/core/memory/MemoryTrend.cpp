#include "memory/MemoryTrend.h"

#include <algorithm>
#include <cmath>

namespace Lantir {

namespace {
constexpr double kMsecsPerHour = 3600.0 * 1000.0;
}

MemoryTrend::MemoryTrend(int window)
    : m_window(std::max(1, window))
{
    m_samples.reserve(static_cast<std::size_t>(m_window));
}

void MemoryTrend::add(const QDateTime& time, double rssMb)
{
    if (!time.isValid() || !std::isfinite(rssMb))
        return;
    const Sample sample { time.toMSecsSinceEpoch(), rssMb };
    if (static_cast<int>(m_samples.size()) < m_window) {
        m_samples.push_back(sample);
        return;
    }
    m_samples[static_cast<std::size_t>(m_next)] = sample;
    m_next = (m_next + 1) % m_window;
}

double MemoryTrend::growthMbPerHour() const
{
    const std::size_t n = m_samples.size();
    if (n < 2)
        return 0;

    // Hours relative to the first stored sample keep the sums small: raw milliseconds since 1970
    // squared would lose the precision the slope needs.
    const qint64 origin = m_samples.front().msecsSinceEpoch;
    double meanX = 0;
    double meanY = 0;
    for (const Sample& s : m_samples) {
        meanX += static_cast<double>(s.msecsSinceEpoch - origin) / kMsecsPerHour;
        meanY += s.rssMb;
    }
    meanX /= static_cast<double>(n);
    meanY /= static_cast<double>(n);

    double sxy = 0;
    double sxx = 0;
    for (const Sample& s : m_samples) {
        const double dx = static_cast<double>(s.msecsSinceEpoch - origin) / kMsecsPerHour - meanX;
        sxy += dx * (s.rssMb - meanY);
        sxx += dx * dx;
    }
    // All samples at one instant (to the millisecond): no time passed, so no rate.
    if (sxx <= 0)
        return 0;
    return sxy / sxx;
}

MemoryTrendSummary MemoryTrend::summary() const
{
    MemoryTrendSummary s;
    s.samples = size();
    if (m_samples.empty())
        return s;

    const std::size_t last = static_cast<int>(m_samples.size()) < m_window
        ? m_samples.size() - 1
        : static_cast<std::size_t>((m_next + m_window - 1) % m_window);
    s.currentMb = m_samples[last].rssMb;

    double sum = 0;
    s.maxMb = m_samples.front().rssMb;
    qint64 earliest = m_samples.front().msecsSinceEpoch;
    qint64 latest = earliest;
    for (const Sample& sample : m_samples) {
        sum += sample.rssMb;
        s.maxMb = std::max(s.maxMb, sample.rssMb);
        earliest = std::min(earliest, sample.msecsSinceEpoch);
        latest = std::max(latest, sample.msecsSinceEpoch);
    }
    s.spanHours = static_cast<double>(latest - earliest) / 3'600'000.0;
    s.meanMb = sum / static_cast<double>(m_samples.size());
    s.growthMbPerHour = growthMbPerHour();
    return s;
}

QVector<MemoryTrendPoint> MemoryTrend::points() const
{
    QVector<MemoryTrendPoint> out;
    out.reserve(size());
    const std::size_t n = m_samples.size();
    const std::size_t first = static_cast<int>(n) < m_window ? 0 : static_cast<std::size_t>(m_next);
    for (std::size_t i = 0; i < n; ++i) {
        const Sample& s = m_samples[(first + i) % n];
        out.append(MemoryTrendPoint { QDateTime::fromMSecsSinceEpoch(s.msecsSinceEpoch, Qt::UTC), s.rssMb });
    }
    return out;
}

int MemoryTrend::size() const
{
    return static_cast<int>(m_samples.size());
}

void MemoryTrend::clear()
{
    m_samples.clear();
    m_next = 0;
}

QString MemoryTrend::logLine(const MemoryTrendSummary& s)
{
    return QStringLiteral("Memory trend: current=") + QString::number(s.currentMb, 'f', 1)
        + QStringLiteral("MB, mean=") + QString::number(s.meanMb, 'f', 1) + QStringLiteral("MB, max=")
        + QString::number(s.maxMb, 'f', 1) + QStringLiteral("MB, rate=")
        + QString::number(s.growthMbPerHour, 'f', 1) + QStringLiteral("MB/h over ")
        + QString::number(s.samples) + QStringLiteral(" cycles");
}

} // namespace Lantir
