#include "TestEnvironment.h"
#include "memory/CycleMemoryMeter.h"
#include "memory/MemoryProbe.h"
#include "memory/PeakSampler.h"

#include <QTest>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <vector>

#if !defined(_MSC_VER) && (defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__))
#define LANTIR_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LANTIR_TEST_SANITIZED 1
#endif
#endif

namespace Lantir::Test {

constexpr std::size_t kMiB = 1024 * 1024;
constexpr qint64 kMiBInKb = 1024;

// Writes one byte per 4 KiB page through a volatile pointer, so every page becomes resident and the
// compiler can't drop the allocation.
void touchPages(void* memory, std::size_t size)
{
    volatile char* bytes = static_cast<volatile char*>(memory);
    for (std::size_t i = 0; i < size; i += 4096)
        bytes[i] = static_cast<char>(i / 4096 + 1);
    bytes[size - 1] = 1;
}

// A block from malloc, freed when it goes out of scope (or on release()). Every page is touched, or
// only the first byte: enough for the compiler to keep the allocation, and the rest stays unmapped.
class Block
{
public:
    enum Touch
    {
        AllPages,
        FirstByte,
    };

    explicit Block(std::size_t size, Touch touch = AllPages)
        : m_memory(std::malloc(size))
    {
        if (!m_memory)
            return;
        if (touch == AllPages)
            touchPages(m_memory, size);
        else
            static_cast<volatile char*>(m_memory)[0] = 1;
    }
    ~Block() { release(); }
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;

    bool ok() const { return m_memory != nullptr; }
    void release()
    {
        std::free(m_memory);
        m_memory = nullptr;
    }

private:
    void* m_memory;
};

// printf("%.1f")-style reference through std::to_chars, which is locale-free and correctly rounded.
QString referenceMb(qint64 kb)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<double>(kb) / 1024.0,
                                      std::chars_format::fixed, 1);
    return QString::fromLatin1(buffer, static_cast<int>(result.ptr - buffer));
}

} // namespace Lantir::Test

using namespace Lantir;
using namespace Lantir::Test;

class TestMemoryProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void rssIsPositiveAndPlausible();
    void snapshotIsConsistent();
    void rssFollowsTouchedAllocation();
    void releaseFreeMemoryReturnsFragmentedHeap();
    void resetPeakThenPeakRisesWithTouchedAllocation();
    void heapInUseCountsMmappedBlock();
    void heapInUseCountsArenaChunks();
    void peakSamplerSeesShortLivedAllocation();
    void peakSamplerStopsCleanly();
    void cycleMemoryMeterMeasuresCycle();
    void cycleMemoryMeterWithoutBegin();
    void cycleMemoryMeterWithoutRelease();

    void cleanupLogLine_data();
    void cleanupLogLine();
    void cleanupLogLineFromSample();
    void formatKbAsMbMatchesPrintfRounding();
};

void TestMemoryProbe::initTestCase()
{
#if defined(__linux__) || defined(_WIN32) || defined(__APPLE__)
    QVERIFY2(MemoryProbe::isSupported(), "this platform reports RSS, so the probe must read it");
#else
    QSKIP("No RSS source on this platform; every figure is -1 by design");
#endif
}

void TestMemoryProbe::rssIsPositiveAndPlausible()
{
    const qint64 rss = MemoryProbe::currentRssKb();
    QVERIFY2(rss > 1024, qPrintable(QString::number(rss))); // a Qt process is above 1 MB
    QVERIFY2(rss < 64 * 1024 * 1024, qPrintable(QString::number(rss))); // and a unit test below 64 GB
    QVERIFY(MemoryProbe::peakRssKb() >= rss);
}

void TestMemoryProbe::snapshotIsConsistent()
{
    const MemorySnapshot s = MemoryProbe::snapshot();
    QVERIFY(s.rssKb > 0);
    QVERIFY(s.peakKb >= s.rssKb);
#if defined(__GLIBC__) || defined(LANTIR_TEST_SANITIZED)
    QVERIFY(s.heapInUseKb > 0);
#endif
}

