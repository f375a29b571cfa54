#include "memory/MemoryAlarm.h"
#include "memory/MemoryTrend.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Lantir;

namespace {

const QDateTime kStart = QDateTime(QDate(2025, 11, 21), QTime(8, 0, 0, 123), Qt::UTC);
constexpr qint64 kHalfHourMs = 30 * 60 * 1000;

MemoryTrendSummary summaryOf(int samples, double currentMb, double growthMbPerHour)
{
    MemoryTrendSummary s;
    s.samples = samples;
    s.currentMb = currentMb;
    s.meanMb = currentMb;
    s.maxMb = currentMb;
    s.growthMbPerHour = growthMbPerHour;
    s.spanHours = samples > 1 ? (samples - 1) * 0.5 : 0.0; // 30-minute cycles
    return s;
}

} // namespace

class TestMemoryTrend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyTrend();
    void singleSample();
    void flatSeries();
    void linearSeries_data();
    void linearSeries();
    void irregularIntervals();
    void shortIntervalWarmUpDoesNotWarn();
    void shortIntervalLeakWarns();
    void spanOfTheWindow();
    void noiseOrthogonalToTimeLeavesSlopeExact();
    void randomNoise();
    void outOfOrderTimes();
    void sameInstantHasNoRate();
    void invalidSamplesIgnored();
    void windowKeepsLastHundred();
    void windowSlopeForgetsOldSamples();
    void ringKeepsCurrentAndOrder();
    void customAndClampedWindow();
    void clearEmpties();
    void pylantirGrowthIsWarned();

    void alarmLevels_data();
    void alarmLevels();
    void alarmMessages();
    void alarmDefaults();
    void alarmLevelNames();

    void trendLogLine();
    void trendLogLineFromTrend();
};

void TestMemoryTrend::emptyTrend()
{
    MemoryTrend trend;
    QCOMPARE(trend.size(), 0);
    QCOMPARE(trend.window(), 100);
    QCOMPARE(trend.growthMbPerHour(), 0.0);
    const MemoryTrendSummary s = trend.summary();
    QCOMPARE(s.samples, 0);
    QCOMPARE(s.currentMb, 0.0);
    QCOMPARE(s.meanMb, 0.0);
    QCOMPARE(s.maxMb, 0.0);
    QCOMPARE(s.growthMbPerHour, 0.0);
    QVERIFY(trend.points().isEmpty());
}

void TestMemoryTrend::singleSample()
{
    MemoryTrend trend;
    trend.add(kStart, 111.18);
    QCOMPARE(trend.size(), 1);
    QCOMPARE(trend.growthMbPerHour(), 0.0);
    const MemoryTrendSummary s = trend.summary();
    QCOMPARE(s.samples, 1);
    QCOMPARE(s.currentMb, 111.18);
    QCOMPARE(s.meanMb, 111.18);
    QCOMPARE(s.maxMb, 111.18);
}

void TestMemoryTrend::flatSeries()
{
    MemoryTrend trend;
    for (int i = 0; i < 100; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 120.0);
    QVERIFY2(std::abs(trend.growthMbPerHour()) < 1e-12, qPrintable(QString::number(trend.growthMbPerHour())));
    const MemoryTrendSummary s = trend.summary();
    QCOMPARE(s.samples, 100);
    QCOMPARE(s.currentMb, 120.0);
    QCOMPARE(s.meanMb, 120.0);
    QCOMPARE(s.maxMb, 120.0);
}

void TestMemoryTrend::linearSeries_data()
{
    QTest::addColumn<int>("samples");
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<double>("stepMb");
    QTest::addColumn<double>("expectedMbPerHour");

    // pylantir's leak: 2.5 MB every 30-minute cycle.
    QTest::newRow("2.5 MB per 30 min") << 100 << kHalfHourMs << 2.5 << 5.0;
    QTest::newRow("two points") << 2 << kHalfHourMs << 2.5 << 5.0;
    QTest::newRow("ten points") << 10 << kHalfHourMs << 2.5 << 5.0;
    QTest::newRow("shrinking") << 50 << kHalfHourMs << -0.5 << -1.0;
    QTest::newRow("5-minute cycles, 0.1 MB") << 100 << qint64(5 * 60 * 1000) << 0.1 << 1.2;
    QTest::newRow("benchmark, 200 ms cycles") << 100 << qint64(200) << 0.001 << 18.0;
}

