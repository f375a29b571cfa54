// The memory chart: bounded however long it runs, faithful to spikes, live updates, tooltips,
// alarm colours and PNG export.

#include "MemoryChartView.h"
#include "MemoryHistory.h"
#include "SyntheticReports.h"
#include "TestEnvironment.h"

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Lantir;
using namespace Lantir::Test;

class TestMemoryChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void historyStaysBoundedOverAYearAndMore();
    void recentCyclesKeepFullResolution();
    void foldingKeepsSpikesAndCounts();
    void closedRangeHoldsOnlyItsCycles();
    void historyKeepsOneAllocation();
    void duplicatesAndLateCyclesAreHandled();
    void chartPlotsAtMostTheLimitInEveryRange();
    void liveReportAddsOnePoint();
    void toolTipShowsTheCyclesNumbers();
    void alarmLevelColoursTheChart();
    void exportsPng();
};

void TestMemoryChart::historyStaysBoundedOverAYearAndMore()
{
    MemoryHistory history;
    const QList<CycleReport> reports = syntheticReports(20000, QDateTime::currentDateTimeUtc());
    int maxBuckets = 0;
    for (const CycleReport& r : reports) {
        history.add(r);
        maxBuckets = std::max(maxBuckets, history.bucketCount());
    }
    QCOMPARE(history.cycleCount(), qint64(20000));
    QVERIFY(maxBuckets <= history.capacity());
    QCOMPARE(history.firstTime(), reports.constFirst().startedAt);
    QCOMPARE(history.lastTime(), reports.constLast().startedAt);

    // Every cycle is still accounted for, once.
    qint64 cycles = 0;
    for (const MemoryBucket& b : history.buckets())
        cycles += b.cycles;
    QCOMPARE(cycles, qint64(20000));

    const QList<MemoryBucket> points = history.pointsIn(0, 0, MemoryChartView::MaxPlottedPoints);
    QVERIFY(points.size() <= MemoryChartView::MaxPlottedPoints);
    QVERIFY2(points.size() > MemoryChartView::MaxPlottedPoints / 4,
             qPrintable(QString::number(points.size())));
    QCOMPARE(points.constFirst().firstMs, reports.constFirst().startedAt.toMSecsSinceEpoch());
    QCOMPARE(points.constLast().lastMs, reports.constLast().startedAt.toMSecsSinceEpoch());
    for (qsizetype i = 1; i < points.size(); ++i)
        QVERIFY(points.at(i - 1).lastMs < points.at(i).firstMs);
}

void TestMemoryChart::recentCyclesKeepFullResolution()
{
    MemoryHistory history;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    history.addAll(syntheticReports(20000, now));
    // The last day of 30-minute cycles: 48 cycles, each its own point.
    const qint64 dayAgo = now.addSecs(-24 * 3600 + 1).toMSecsSinceEpoch();
    const QList<MemoryBucket> day = history.pointsIn(dayAgo, 0, MemoryChartView::MaxPlottedPoints);
    QCOMPARE(day.size(), 48);
    for (const MemoryBucket& b : day)
        QCOMPARE(b.cycles, 1);
}

void TestMemoryChart::foldingKeepsSpikesAndCounts()
{
    MemoryHistory history(64);
    QList<CycleReport> reports = syntheticReports(5000, QDateTime::currentDateTimeUtc());
    reports[100].rssPeakKb = 900 * 1024; // an old spike
    reports[100].ok = false;
    reports[100].error = QStringLiteral("boom");
    history.addAll(reports);
    QVERIFY(history.bucketCount() <= 64);
    double highest = 0;
    int failures = 0;
    for (const MemoryBucket& b : history.buckets()) {
        highest = std::max(highest, b.peak.max);
        failures += b.failures;
    }
    QCOMPARE(highest, 900.0);
    const int expectedFailures = static_cast<int>(
        std::count_if(reports.cbegin(), reports.cend(), [](const CycleReport& r) { return !r.ok; }));
    QCOMPARE(failures, expectedFailures);

    // Thinning for the chart keeps the spike too.
    const QList<MemoryBucket> points = history.pointsIn(0, 0, 10);
    QVERIFY(points.size() <= 10);
    double plottedHighest = 0;
    for (const MemoryBucket& b : points)
        plottedHighest = std::max(plottedHighest, b.peak.max);
    QCOMPARE(plottedHighest, 900.0);
}

