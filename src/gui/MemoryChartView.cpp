#include "MemoryChartView.h"

#include <QCursor>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPixmap>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Lantir {

namespace {
constexpr qint64 HourMs = 3600LL * 1000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr qint64 MinimumSpanMs = 60 * 1000;
constexpr int MarkersUpTo = 150; // draw point markers while there are few points

QLineSeries* makeSeries(const QString& name, const QColor& colour, qreal width,
                        Qt::PenStyle style = Qt::SolidLine)
{
    auto* series = new QLineSeries();
    series->setName(name);
    QPen pen(colour);
    pen.setWidthF(width);
    pen.setStyle(style);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    series->setPen(pen);
    series->setBrush(colour);
    series->setMarkerSize(5.0);
    return series;
}

QString mb(double value)
{
    return QLocale().toString(value, 'f', 1);
}
} // namespace

MemoryChartView::MemoryChartView(QWidget* parent)
    // The chart goes to the base constructor: QChartView(QWidget*) makes a default chart of its own
    // that setChart() would release but never delete (LeakSanitizer found it, one per view).
    : QChartView(new QChart(), parent)
    , m_chart(QChartView::chart())
    , m_start(makeSeries(QString(), QColor(0x1e, 0x88, 0xe5), 1.6))
    , m_peak(makeSeries(QString(), QColor(0xef, 0x6c, 0x00), 2.0))
    , m_end(makeSeries(QString(), QColor(0x2e, 0x7d, 0x32), 1.6))
    , m_critical(makeSeries(QString(), QColor(0xc6, 0x28, 0x28), 1.4, Qt::DashLine))
    , m_timeAxis(new QDateTimeAxis())
    , m_mbAxis(new QValueAxis())
{
    setObjectName(QStringLiteral("memoryChartView"));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(6, 6, 6, 6));
    m_chart->setBackgroundRoundness(0);
    m_chart->setPlotAreaBackgroundVisible(true);

    m_timeAxis->setTickCount(7);
    m_mbAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_mbAxis->setMinorTickCount(1);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_mbAxis, Qt::AlignLeft);

    for (QLineSeries* series : { m_start, m_peak, m_end, m_critical }) {
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_mbAxis);
    }
    for (QLineSeries* series : { m_start, m_peak, m_end })
        connect(series, &QLineSeries::hovered, this, &MemoryChartView::onHovered);

    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    setMouseTracking(true);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MemoryChartView::rebuild);
    retranslate();
    rebuild();
}

void MemoryChartView::retranslate()
{
    m_start->setName(tr("RSS at start"));
    m_peak->setName(tr("Peak RSS"));
    m_end->setName(tr("RSS at end"));
    m_timeAxis->setTitleText(tr("Time"));
    m_mbAxis->setTitleText(tr("Memory (MB)"));
    applyAlarmColours();
}

void MemoryChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        scheduleRefresh();
    }
}

MemoryChartView::~MemoryChartView() = default;

void MemoryChartView::setRange(Range range)
{
    if (range == m_range)
        return;
    m_range = range;
    scheduleRefresh();
}

void MemoryChartView::setThresholds(double warnMbPerHour, double criticalMb)
{
    m_warnMbPerHour = warnMbPerHour;
    m_criticalMb = criticalMb;
    applyAlarmColours();
    scheduleRefresh();
}

void MemoryChartView::setAlarmLevel(MemoryAlarmLevel level)
{
    if (level == m_alarmLevel)
        return;
    m_alarmLevel = level;
    applyAlarmColours();
}

void MemoryChartView::addReport(const CycleReport& report)
{
    m_history.add(report);
    scheduleRefresh();
}

void MemoryChartView::addHistory(const QList<CycleReport>& reports)
{
    m_history.addAll(reports);
    scheduleRefresh();
}

void MemoryChartView::setHistory(const MemoryHistory& history)
{
    m_history = history;
    scheduleRefresh();
}

void MemoryChartView::clearHistory()
{
    m_history.clear();
    scheduleRefresh();
}

void MemoryChartView::scheduleRefresh()
{
    m_refreshTimer.start();
}

void MemoryChartView::refreshNow()
{
    m_refreshTimer.stop();
    rebuild();
}

int MemoryChartView::plottedPointCount() const
{
    return static_cast<int>(m_shown.size());
}

QList<QPointF> MemoryChartView::startPoints() const
{
    return m_start->points();
}