void TestMemoryTrend::linearSeries()
{
    QFETCH(int, samples);
    QFETCH(qint64, intervalMs);
    QFETCH(double, stepMb);
    QFETCH(double, expectedMbPerHour);

    MemoryTrend trend;
    for (int i = 0; i < samples; ++i)
        trend.add(kStart.addMSecs(i * intervalMs), 111.0 + i * stepMb);
    QVERIFY2(std::abs(trend.growthMbPerHour() - expectedMbPerHour) < 1e-9,
             qPrintable(QString::number(trend.growthMbPerHour(), 'g', 17)));
    QCOMPARE(trend.summary().growthMbPerHour, trend.growthMbPerHour());
}

void TestMemoryTrend::irregularIntervals()
{
    // Cycles that ran late or were skipped: the rate is per hour of wall time, not per cycle.
    MemoryTrend trend;
    const qint64 offsetsMs[] = { 0, 1800000, 3700000, 5400000, 9000000, 9001000, 14400000, 16000000 };
    for (qint64 ms : offsetsMs)
        trend.add(kStart.addMSecs(ms), 100.0 + 5.0 * static_cast<double>(ms) / 3600000.0);
    QVERIFY2(std::abs(trend.growthMbPerHour() - 5.0) < 1e-9,
             qPrintable(QString::number(trend.growthMbPerHour(), 'g', 17)));
}

void TestMemoryTrend::noiseOrthogonalToTimeLeavesSlopeExact()
{
    // The noise pattern +a, -a, -a, +a sums to zero and is orthogonal to 0, 1, 2, 3, so least squares
    // must return the underlying 5 MB/h exactly, while the samples themselves jump by 2 MB.
    const double pattern[] = { 1.0, -1.0, -1.0, 1.0 };
    MemoryTrend trend;
    for (int i = 0; i < 100; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 120.0 + 2.5 * i + pattern[i % 4]);
    QVERIFY2(std::abs(trend.growthMbPerHour() - 5.0) < 1e-9,
             qPrintable(QString::number(trend.growthMbPerHour(), 'g', 17)));
    QCOMPARE(trend.summary().maxMb, 120.0 + 2.5 * 99 + 1.0);
}

void TestMemoryTrend::randomNoise()
{
    // +-2 MB of noise on 5 MB/h over 50 hours: the slope's standard error is about 0.01 MB/h.
    QRandomGenerator random(20251126);
    MemoryTrend trend;
    for (int i = 0; i < 100; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 120.0 + 2.5 * i + random.bounded(4.0) - 2.0);
    QVERIFY2(std::abs(trend.growthMbPerHour() - 5.0) < 0.1,
             qPrintable(QString::number(trend.growthMbPerHour())));

    // Pure noise around a flat line stays near zero and far from the 10 MB/h warning.
    MemoryTrend flat;
    for (int i = 0; i < 100; ++i)
        flat.add(kStart.addMSecs(i * kHalfHourMs), 120.0 + random.bounded(4.0) - 2.0);
    QVERIFY2(std::abs(flat.growthMbPerHour()) < 0.1, qPrintable(QString::number(flat.growthMbPerHour())));
    QCOMPARE(evaluateMemoryAlarm(flat.summary()).level, MemoryAlarmLevel::None);
}

void TestMemoryTrend::outOfOrderTimes()
{
    MemoryTrend ordered;
    MemoryTrend shuffled;
    const int order[] = { 3, 0, 7, 1, 9, 4, 2, 8, 6, 5 };
    for (int i = 0; i < 10; ++i)
        ordered.add(kStart.addMSecs(i * kHalfHourMs), 100.0 + 3.0 * i + (i % 3));
    for (int i : order)
        shuffled.add(kStart.addMSecs(i * kHalfHourMs), 100.0 + 3.0 * i + (i % 3));
    QVERIFY(std::abs(ordered.growthMbPerHour() - shuffled.growthMbPerHour()) < 1e-9);
    QCOMPARE(shuffled.summary().currentMb, 100.0 + 3.0 * 5 + 2); // the last added, not the latest time
}