void TestMemoryChart::closedRangeHoldsOnlyItsCycles()
{
    MemoryHistory history;
    const QList<CycleReport> reports = syntheticReports(1000, QDateTime::currentDateTimeUtc());
    history.addAll(reports);
    const qint64 from = reports.at(200).startedAt.toMSecsSinceEpoch();
    const qint64 to = reports.at(299).startedAt.toMSecsSinceEpoch();

    const QList<MemoryBucket> all = history.pointsIn(from, to, 1000);
    QCOMPARE(all.size(), 100);
    QCOMPARE(all.constFirst().firstMs, from);
    QCOMPARE(all.constLast().lastMs, to);

    const QList<MemoryBucket> thinned = history.pointsIn(from, to, 10);
    QVERIFY(thinned.size() <= 10);
    int cycles = 0;
    for (const MemoryBucket& b : thinned)
        cycles += b.cycles;
    QCOMPARE(cycles, 100);
    QCOMPARE(thinned.constFirst().firstMs, from);
    QCOMPARE(thinned.constLast().lastMs, to);

    QVERIFY(history.pointsIn(to + 1, to + 2, 10).isEmpty());
}

// Growing by doubling would leave the heap with the high-water mark of every step: the history
// holds one block of its capacity from the start, through compaction too.
void TestMemoryChart::historyKeepsOneAllocation()
{
    MemoryHistory history(64);
    const QList<CycleReport> reports = syntheticReports(500, QDateTime::currentDateTimeUtc());
    history.add(reports.constFirst());
    const qsizetype capacity = history.buckets().capacity();
    QVERIFY(capacity > history.capacity());
    for (const CycleReport& r : reports)
        history.add(r);
    QVERIFY(history.bucketCount() <= 64);
    QCOMPARE(history.buckets().capacity(), capacity);
}

void TestMemoryChart::duplicatesAndLateCyclesAreHandled()
{
    MemoryHistory history;
    const QList<CycleReport> reports = syntheticReports(5, QDateTime::currentDateTimeUtc());
    history.add(reports.at(0));
    history.add(reports.at(2));
    history.add(reports.at(4));
    history.add(reports.at(1)); // late: goes between 0 and 2
    history.add(reports.at(2)); // already there
    QCOMPARE(history.cycleCount(), qint64(4));
    QCOMPARE(history.bucketCount(), 4);
    const QList<MemoryBucket>& buckets = history.buckets();
    QVERIFY(
        std::is_sorted(buckets.cbegin(), buckets.cend(),
                       [](const MemoryBucket& a, const MemoryBucket& b) { return a.firstMs < b.firstMs; }));
    CycleReport noTime;
    history.add(noTime);
    QCOMPARE(history.cycleCount(), qint64(4));
}

void TestMemoryChart::chartPlotsAtMostTheLimitInEveryRange()
{
    MemoryChartView chart;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // 20,000 cycles arriving as a stored history in chunks, then live ones.
    const QList<CycleReport> reports = syntheticReports(20000, now.addSecs(-1800 * 10));
    for (qsizetype i = 0; i < reports.size(); i += 5000)
        chart.addHistory(reports.mid(i, 5000));
    for (const CycleReport& r : syntheticReports(10, now)) {
        CycleReport live = r;
        live.cycle += 20000;
        chart.addReport(live);
    }
    QVERIFY(chart.history().bucketCount() <= chart.history().capacity());

    const QList<QPair<MemoryChartView::Range, int>> expectations {
        { MemoryChartView::Range::Day, 48 },
        { MemoryChartView::Range::Week, 7 * 48 },
        { MemoryChartView::Range::Month, 30 * 48 },
        { MemoryChartView::Range::All, -1 },
    };
    for (const auto& [range, expected] : expectations) {
        chart.setRange(range);
        chart.refreshNow();
        const int points = chart.plottedPointCount();
        QVERIFY2(points <= MemoryChartView::MaxPlottedPoints, qPrintable(QString::number(points)));
        QVERIFY(chart.startPoints().size() <= MemoryChartView::MaxPlottedPoints);
        QVERIFY(chart.peakPoints().size() <= MemoryChartView::MaxPlottedPoints);
        QVERIFY(chart.endPoints().size() <= MemoryChartView::MaxPlottedPoints);
        // A range with more cycles than the chart draws is folded into that many time slices.
        if (expected > 0)
            QVERIFY2(qAbs(points - std::min(expected, MemoryChartView::MaxPlottedPoints)) <= 1,
                     qPrintable(QStringLiteral("%1 points").arg(points)));
        else
            QVERIFY2(points > MemoryChartView::MaxPlottedPoints / 4, qPrintable(QString::number(points)));
    }
}