QList<QPointF> MemoryChartView::peakPoints() const
{
    return m_peak->points();
}

QList<QPointF> MemoryChartView::endPoints() const
{
    return m_end->points();
}

void MemoryChartView::rebuild()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = rangeStartMs(now);
    m_shown = m_history.pointsIn(from, 0, MaxPlottedPoints);
    const double top = showCriticalLine(plotLines(), fitTimeAxis(from, now));
    const double yMax = top > 0 ? top * 1.15 : 100.0;
    m_mbAxis->setRange(0.0, std::max(10.0, yMax));
    m_mbAxis->applyNiceNumbers();
    Q_EMIT replotted();
}

qint64 MemoryChartView::rangeStartMs(qint64 now) const
{
    switch (m_range) {
    case Range::Day:
        return now - DayMs;
    case Range::Week:
        return now - 7 * DayMs;
    case Range::Month:
        return now - 30 * DayMs;
    case Range::All:
        return 0;
    }
    return 0;
}

double MemoryChartView::plotLines()
{
    QList<QPointF> start, peak, end;
    start.reserve(m_shown.size());
    peak.reserve(m_shown.size());
    end.reserve(m_shown.size());
    double top = 0.0;
    for (const MemoryBucket& b : std::as_const(m_shown)) {
        const auto x = static_cast<qreal>(b.middleMs());
        if (!b.start.isEmpty())
            start.append(QPointF(x, b.start.mean()));
        if (!b.peak.isEmpty()) {
            peak.append(QPointF(x, b.peak.max));
            top = std::max(top, b.peak.max);
        }
        if (!b.end.isEmpty())
            end.append(QPointF(x, b.end.mean()));
        top = std::max({ top, b.start.isEmpty() ? 0.0 : b.start.max, b.end.isEmpty() ? 0.0 : b.end.max });
    }
    const bool markers = m_shown.size() <= MarkersUpTo;
    for (QLineSeries* series : { m_start, m_peak, m_end })
        series->setPointsVisible(markers);
    m_start->replace(start);
    m_peak->replace(peak);
    m_end->replace(end);
    return top;
}

QPair<qint64, qint64> MemoryChartView::fitTimeAxis(qint64 from, qint64 now)
{
    // From the first cycle shown (the range's start at most) up to now, at least one minutes
    // wide; an empty range shows the whole range.
    qint64 axisFrom = m_range == Range::All ? now - DayMs : from;
    qint64 axisTo = now;
    if (!m_shown.isEmpty()) {
        axisFrom = m_shown.constFirst().firstMs;
        axisTo = std::max(now, m_shown.constLast().lastMs);
    }
    axisFrom = std::min(axisFrom, axisTo - MinimumSpanMs);
    const qint64 pad = std::max<qint64>(60 * 1000, (axisTo - axisFrom) / 100);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(axisFrom - pad),
                         QDateTime::fromMSecsSinceEpoch(axisTo + pad));
    const qint64 span = axisTo - axisFrom;
    if (span <= HourMs / 2)
        m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    else if (span <= 2 * DayMs)
        m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    else if (span <= 8 * DayMs)
        m_timeAxis->setFormat(QStringLiteral("ddd HH:mm"));
    else if (span <= 400 * DayMs)
        m_timeAxis->setFormat(QStringLiteral("d MMM"));
    else
        m_timeAxis->setFormat(QStringLiteral("MMM yyyy"));
    return { axisFrom - pad, axisTo + pad };
}

double MemoryChartView::showCriticalLine(double top, QPair<qint64, qint64> span)
{
    // The critical line is drawn when memory comes within half of it; otherwise it would flatten
    // the lines that matter. The title names it either way.
    const bool showCritical = m_criticalMb > 0 && top >= m_criticalMb / 2;
    if (showCritical) {
        m_critical->replace({ QPointF(static_cast<qreal>(span.first), m_criticalMb),
                              QPointF(static_cast<qreal>(span.second), m_criticalMb) });
        top = std::max(top, m_criticalMb);
    } else {
        m_critical->clear();
    }
    m_critical->setVisible(showCritical);
    m_critical->setName(tr("Critical (%1 MB)").arg(mb(m_criticalMb)));
    const QList<QLegendMarker*> markersOfCritical = m_chart->legend()->markers(m_critical);
    for (QLegendMarker* marker : markersOfCritical)
        marker->setVisible(showCritical);
    return top;
}