void TestMemoryProbe::rssFollowsTouchedAllocation()
{
    const qint64 before = MemoryProbe::releaseFreeMemoryKb();
    Block block(64 * kMiB);
    QVERIFY(block.ok());
    const qint64 during = MemoryProbe::currentRssKb();
    QVERIFY2(during - before >= 60 * kMiBInKb,
             qPrintable(QStringLiteral("before %1 kB, with 64 MiB touched %2 kB").arg(before).arg(during)));

    block.release();
    const qint64 after = MemoryProbe::releaseFreeMemoryKb();
#if defined(LANTIR_TEST_SANITIZED)
    Q_UNUSED(after)
    QSKIP("The sanitizer keeps freed blocks in quarantine; RSS doesn't fall until it recycles them");
#else
    QVERIFY2(after - before < 8 * kMiBInKb,
             qPrintable(QStringLiteral("before %1 kB, after free and release %2 kB").arg(before).arg(after)));
#endif
}

void TestMemoryProbe::releaseFreeMemoryReturnsFragmentedHeap()
{
#if !defined(__GLIBC__) || defined(LANTIR_TEST_SANITIZED)
    QSKIP("Needs the glibc allocator (malloc_trim)");
#else
    // The pattern that grew pylantir: many small blocks, all freed, but one block allocated after them
    // pins the top of the heap, so free() alone can't give the pages back to the OS.
    constexpr std::size_t blockSize = 4000; // well below the mmap threshold: comes from the arena
    constexpr std::size_t blocks = 64 * kMiB / blockSize;
    std::vector<void*> pointers(blocks, nullptr);

    const qint64 before = MemoryProbe::releaseFreeMemoryKb();
    for (void*& p : pointers) {
        p = std::malloc(blockSize);
        QVERIFY(p);
        touchPages(p, blockSize);
    }
    Block pin(64);
    QVERIFY(pin.ok());
    const qint64 filled = MemoryProbe::currentRssKb();
    QVERIFY2(filled - before >= 56 * kMiBInKb,
             qPrintable(QStringLiteral("%1 -> %2 kB").arg(before).arg(filled)));

    for (void*& p : pointers) {
        std::free(p);
        p = nullptr;
    }
    const qint64 freedOnly = MemoryProbe::currentRssKb();
    QVERIFY2(freedOnly - before >= 48 * kMiBInKb,
             qPrintable(QStringLiteral("free() alone already returned the pages: %1 -> %2 kB")
                            .arg(before)
                            .arg(freedOnly)));

    const qint64 released = MemoryProbe::releaseFreeMemoryKb();
    QVERIFY2(released - before < 8 * kMiBInKb,
             qPrintable(QStringLiteral("before %1 kB, freed %2 kB, released %3 kB")
                            .arg(before)
                            .arg(freedOnly)
                            .arg(released)));
#endif
}

void TestMemoryProbe::resetPeakThenPeakRisesWithTouchedAllocation()
{
    {
        // Raise the high-water mark well above the current RSS first, so the reset has something to undo.
        Block spike(64 * kMiB);
        QVERIFY(spike.ok());
    }
    const qint64 base = MemoryProbe::releaseFreeMemoryKb();
    if (!MemoryProbe::resetPeak())
        QSKIP("The kernel's peak can't be reset here; PeakSampler measures cycle peaks instead");

    const qint64 current = MemoryProbe::currentRssKb();
    const qint64 peakAfterReset = MemoryProbe::peakRssKb();
    QVERIFY(peakAfterReset >= current);
    QVERIFY2(
        peakAfterReset - base < 32 * kMiBInKb,
        qPrintable(QStringLiteral("peak %1 kB after reset at RSS %2 kB: the 64 MiB spike is still counted")
                       .arg(peakAfterReset)
                       .arg(base)));

    {
        Block block(32 * kMiB);
        QVERIFY(block.ok());
    }
    const qint64 peak = MemoryProbe::peakRssKb();
    QVERIFY2(peak - peakAfterReset >= 30 * kMiBInKb,
             qPrintable(QStringLiteral("peak %1 kB after reset, %2 kB after a 32 MiB block")
                            .arg(peakAfterReset)
                            .arg(peak)));
    // Until the next reset the mark only rises: read after the RSS, it is at least that RSS.
    const qint64 later = MemoryProbe::currentRssKb();
    QVERIFY(MemoryProbe::peakRssKb() >= later);
}

