#pragma once

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Lantir {

// Measures the highest RSS over a stretch of time by sampling it on its own thread, for platforms
// whose kernel high-water mark cannot be reset (MemoryProbe::resetPeak() returns false). A spike
// shorter than the interval can slip between two samples; the kernel mark, where it exists, can't.
class PeakSampler
{
public:
    explicit PeakSampler(std::chrono::milliseconds interval = std::chrono::milliseconds(10));
    ~PeakSampler();
    PeakSampler(const PeakSampler&) = delete;
    PeakSampler& operator=(const PeakSampler&) = delete;

    // Starts sampling from the current RSS; a running sampler starts over.
    void start();
    // Stops sampling and returns the highest RSS seen, including one last sample; -1 if unknown.
    qint64 stopAndGetPeakKb();
    // The highest RSS seen so far (safe from any thread while running); -1 before any sample.
    qint64 peakSoFarKb() const;
    bool isRunning() const;

private:
    void sampleOnce();
    void run();
    void stopThread();

    const std::chrono::milliseconds m_interval;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopRequested = false;
    std::atomic<qint64> m_peakKb { -1 };
};

} // namespace Lantir