void MemoryChartView::applyAlarmColours()
{
    QString title = tr("Warning above %1 MB/h growth, critical above %2 MB")
                        .arg(QLocale().toString(m_warnMbPerHour, 'f', 1), mb(m_criticalMb));
    QColor plotBackground(Qt::white);
    QColor titleColour(0x33, 0x33, 0x33);
    switch (m_alarmLevel) {
    case MemoryAlarmLevel::None:
        break;
    case MemoryAlarmLevel::Warning:
        plotBackground = QColor(0xff, 0xf8, 0xe1);
        titleColour = QColor(0x8a, 0x5a, 0x00);
        title = tr("Memory warning · ") + title;
        break;
    case MemoryAlarmLevel::Critical:
        plotBackground = QColor(0xff, 0xeb, 0xee);
        titleColour = QColor(0xb7, 0x1c, 0x1c);
        title = tr("Memory critical · ") + title;
        break;
    }
    m_chart->setPlotAreaBackgroundBrush(plotBackground);
    m_chart->setTitleBrush(titleColour);
    QFont font = m_chart->titleFont();
    font.setBold(m_alarmLevel != MemoryAlarmLevel::None);
    m_chart->setTitleFont(font);
    m_chart->setTitle(title);
}

QString MemoryChartView::describe(const MemoryBucket& b) const
{
    const QLocale locale;
    const auto time = [&](qint64 ms) {
        return locale.toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
    };
    const auto value
        = [&](const MemoryStat& stat) { return stat.isEmpty() ? tr("unknown") : mb(stat.mean()); };
    QStringList lines;
    if (b.cycles == 1) {
        const QString source = b.sources.value(0);
        if (source.isEmpty()) {
            lines << (b.cycleNumber > 0 ? tr("Cycle %1 at %2").arg(b.cycleNumber).arg(time(b.firstMs))
                                        : tr("Cycle at %1").arg(time(b.firstMs)));
        } else {
            lines << (b.cycleNumber > 0
                          ? tr("Cycle %1 of %2 at %3").arg(b.cycleNumber).arg(source, time(b.firstMs))
                          : tr("Cycle of %1 at %2").arg(source, time(b.firstMs)));
        }
        lines
            << tr("RSS start %1 MB, peak %2 MB, end %3 MB").arg(value(b.start), value(b.peak), value(b.end));
        lines << tr("Duration %1 s; fetched %2, new %3, updated %4")
                     .arg(locale.toString(b.durationMs / 1000.0, 'f', 1))
                     .arg(b.fetched)
                     .arg(b.inserted)
                     .arg(b.updated);
        if (b.failures > 0)
            lines << tr("Failed: %1").arg(b.error.section(QLatin1Char('\n'), 0, 0));
    } else {
        lines << tr("%1 cycles from %2 to %3").arg(b.cycles).arg(time(b.firstMs), time(b.lastMs));
        if (!b.sources.isEmpty())
            lines << tr("Sources: %1").arg(b.sources.join(QStringLiteral(", ")));
        lines << tr("RSS start mean %1 MB; end mean %2 MB").arg(value(b.start), value(b.end));
        if (!b.peak.isEmpty())
            lines << tr("Peak RSS highest %1 MB, lowest %2 MB").arg(mb(b.peak.max), mb(b.peak.min));
        if (b.failures > 0)
            lines << tr("Failed cycles among them: %1").arg(b.failures);
    }
    return lines.join(QLatin1Char('\n'));
}

QString MemoryChartView::toolTipAt(const QDateTime& time) const
{
    if (m_shown.isEmpty())
        return QString();
    const qint64 ms = time.toMSecsSinceEpoch();
    auto it = std::lower_bound(m_shown.cbegin(), m_shown.cend(), ms,
                               [](const MemoryBucket& b, qint64 t) { return b.middleMs() < t; });
    if (it == m_shown.cend()) {
        --it;
    } else if (it != m_shown.cbegin()) {
        const auto before = std::prev(it);
        if (ms - before->middleMs() < it->middleMs() - ms)
            it = before;
    }
    return describe(*it);
}

void MemoryChartView::onHovered(const QPointF& point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::llround(point.x())));
    QToolTip::showText(QCursor::pos(), toolTipAt(time), this);
}

bool MemoryChartView::exportPng(const QString& path)
{
    refreshNow();
    const QPixmap pixmap = grab();
    return !pixmap.isNull() && pixmap.save(path, "PNG");
}

} // namespace Lantir