void TestMemoryProbe::heapInUseCountsMmappedBlock()
{
    if (MemoryProbe::heapInUseKb() < 0)
        QSKIP("The allocator here does not report heap in use");

    // 8 MiB is above glibc's mmap threshold: it is mapped on its own and counted in hblkhd.
    const qint64 before = MemoryProbe::heapInUseKb();
    Block kept(8 * kMiB, Block::FirstByte); // in use even though its pages aren't resident
    QVERIFY(kept.ok());
    const qint64 with = MemoryProbe::heapInUseKb();
    QVERIFY2(with - before >= 8 * kMiBInKb && with - before <= 8 * kMiBInKb + 256,
             qPrintable(QStringLiteral("heap in use %1 -> %2 kB for an 8 MiB block").arg(before).arg(with)));

    kept.release();
    const qint64 after = MemoryProbe::heapInUseKb();
    QVERIFY2(qAbs(after - before) <= 256,
             qPrintable(QStringLiteral("%1 -> %2 kB after free").arg(before).arg(after)));
}

void TestMemoryProbe::heapInUseCountsArenaChunks()
{
    if (MemoryProbe::heapInUseKb() < 0)
        QSKIP("The allocator here does not report heap in use");

    constexpr std::size_t blockSize = 4096;
    constexpr std::size_t blocks = 8 * kMiB / blockSize;
    std::vector<void*> pointers(blocks, nullptr);

    const qint64 before = MemoryProbe::heapInUseKb();
    for (void*& p : pointers) {
        p = std::malloc(blockSize);
        QVERIFY(p);
        static_cast<volatile char*>(p)[0] = 1;
    }
    const qint64 with = MemoryProbe::heapInUseKb();
    // Each chunk carries a few bytes of header: 8 MiB of payload is a little over 8 MiB in use.
    QVERIFY2(
        with - before >= 8 * kMiBInKb && with - before <= 8 * kMiBInKb + 512,
        qPrintable(QStringLiteral("heap in use %1 -> %2 kB for 2048 blocks of 4 KiB").arg(before).arg(with)));

    for (void*& p : pointers) {
        std::free(p);
        p = nullptr;
    }
    const qint64 after = MemoryProbe::heapInUseKb();
    QVERIFY2(qAbs(after - before) <= 256,
             qPrintable(QStringLiteral("%1 -> %2 kB after free").arg(before).arg(after)));
}

void TestMemoryProbe::peakSamplerSeesShortLivedAllocation()
{
    const qint64 base = MemoryProbe::releaseFreeMemoryKb();
    PeakSampler sampler;
    sampler.start();
    QVERIFY(sampler.isRunning());
    QVERIFY(sampler.peakSoFarKb() >= base - 4 * kMiBInKb);

    auto block = std::make_unique<Block>(64 * kMiB);
    QVERIFY(block->ok());
    // The sampler thread takes a sample every 10 ms; wait until one has seen the block.
    QTRY_VERIFY_WITH_TIMEOUT(sampler.peakSoFarKb() - base >= 60 * kMiBInKb, TestEnvironment::scaledMs(5000));
    block.reset();
    const qint64 afterFree = MemoryProbe::releaseFreeMemoryKb();

    const qint64 peak = sampler.stopAndGetPeakKb();
    QVERIFY(!sampler.isRunning());
    QVERIFY2(peak - base >= 60 * kMiBInKb,
             qPrintable(QStringLiteral("base %1 kB, peak %2 kB").arg(base).arg(peak)));
#if !defined(LANTIR_TEST_SANITIZED)
    QVERIFY2(peak - afterFree >= 56 * kMiBInKb,
             qPrintable(QStringLiteral("peak %1 kB, after free %2 kB").arg(peak).arg(afterFree)));
#else
    Q_UNUSED(afterFree)
#endif
}