void TestMemoryTrend::sameInstantHasNoRate()
{
    MemoryTrend trend;
    trend.add(kStart, 100.0);
    trend.add(kStart, 200.0);
    trend.add(kStart, 300.0);
    QCOMPARE(trend.growthMbPerHour(), 0.0);
    QCOMPARE(trend.summary().meanMb, 200.0);
}

void TestMemoryTrend::invalidSamplesIgnored()
{
    MemoryTrend trend;
    trend.add(QDateTime(), 100.0);
    trend.add(kStart, std::numeric_limits<double>::quiet_NaN());
    trend.add(kStart, std::numeric_limits<double>::infinity());
    trend.add(kStart, -std::numeric_limits<double>::infinity());
    QCOMPARE(trend.size(), 0);
    trend.add(kStart, 100.0);
    trend.add(kStart.addMSecs(kHalfHourMs), 102.5);
    trend.add(kStart.addMSecs(2 * kHalfHourMs), std::numeric_limits<double>::quiet_NaN());
    QCOMPARE(trend.size(), 2);
    QVERIFY(std::abs(trend.growthMbPerHour() - 5.0) < 1e-9);
}

void TestMemoryTrend::windowKeepsLastHundred()
{
    MemoryTrend trend;
    for (int i = 0; i < 1000; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), i < 900 ? 900.0 : 100.0);
    QCOMPARE(trend.size(), 100);
    const QVector<MemoryTrendPoint> points = trend.points();
    QCOMPARE(points.size(), 100);
    QCOMPARE(points.first().time, kStart.addMSecs(900 * kHalfHourMs));
    QCOMPARE(points.last().time, kStart.addMSecs(999 * kHalfHourMs));

    // The 900 high samples are gone: they count neither in max, mean nor slope.
    const MemoryTrendSummary s = trend.summary();
    QCOMPARE(s.samples, 100);
    QCOMPARE(s.currentMb, 100.0);
    QCOMPARE(s.meanMb, 100.0);
    QCOMPARE(s.maxMb, 100.0);
    QVERIFY(std::abs(s.growthMbPerHour) < 1e-12);
}

void TestMemoryTrend::windowSlopeForgetsOldSamples()
{
    // A steep start-up (caches warming) followed by a flat plateau: once the start-up has left the
    // window, the rate is the plateau's.
    MemoryTrend trend;
    int i = 0;
    for (; i < 20; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 100.0 + 10.0 * i);
    QVERIFY(std::abs(trend.growthMbPerHour() - 20.0) < 1e-9);
    for (; i < 120; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 300.0);
    QVERIFY(std::abs(trend.growthMbPerHour()) < 1e-12);
    // A leak of 2.5 MB per cycle starting after the plateau: ten leaking cycles in a window of 100
    // pull the slope up only a little (least squares weighs the whole window: 3196.875 / 20831.25 MB/h
    // by hand), and once the window holds nothing but leaking cycles it reads the full 5 MB/h.
    for (; i < 130; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 300.0 + 2.5 * (i - 119));
    QVERIFY2(std::abs(trend.growthMbPerHour() - 3196.875 / 20831.25) < 1e-9,
             qPrintable(QString::number(trend.growthMbPerHour(), 'g', 17)));
    for (; i < 220; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 300.0 + 2.5 * (i - 119));
    QVERIFY2(std::abs(trend.growthMbPerHour() - 5.0) < 1e-9,
             qPrintable(QString::number(trend.growthMbPerHour(), 'g', 17)));
}

