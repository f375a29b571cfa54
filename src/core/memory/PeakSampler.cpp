#include "memory/PeakSampler.h"

#include "memory/MemoryProbe.h"

namespace Lantir {

PeakSampler::PeakSampler(std::chrono::milliseconds interval)
    : m_interval(interval.count() > 0 ? interval : std::chrono::milliseconds(1))
{
}

PeakSampler::~PeakSampler()
{
    stopThread();
}

void PeakSampler::start()
{
    stopThread();
    m_peakKb.store(-1);
    sampleOnce();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopRequested = false;
    }
    m_thread = std::thread([this] { run(); });
}

qint64 PeakSampler::stopAndGetPeakKb()
{
    stopThread();
    sampleOnce();
    return m_peakKb.load();
}

qint64 PeakSampler::peakSoFarKb() const
{
    return m_peakKb.load();
}

bool PeakSampler::isRunning() const
{
    return m_thread.joinable();
}

void PeakSampler::sampleOnce()
{
    const qint64 rss = MemoryProbe::currentRssKb();
    if (rss < 0)
        return;
    qint64 seen = m_peakKb.load();
    while (rss > seen && !m_peakKb.compare_exchange_weak(seen, rss)) { }
}

void PeakSampler::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopRequested) {
        lock.unlock();
        sampleOnce();
        lock.lock();
        m_wake.wait_for(lock, m_interval, [this] { return m_stopRequested; });
    }
}

void PeakSampler::stopThread()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopRequested = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

} // namespace Lantir