void TestMemoryProbe::peakSamplerStopsCleanly()
{
    PeakSampler sampler(std::chrono::milliseconds(1));
    QCOMPARE(sampler.peakSoFarKb(), qint64(-1));
    QVERIFY(!sampler.isRunning());
    // Stop without start: one sample, no thread.
    const qint64 once = sampler.stopAndGetPeakKb();
    QVERIFY(once > 0);

    // Restart while running starts over, and destruction while running joins the thread.
    sampler.start();
    sampler.start();
    QVERIFY(sampler.isRunning());
    QVERIFY(sampler.stopAndGetPeakKb() > 0);
    QVERIFY(!sampler.isRunning());

    auto running = std::make_unique<PeakSampler>();
    running->start();
    running.reset();
}

void TestMemoryProbe::cycleMemoryMeterMeasuresCycle()
{
    MemoryProbe::releaseFreeMemoryKb();
    const bool kernelPeak = MemoryProbe::resetPeak();
    CycleMemoryMeter meter;
    QVERIFY(!meter.isMeasuring());
    meter.begin();
    QVERIFY(meter.isMeasuring());
    {
        Block work(32 * kMiB);
        QVERIFY(work.ok());
        // Without a kernel mark only the meter's sampler (every 10 ms) can see the block: keep it
        // alive for a few samples. With the kernel mark, freeing it records the peak at once.
        if (!kernelPeak)
            QTest::qWait(50);
    }
    const MemorySample m = meter.finish();
    QVERIFY(!meter.isMeasuring());

    QCOMPARE(m.peakSampled, !kernelPeak);
    QVERIFY(m.startKb > 0);
    QVERIFY(m.endKb > 0);
    QVERIFY(m.releasedKb > 0);
    QVERIFY2(m.peakKb - m.startKb >= 30 * kMiBInKb,
             qPrintable(QStringLiteral("start %1 kB, peak %2 kB").arg(m.startKb).arg(m.peakKb)));
    QVERIFY(m.peakKb >= m.endKb);
    QVERIFY(m.releasedKb <= m.endKb + 1024);
#if defined(__GLIBC__) || defined(LANTIR_TEST_SANITIZED)
    QVERIFY(m.heapInUseKb > 0);
#endif
#if !defined(LANTIR_TEST_SANITIZED)
    QVERIFY2(m.releasedKb - m.startKb < 8 * kMiBInKb,
             qPrintable(QStringLiteral("start %1 kB, released %2 kB").arg(m.startKb).arg(m.releasedKb)));
#endif
}

void TestMemoryProbe::cycleMemoryMeterWithoutBegin()
{
    CycleMemoryMeter meter;
    const MemorySample m = meter.finish();
    QCOMPARE(m.startKb, qint64(-1));
    QCOMPARE(m.peakKb, qint64(-1));
    QVERIFY(m.endKb > 0);
    QVERIFY(m.releasedKb > 0);
    QCOMPARE(MemoryProbe::cleanupLogLine(m, 3), QStringLiteral("Memory cleanup: Collected 3 objects"));
}

void TestMemoryProbe::cycleMemoryMeterWithoutRelease()
{
    CycleMemoryMeter meter(false);
    meter.begin();
    const MemorySample m = meter.finish();
    QCOMPARE(m.releasedKb, m.endKb);
    QVERIFY(m.peakKb >= m.startKb);
    QVERIFY(m.peakKb >= m.endKb);
}