void TestMemoryTrend::ringKeepsCurrentAndOrder()
{
    MemoryTrend trend;
    for (int i = 0; i < 250; ++i) {
        trend.add(kStart.addMSecs(i * 1000), i);
        QCOMPARE(trend.summary().currentMb, double(i));
        QCOMPARE(trend.size(), qMin(i + 1, 100));
    }
    const MemoryTrendSummary s = trend.summary();
    QCOMPARE(s.maxMb, 249.0);
    QCOMPARE(s.meanMb, 199.5); // 150 .. 249
    const QVector<MemoryTrendPoint> points = trend.points();
    for (int k = 0; k < points.size(); ++k) {
        QCOMPARE(points.at(k).rssMb, double(150 + k));
        QCOMPARE(points.at(k).time, kStart.addMSecs((150 + k) * 1000));
    }
}

void TestMemoryTrend::customAndClampedWindow()
{
    MemoryTrend five(5);
    for (int i = 0; i < 12; ++i)
        five.add(kStart.addMSecs(i * kHalfHourMs), 2.5 * i);
    QCOMPARE(five.size(), 5);
    QCOMPARE(five.summary().meanMb, 2.5 * 9);
    QVERIFY(std::abs(five.growthMbPerHour() - 5.0) < 1e-9);

    MemoryTrend zero(0);
    QCOMPARE(zero.window(), 1);
    zero.add(kStart, 1.0);
    zero.add(kStart.addMSecs(kHalfHourMs), 2.0);
    QCOMPARE(zero.size(), 1);
    QCOMPARE(zero.summary().currentMb, 2.0);
    QCOMPARE(zero.growthMbPerHour(), 0.0);

    QCOMPARE(MemoryTrend(-7).window(), 1);
}

void TestMemoryTrend::clearEmpties()
{
    MemoryTrend trend(10);
    for (int i = 0; i < 25; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 100.0 + i);
    trend.clear();
    QCOMPARE(trend.size(), 0);
    QCOMPARE(trend.summary().samples, 0);
    trend.add(kStart, 7.0);
    trend.add(kStart.addMSecs(kHalfHourMs), 9.5);
    QCOMPARE(trend.summary().currentMb, 9.5);
    QCOMPARE(trend.points().first().rssMb, 7.0);
    QVERIFY(std::abs(trend.growthMbPerHour() - 5.0) < 1e-9);
}

void TestMemoryTrend::pylantirGrowthIsWarned()
{
    // pylantir's real series: 111 MB rising 2.5 MB per 30-minute cycle = 5 MB/h. Below the default
    // 10 MB/h warning; with 6 MB per cycle (12 MB/h) the warning comes at the 10th cycle, not before.
    MemoryTrend slow;
    for (int i = 0; i < 100; ++i)
        slow.add(kStart.addMSecs(i * kHalfHourMs), 111.0 + 2.5 * i);
    QCOMPARE(evaluateMemoryAlarm(slow.summary()).level, MemoryAlarmLevel::None);

    MemoryTrend fast;
    for (int i = 0; i < 10; ++i) {
        fast.add(kStart.addMSecs(i * kHalfHourMs), 111.0 + 6.0 * i);
        const MemoryAlarm alarm = evaluateMemoryAlarm(fast.summary());
        QCOMPARE(alarm.level, i < 9 ? MemoryAlarmLevel::None : MemoryAlarmLevel::Warning);
    }

    // Five days later pylantir stood at 713 MB: critical whatever the rate.
    MemoryTrend late;
    late.add(kStart, 713.23);
    QCOMPARE(evaluateMemoryAlarm(late.summary()).level, MemoryAlarmLevel::Critical);
}

void TestMemoryTrend::shortIntervalWarmUpDoesNotWarn()
{
    // lantir-sync --interval 5: the first cycles fill SQLite's page cache and the network buffers,
    // 2 MB in all over the first 20 cycles (75 MB per hour extrapolated), then nothing more.
    // A bounded warm-up is not a leak: no warning at any point.
    MemoryTrend trend;
    for (int i = 0; i < 100; ++i) {
        trend.add(kStart.addSecs(5 * i), 12.0 + 0.1 * std::min(i, 20));
        const MemoryAlarm alarm = evaluateMemoryAlarm(trend.summary());
        QVERIFY2(alarm.level == MemoryAlarmLevel::None,
                 qPrintable(QStringLiteral("cycle %1: %2").arg(i + 1).arg(alarm.message)));
    }
}

