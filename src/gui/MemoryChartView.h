#pragma once

#include "MemoryHistory.h"
#include "memory/MemoryAlarm.h"
#include "memory/MemoryTrend.h"
#include "store/CycleReport.h"

#include <QChartView>
#include <QList>
#include <QTimer>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace Lantir {

// RSS at the start, peak and end of each sync cycle, in MB against time (Qt Charts).
//
// Memory stays bounded however long the application runs: cycles go into a MemoryHistory of at
// most `capacity` buckets, and each series draws at most MaxPlottedPoints points for the chosen
// range, folding neighbouring cycles (mean of start and end, highest peak) when there are more.
// Hovering a point shows its cycle's numbers, or the span of cycles it stands for.
class MemoryChartView : public QChartView
{
    Q_OBJECT

public:
    enum class Range
    {
        Day,
        Week,
        Month,
        All,
    };
    Q_ENUM(Range)

    // About one point per two pixels of a wide chart: more could not be told apart, and each
    // costs Qt Charts about a kilobyte of line and hover paths.
    static constexpr int MaxPlottedPoints = 240;

    explicit MemoryChartView(QWidget* parent = nullptr);
    ~MemoryChartView() override;

    void setRange(Range range);
    Range range() const { return m_range; }
    // Thresholds drawn and named on the chart: the growth rate that warns (MB/h) and the RSS that
    // is critical (MB).
    void setThresholds(double warnMbPerHour, double criticalMb);
    void setAlarmLevel(MemoryAlarmLevel level);
    MemoryAlarmLevel alarmLevel() const { return m_alarmLevel; }

    const MemoryHistory& history() const { return m_history; }
    // Points each series draws now (the same for start, peak and end).
    int plottedPointCount() const;
    QList<QPointF> startPoints() const;
    QList<QPointF> peakPoints() const;
    QList<QPointF> endPoints() const;
    // What hovering near `time` shows (the nearest plotted point); empty when nothing is plotted.
    QString toolTipAt(const QDateTime& time) const;

    // Saves the chart as it is shown now. Returns false when the file could not be written.
    bool exportPng(const QString& path);

    // Redraws now instead of on the next turn of the event loop.
    void refreshNow();

public Q_SLOTS:
    // A cycle that just ended.
    void addReport(const Lantir::CycleReport& report);
    // Stored cycles read at start; merged with those that arrived meanwhile.
    void addHistory(const QList<Lantir::CycleReport>& reports);
    void clearHistory();
    // A history built elsewhere (on the loader thread) replaces the one held.
    void setHistory(const Lantir::MemoryHistory& history);

Q_SIGNALS:
    void replotted();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void scheduleRefresh();
    void rebuild();
    // Start of the range shown, ms since the epoch (0: all of it).
    qint64 rangeStartMs(qint64 nowMs) const;
    // Draws the start, peak and end lines of m_shown; returns the highest value drawn (MB).
    double plotLines();
    // Fits the time axis to the cycles shown; returns the span drawn, padding included.
    QPair<qint64, qint64> fitTimeAxis(qint64 fromMs, qint64 nowMs);
    // Draws the critical line when memory comes near it; returns the top the MB axis must reach.
    double showCriticalLine(double top, QPair<qint64, qint64> span);
    void onHovered(const QPointF& point, bool state);
    void applyAlarmColours();
    QString describe(const MemoryBucket& bucket) const;

    MemoryHistory m_history;
    QList<MemoryBucket> m_shown;
    Range m_range = Range::Day;
    double m_warnMbPerHour = 10.0;
    double m_criticalMb = 500.0;
    MemoryAlarmLevel m_alarmLevel = MemoryAlarmLevel::None;

    QChart* m_chart;
    QLineSeries* m_start;
    QLineSeries* m_peak;
    QLineSeries* m_end;
    QLineSeries* m_critical;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_mbAxis;
    QTimer m_refreshTimer;
};

} // namespace Lantir