void TestMemoryProbe::cleanupLogLine_data()
{
    QTest::addColumn<qint64>("startKb");
    QTest::addColumn<qint64>("endKb");
    QTest::addColumn<qint64>("releasedKb");
    QTest::addColumn<qint64>("objects");
    QTest::addColumn<QString>("expected");

    QTest::newRow("typical") << qint64(113852) << qint64(114000) << qint64(113000) << qint64(42)
                             << QStringLiteral(
                                    "Memory cleanup: Before=111.2MB, After=110.4MB, Freed=1.0MB, Objects=42");
    // Exact binary ties round to even, as Python's "%.1f" does: 0.25 -> 0.2, 1.25 -> 1.2, 1.75 -> 1.8.
    QTest::newRow("ties to even") << qint64(256) << qint64(1792) << qint64(1280) << qint64(1)
                                  << QStringLiteral(
                                         "Memory cleanup: Before=0.2MB, After=1.2MB, Freed=0.5MB, Objects=1");
    QTest::newRow("tie rounds up to even")
        << qint64(1792) << qint64(3840) << qint64(1792) << qint64(0)
        << QStringLiteral("Memory cleanup: Before=1.8MB, After=1.8MB, Freed=2.0MB, Objects=0");
    // RSS a little higher after the release than before it: Python prints "-0.0", and so do we.
    QTest::newRow("tiny negative")
        << qint64(1024) << qint64(1000) << qint64(1010) << qint64(5)
        << QStringLiteral("Memory cleanup: Before=1.0MB, After=1.0MB, Freed=-0.0MB, Objects=5");
    QTest::newRow("negative") << qint64(2048) << qint64(2048) << qint64(3072) << qint64(5)
                              << QStringLiteral(
                                     "Memory cleanup: Before=2.0MB, After=3.0MB, Freed=-1.0MB, Objects=5");
    QTest::newRow("zero") << qint64(0) << qint64(0) << qint64(0) << qint64(0)
                          << QStringLiteral(
                                 "Memory cleanup: Before=0.0MB, After=0.0MB, Freed=0.0MB, Objects=0");
    // pylantir's 713 MB after five days.
    QTest::newRow("pylantir day five")
        << qint64(730348) << qint64(730358) << qint64(730348) << qint64(60000)
        << QStringLiteral("Memory cleanup: Before=713.2MB, After=713.2MB, Freed=0.0MB, Objects=60000");
    QTest::newRow("gigabytes")
        << qint64(5LL * 1024 * 1024) << qint64(5LL * 1024 * 1024 + 512) << qint64(4LL * 1024 * 1024)
        << qint64(20000)
        << QStringLiteral("Memory cleanup: Before=5120.0MB, After=4096.0MB, Freed=1024.5MB, Objects=20000");
    // Without the figures, pylantir's own wording when psutil is missing.
    QTest::newRow("unknown start") << qint64(-1) << qint64(2048) << qint64(1024) << qint64(7)
                                   << QStringLiteral("Memory cleanup: Collected 7 objects");
    QTest::newRow("unknown released") << qint64(1024) << qint64(2048) << qint64(-1) << qint64(0)
                                      << QStringLiteral("Memory cleanup: Collected 0 objects");
}

void TestMemoryProbe::cleanupLogLine()
{
    QFETCH(qint64, startKb);
    QFETCH(qint64, endKb);
    QFETCH(qint64, releasedKb);
    QFETCH(qint64, objects);
    QFETCH(QString, expected);
    QCOMPARE(MemoryProbe::cleanupLogLine(startKb, endKb, releasedKb, objects), expected);
}

void TestMemoryProbe::cleanupLogLineFromSample()
{
    MemorySample s;
    s.startKb = 102400; // 100.0
    s.peakKb = 140000;
    s.endKb = 112640; // 110.0
    s.releasedKb = 104448; // 102.0
    s.heapInUseKb = 5000;
    QCOMPARE(MemoryProbe::cleanupLogLine(s, 60000),
             QStringLiteral("Memory cleanup: Before=100.0MB, After=102.0MB, Freed=8.0MB, Objects=60000"));
}

void TestMemoryProbe::formatKbAsMbMatchesPrintfRounding()
{
    // Every KiB value up to 40 MB and around 1 GB, both signs, against a correctly rounded "%.1f".
    for (qint64 kb = 0; kb <= 40960; ++kb) {
        QCOMPARE(MemoryProbe::formatKbAsMb(kb), referenceMb(kb));
        QCOMPARE(MemoryProbe::formatKbAsMb(-kb), kb == 0 ? QStringLiteral("0.0") : referenceMb(-kb));
    }
    for (qint64 kb = 1024 * 1024 - 2048; kb <= 1024 * 1024 + 2048; ++kb)
        QCOMPARE(MemoryProbe::formatKbAsMb(kb), referenceMb(kb));
}

QTEST_GUILESS_MAIN(TestMemoryProbe)
#include "tst_memoryprobe.moc"