void TestMemoryTrend::shortIntervalLeakWarns()
{
    // The same intervals with a real leak, 1 MB a cycle: warned as soon as the rule allows (the
    // 10th cycle, 9 MB grown), not held back by the short time span.
    MemoryTrend trend;
    for (int i = 0; i < 10; ++i) {
        trend.add(kStart.addSecs(5 * i), 12.0 + 1.0 * i);
        const MemoryAlarm alarm = evaluateMemoryAlarm(trend.summary());
        QCOMPARE(alarm.level, i < 9 ? MemoryAlarmLevel::None : MemoryAlarmLevel::Warning);
    }
}

void TestMemoryTrend::spanOfTheWindow()
{
    MemoryTrend trend(4);
    QCOMPARE(trend.summary().spanHours, 0.0);
    for (int i = 0; i < 6; ++i) // only the last 4 stay: 1.5 hours apart end to end
        trend.add(kStart.addMSecs(i * kHalfHourMs), 10.0);
    QVERIFY(std::abs(trend.summary().spanHours - 1.5) < 1e-9);
}

void TestMemoryTrend::alarmLevels_data()
{
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("currentMb");
    QTest::addColumn<double>("growth");
    QTest::addColumn<double>("warn");
    QTest::addColumn<double>("critical");
    QTest::addColumn<int>("level");

    const int none = int(MemoryAlarmLevel::None);
    const int warning = int(MemoryAlarmLevel::Warning);
    const int critical = int(MemoryAlarmLevel::Critical);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    QTest::newRow("no samples") << 0 << 900.0 << 99.0 << 10.0 << 500.0 << none;
    QTest::newRow("flat") << 100 << 120.0 << 0.0 << 10.0 << 500.0 << none;
    QTest::newRow("9 samples, fast growth") << 9 << 120.0 << 50.0 << 10.0 << 500.0 << none;
    QTest::newRow("10 samples, fast growth") << 10 << 120.0 << 50.0 << 10.0 << 500.0 << warning;
    QTest::newRow("growth at the limit") << 10 << 120.0 << 10.0 << 10.0 << 500.0 << none;
    QTest::newRow("growth just above") << 10 << 120.0 << 10.01 << 10.0 << 500.0 << warning;
    QTest::newRow("shrinking") << 100 << 120.0 << -50.0 << 10.0 << 500.0 << none;
    QTest::newRow("custom warn") << 20 << 120.0 << 3.0 << 2.0 << 500.0 << warning;
    QTest::newRow("1 sample above critical") << 1 << 501.0 << 0.0 << 10.0 << 500.0 << critical;
    QTest::newRow("at critical") << 100 << 500.0 << 0.0 << 10.0 << 500.0 << none;
    QTest::newRow("critical beats warning") << 100 << 600.0 << 50.0 << 10.0 << 500.0 << critical;
    QTest::newRow("custom critical") << 5 << 150.0 << 0.0 << 10.0 << 128.0 << critical;
    QTest::newRow("warning off") << 100 << 120.0 << 500.0 << 0.0 << 500.0 << none;
    QTest::newRow("critical off") << 100 << 9999.0 << 0.0 << 10.0 << 0.0 << none;
    QTest::newRow("critical off, warning on") << 100 << 9999.0 << 50.0 << 10.0 << -1.0 << warning;
    QTest::newRow("NaN limits") << 100 << 9999.0 << 500.0 << nan << nan << none;
}

void TestMemoryTrend::alarmLevels()
{
    QFETCH(int, samples);
    QFETCH(double, currentMb);
    QFETCH(double, growth);
    QFETCH(double, warn);
    QFETCH(double, critical);
    QFETCH(int, level);

    const MemoryAlarm alarm = evaluateMemoryAlarm(summaryOf(samples, currentMb, growth), warn, critical);
    QCOMPARE(int(alarm.level), level);
    QCOMPARE(alarm.message.isEmpty(), alarm.level == MemoryAlarmLevel::None);
}