void TestMemoryChart::liveReportAddsOnePoint()
{
    MemoryChartView chart;
    QSignalSpy replotted(&chart, &MemoryChartView::replotted);
    QCOMPARE(chart.plottedPointCount(), 0);
    CycleReport r;
    r.cycle = 1;
    r.ok = true;
    r.startedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    r.rssStartKb = 100 * 1024;
    r.rssPeakKb = 150 * 1024;
    r.rssEndKb = 110 * 1024;
    chart.addReport(r);
    QVERIFY(replotted.wait(TestEnvironment::scaledMs(2000))); // redrawn on the next turn of the event loop
    QCOMPARE(chart.plottedPointCount(), 1);
    QCOMPARE(chart.startPoints().constFirst().y(), 100.0);
    QCOMPARE(chart.peakPoints().constFirst().y(), 150.0);
    QCOMPARE(chart.endPoints().constFirst().y(), 110.0);
    QCOMPARE(qint64(chart.peakPoints().constFirst().x()), r.startedAt.toMSecsSinceEpoch());

    // A cycle where the platform could not tell the memory: no point invented for it.
    CycleReport unknown = r;
    unknown.cycle = 2;
    unknown.startedAt = r.startedAt.addSecs(30);
    unknown.rssStartKb = unknown.rssPeakKb = unknown.rssEndKb = -1;
    chart.addReport(unknown);
    chart.refreshNow();
    QCOMPARE(chart.plottedPointCount(), 2);
    QCOMPARE(chart.peakPoints().size(), 1);
}

void TestMemoryChart::toolTipShowsTheCyclesNumbers()
{
    MemoryChartView chart;
    QCOMPARE(chart.toolTipAt(QDateTime::currentDateTimeUtc()), QString());
    CycleReport r;
    r.cycle = 5;
    r.ok = true;
    r.startedAt = QDateTime::currentDateTimeUtc().addSecs(-600);
    r.durationMs = 1500;
    r.rowsFetched = 42;
    r.inserted = 3;
    r.updated = 4;
    r.rssStartKb = 100 * 1024;
    r.rssPeakKb = 120 * 1024;
    r.rssEndKb = 101 * 1024;
    r.source = QStringLiteral("Annex");
    chart.addReport(r);
    chart.refreshNow();
    const QString tip = chart.toolTipAt(r.startedAt.addSecs(5));
    // The point names its source: with several sources, whose cycle it was.
    QVERIFY2(tip.contains(QStringLiteral("Cycle 5 of Annex")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("100.0 MB")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("120.0 MB")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("fetched 42, new 3, updated 4")), qPrintable(tip));

    // Folded points say how many cycles they stand for.
    MemoryChartView all;
    all.setRange(MemoryChartView::Range::All);
    QList<CycleReport> many = syntheticReports(20000, QDateTime::currentDateTimeUtc());
    for (qsizetype i = 0; i < many.size(); ++i)
        many[i].source = i % 2 == 0 ? QStringLiteral("Main") : QStringLiteral("Annex");
    all.addHistory(many);
    all.refreshNow();
    const QString folded = all.toolTipAt(many.constFirst().startedAt);
    QVERIFY2(folded.contains(QStringLiteral("cycles from")), qPrintable(folded));
    QVERIFY2(folded.contains(QStringLiteral("Sources: Annex, Main")), qPrintable(folded));
}

void TestMemoryChart::alarmLevelColoursTheChart()
{
    MemoryChartView chart;
    chart.setThresholds(10.0, 500.0);
    QVERIFY(chart.chart()->title().contains(QStringLiteral("500")));
    const QBrush normal = chart.chart()->plotAreaBackgroundBrush();
    chart.setAlarmLevel(MemoryAlarmLevel::Warning);
    QVERIFY(chart.chart()->title().startsWith(QStringLiteral("Memory warning")));
    const QBrush warning = chart.chart()->plotAreaBackgroundBrush();
    chart.setAlarmLevel(MemoryAlarmLevel::Critical);
    QVERIFY(chart.chart()->title().startsWith(QStringLiteral("Memory critical")));
    const QBrush critical = chart.chart()->plotAreaBackgroundBrush();
    QVERIFY(normal.color() != warning.color());
    QVERIFY(warning.color() != critical.color());
    QCOMPARE(chart.alarmLevel(), MemoryAlarmLevel::Critical);
}

void TestMemoryChart::exportsPng()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MemoryChartView chart;
    chart.resize(640, 400);
    chart.addHistory(syntheticReports(100, QDateTime::currentDateTimeUtc()));
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    QVERIFY(chart.exportPng(path));
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(640, 400) * chart.devicePixelRatioF());
    QVERIFY(!chart.exportPng(dir.filePath(QStringLiteral("missing/dir/chart.png"))));
}

QTEST_MAIN(TestMemoryChart)
#include "tst_memorychart.moc"