void TestMemoryTrend::alarmMessages()
{
    const MemoryAlarm warning = evaluateMemoryAlarm(summaryOf(24, 180.0, 12.345), 10.0, 500.0);
    QCOMPARE(warning.level, MemoryAlarmLevel::Warning);
    QVERIFY2(warning.message.contains(QStringLiteral("12.3 MB per hour")), qPrintable(warning.message));
    QVERIFY2(warning.message.contains(QStringLiteral("24 cycles")), qPrintable(warning.message));
    QVERIFY2(warning.message.contains(QStringLiteral("10.0 MB per hour")), qPrintable(warning.message));
    QVERIFY2(warning.message.contains(QStringLiteral("restart")), qPrintable(warning.message));

    const MemoryAlarm critical = evaluateMemoryAlarm(summaryOf(3, 713.23, 5.0), 10.0, 500.0);
    QCOMPARE(critical.level, MemoryAlarmLevel::Critical);
    QVERIFY2(critical.message.contains(QStringLiteral("713.2 MB")), qPrintable(critical.message));
    QVERIFY2(critical.message.contains(QStringLiteral("500.0 MB")), qPrintable(critical.message));
    QVERIFY2(critical.message.contains(QStringLiteral("Restart Lantir")), qPrintable(critical.message));
}

void TestMemoryTrend::alarmDefaults()
{
    QCOMPARE(kDefaultMemoryWarnMbPerHour, 10.0);
    QCOMPARE(kDefaultMemoryCriticalMb, 500.0);
    QCOMPARE(kMemoryAlarmMinSamples, 10);
    QCOMPARE(evaluateMemoryAlarm(summaryOf(10, 120.0, 10.5)).level, MemoryAlarmLevel::Warning);
    QCOMPARE(evaluateMemoryAlarm(summaryOf(10, 120.0, 9.5)).level, MemoryAlarmLevel::None);
    QCOMPARE(evaluateMemoryAlarm(summaryOf(1, 500.5, 0.0)).level, MemoryAlarmLevel::Critical);
    QCOMPARE(evaluateMemoryAlarm(summaryOf(1, 499.5, 0.0)).level, MemoryAlarmLevel::None);
}

void TestMemoryTrend::alarmLevelNames()
{
    QCOMPARE(memoryAlarmLevelName(MemoryAlarmLevel::None), QStringLiteral("none"));
    QCOMPARE(memoryAlarmLevelName(MemoryAlarmLevel::Warning), QStringLiteral("warning"));
    QCOMPARE(memoryAlarmLevelName(MemoryAlarmLevel::Critical), QStringLiteral("critical"));
}

void TestMemoryTrend::trendLogLine()
{
    MemoryTrendSummary s;
    s.currentMb = 123.46;
    s.meanMb = 120.0;
    s.maxMb = 130.04;
    s.growthMbPerHour = -0.26;
    s.samples = 10;
    QCOMPARE(MemoryTrend::logLine(s),
             QStringLiteral(
                 "Memory trend: current=123.5MB, mean=120.0MB, max=130.0MB, rate=-0.3MB/h over 10 cycles"));
    QCOMPARE(
        MemoryTrend::logLine(MemoryTrendSummary()),
        QStringLiteral("Memory trend: current=0.0MB, mean=0.0MB, max=0.0MB, rate=0.0MB/h over 0 cycles"));
}

void TestMemoryTrend::trendLogLineFromTrend()
{
    MemoryTrend trend;
    for (int i = 0; i < 10; ++i)
        trend.add(kStart.addMSecs(i * kHalfHourMs), 111.02 + 2.5 * i);
    QCOMPARE(MemoryTrend::logLine(trend.summary()),
             QStringLiteral(
                 "Memory trend: current=133.5MB, mean=122.3MB, max=133.5MB, rate=5.0MB/h over 10 cycles"));
}

QTEST_GUILESS_MAIN(TestMemoryTrend)
#include "tst_memorytrend.moc"
