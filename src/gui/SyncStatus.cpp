#include "SyncStatus.h"

#include "memory/MemoryProbe.h"
#include "sync/SyncController.h"

#include <QLocale>
#include <QSet>

#include <cmath>

namespace Lantir {

namespace {
constexpr int TrendWindow = 100;
// The first cycle of a run fills caches and the first database pages: a one-off rise, not growth.
constexpr qint64 WarmUpCycles = 1;

QString shortTime(const QDateTime& utc, const QDateTime& nowUtc)
{
    const QDateTime local = utc.toLocalTime();
    if (local.date() == nowUtc.toLocalTime().date())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

QString firstLine(const QString& text)
{
    return text.section(QLatin1Char('\n'), 0, 0);
}

QString mb(double value)
{
    return QLocale().toString(value, 'f', 1);
}
} // namespace

SyncStatus::SyncStatus(SyncController* controller, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_settled(TrendWindow)
{
    connect(controller, &SyncController::scheduleChanged, this, &SyncStatus::changed);
    connect(controller, &SyncController::cycleStarted, this, &SyncStatus::onCycleStarted);
    connect(controller, &SyncController::cycleFinished, this, &SyncStatus::onCycleFinished);
    connect(controller, &SyncController::memoryAlarmChanged, this, &SyncStatus::onAlarmChanged);
    connect(controller, &SyncController::memoryTrendUpdated, this, &SyncStatus::onTrendUpdated);
    m_alarm = controller->memoryAlarm();
    m_alarmTrend = controller->memoryTrend().summary();
    m_alarmWarnMbPerHour = controller->config().memoryWarnMbPerHour;
    m_alarmCriticalMb = controller->config().memoryCriticalMb;
}

void SyncStatus::setConfigured(bool configured)
{
    if (m_configured == configured)
        return;
    m_configured = configured;
    Q_EMIT changed();
}

void SyncStatus::setHistory(const QList<CycleReport>& reports)
{
    if (reports.isEmpty())
        return;
    for (const CycleReport& report : reports) {
        const auto known = m_lastBySource.constFind(report.source);
        if (known == m_lastBySource.cend() || report.startedAt > known->startedAt)
            m_lastBySource.insert(report.source, report);
    }
    if (!hasLastReport() || reports.constLast().startedAt > m_lastReport.startedAt) {
        m_lastReport = reports.constLast();
        m_failuresInRow.clear();
        QSet<QString> seenOk;
        for (auto it = reports.crbegin(); it != reports.crend(); ++it) {
            if (it->ok)
                seenOk.insert(it->source);
            else if (!seenOk.contains(it->source))
                ++m_failuresInRow[it->source];
        }
    }
    // Until this run has its own samples, the trend comes from the stored cycles of the last
    // run (cycle numbers restart at 1 with each process; RSS of two processes is not one line).
    if (m_trend.samples == 0) {
        MemoryTrend trend(TrendWindow);
        qsizetype from = reports.size();
        while (from > 0 && reports.size() - from < TrendWindow) {
            --from;
            if (reports.at(from).cycle <= 1)
                break;
        }
        for (qsizetype i = from; i < reports.size(); ++i) {
            const CycleReport& r = reports.at(i);
            if (r.rssEndKb >= 0)
                trend.add(r.startedAt.addMSecs(r.durationMs), r.rssEndKb / 1024.0);
        }
        m_trend = trend.summary();
    }
    if (m_settled.size() == 0) {
        qsizetype from = reports.size();
        while (from > 0 && reports.size() - from < TrendWindow && reports.at(from - 1).cycle > WarmUpCycles)
            --from;
        for (qsizetype i = from; i < reports.size(); ++i)
            addSettledSample(reports.at(i));
    }
    Q_EMIT changed();
}

SyncScheduler::State SyncStatus::schedulerState() const
{
    return m_controller->state();
}

bool SyncStatus::isSyncNowQueued() const
{
    return m_controller->isManualPending();
}

bool SyncStatus::isCycleRunning() const
{
    return m_controller->isCycleRunning();
}

QDateTime SyncStatus::nextRunAt() const
{
    return m_controller->nextRunAt();
}

SyncStatus::Display SyncStatus::display() const
{
    const SyncScheduler::State state = schedulerState();
    if (state == SyncScheduler::State::Syncing || m_controller->isCycleRunning())
        return Display::Syncing;
    if (!m_configured)
        return Display::NotConfigured;
    switch (state) {
    case SyncScheduler::State::Stopped:
        return Display::Stopped;
    case SyncScheduler::State::Paused:
        return Display::Paused;
    case SyncScheduler::State::Syncing:
        return Display::Syncing;
    case SyncScheduler::State::OutsideWindow:
    case SyncScheduler::State::Idle:
        if (!failingSources().isEmpty())
            return Display::Error;
        return state == SyncScheduler::State::Idle ? Display::Idle : Display::OutsideWindow;
    }
    return Display::Idle;
}

SyncStatus::Tray SyncStatus::trayState() const
{
    const Display d = display();
    if (d == Display::Syncing)
        return Tray::Syncing;
    if (d == Display::Error || m_alarm.level == MemoryAlarmLevel::Critical)
        return Tray::Error;
    if (m_alarm.level == MemoryAlarmLevel::Warning || d == Display::NotConfigured)
        return Tray::Warning;
    return Tray::Ok;
}

double SyncStatus::currentRssMb() const
{
    const qint64 kb = MemoryProbe::currentRssKb();
    return kb < 0 ? -1.0 : kb / 1024.0;
}

QString SyncStatus::displayName(Display display)
{
    switch (display) {
    case Display::NotConfigured:
        return tr("Not configured");
    case Display::Stopped:
        return tr("Stopped");
    case Display::Idle:
        return tr("Idle");
    case Display::Syncing:
        return tr("Syncing…");
    case Display::Paused:
        return tr("Paused");
    case Display::Error:
        return tr("Error");
    case Display::OutsideWindow:
        return tr("Outside the operation window");
    }
    return QString();
}

QString SyncStatus::stateText() const
{
    return displayName(display());
}

QString SyncStatus::countdown(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds % 3600) / 60;
    const qint64 s = seconds % 60;
    const QChar zero(QLatin1Char('0'));
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, zero).arg(s, 2, 10, zero);
    return QStringLiteral("%1:%2").arg(m, 2, 10, zero).arg(s, 2, 10, zero);
}

QString SyncStatus::lastSyncText() const
{
    if (!hasLastReport())
        return tr("No sync yet");
    const CycleReport& r = m_lastReport;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString when = shortTime(r.startedAt, now);
    // With several sources, whose cycle it was.
    if (m_controller->sourceNames().size() > 1) {
        if (!r.syncedElsewhereBy.isEmpty())
            return tr("Last check (%1) at %2: synced by %3").arg(r.source, when, r.syncedElsewhereBy);
        if (!r.ok)
            return tr("Last sync (%1) at %2 failed: %3").arg(r.source, when, firstLine(r.error));
        return tr("Last sync (%1) at %2: %3 new, %4 updated, %5 unchanged")
            .arg(r.source, when)
            .arg(r.inserted)
            .arg(r.updated)
            .arg(r.unchanged);
    }
    if (!r.syncedElsewhereBy.isEmpty())
        return tr("Last check at %1: synced by %2").arg(when, r.syncedElsewhereBy);
    if (!r.ok)
        return tr("Last sync at %1 failed: %2").arg(when, firstLine(r.error));
    return tr("Last sync at %1: %2 new, %3 updated, %4 unchanged")
        .arg(when)
        .arg(r.inserted)
        .arg(r.updated)
        .arg(r.unchanged);
}

QStringList SyncStatus::failingSources() const
{
    QStringList failing;
    for (const QString& name : m_controller->sourceNames()) {
        const auto last = m_lastBySource.constFind(name);
        if (last != m_lastBySource.cend() && !last->ok)
            failing << name;
    }
    return failing;
}

QString SyncStatus::sourcesText() const
{
    const QStringList names = m_controller->sourceNames();
    if (names.isEmpty())
        return tr("No source enabled: open Settings to enable one");
    QStringList lines;
    for (const QString& name : failingSources())
        lines << tr("%1 fails: %2").arg(name, firstLine(m_lastBySource.value(name).error));
    if (!lines.isEmpty())
        return lines.join(QLatin1Char('\n'));
    lines << healthText(names);
    // On a shared PostgreSQL worklist another node may sync a source: said, not an error.
    for (const QString& name : names) {
        const QString node = m_lastBySource.value(name).syncedElsewhereBy;
        if (!node.isEmpty())
            lines << tr("%1: synced by %2").arg(name, node);
    }
    return lines.join(QLatin1Char('\n'));
}

QString SyncStatus::healthText(const QStringList& names) const
{
    int synced = 0;
    for (const QString& name : names)
        synced += m_lastBySource.contains(name) ? 1 : 0;
    if (synced == 0)
        return names.size() == 1 ? tr("Source %1: not synced yet").arg(names.constFirst())
                                 : tr("%1 sources: not synced yet").arg(names.size());
    if (names.size() == 1)
        return tr("Source %1 OK").arg(names.constFirst());
    if (synced < names.size())
        return tr("%1 of %2 sources synced, all OK").arg(synced).arg(names.size());
    return tr("All %1 sources OK").arg(names.size());
}

QString SyncStatus::nextSyncText(const QDateTime& nowUtc) const
{
    if (isSyncNowQueued())
        return tr("Sync Now queued: it starts when this cycle ends");
    const Display d = display();
    if (d == Display::Syncing)
        return tr("Sync in progress");
    if (d == Display::Paused)
        return tr("Scheduled syncs paused");
    if (d == Display::NotConfigured)
        return tr("Open Settings to enter the REDCap address and token");
    const QDateTime next = nextRunAt();
    if (!next.isValid())
        return tr("No sync scheduled");
    if (schedulerState() == SyncScheduler::State::OutsideWindow)
        return tr("Next sync at %1, when the operation window opens").arg(shortTime(next, nowUtc));
    return tr("Next sync in %1").arg(countdown(nowUtc.secsTo(next)));
}

QString SyncStatus::trendText() const
{
    const MemoryTrendSummary& s = m_settledSummary;
    if (s.samples < kMemoryAlarmMinSamples)
        return tr("Growth: warming up (%1 of %2 cycles)").arg(s.samples).arg(kMemoryAlarmMinSamples);
    // As the memory alarm counts it: a rate that adds up to less than a few MB over the window is
    // noise extrapolated, not growth.
    const double grownMb = s.growthMbPerHour * s.spanHours;
    if (std::abs(grownMb) < kMemoryAlarmMinGrowthMb)
        return tr("Growth: flat over the last %1 cycles (%2 MB in all)")
            .arg(s.samples)
            .arg(QLocale().toString(grownMb, 'f', 1));
    return tr("Growth: %1 MB/h over the last %2 cycles")
        .arg(QLocale().toString(s.growthMbPerHour, 'f', 2))
        .arg(s.samples);
}

void SyncStatus::addSettledSample(const CycleReport& report)
{
    if (report.cycle <= WarmUpCycles) {
        // A new run: its RSS is not on the same line as the previous run's.
        m_settled.clear();
    } else if (report.rssEndKb >= 0) {
        m_settled.add(report.startedAt.addMSecs(report.durationMs), report.rssEndKb / 1024.0);
    }
    m_settledSummary = m_settled.summary();
}

QString SyncStatus::alarmText() const
{
    switch (m_alarm.level) {
    case MemoryAlarmLevel::None:
        return tr("Memory OK");
    case MemoryAlarmLevel::Warning:
        return tr("Memory warning: %1").arg(alarmMessage());
    case MemoryAlarmLevel::Critical:
        return tr("Memory critical: %1").arg(alarmMessage());
    }
    return QString();
}

QString SyncStatus::alarmMessage() const
{
    const MemoryTrendSummary& s = m_alarmTrend;
    switch (m_alarm.level) {
    case MemoryAlarmLevel::None:
        return QString();
    case MemoryAlarmLevel::Warning:
        return tr("Memory is growing by %1 MB per hour over the last %2 cycles (warning above %3 MB per "
                  "hour; now %4 MB). Keep an eye on it; if it keeps rising, restart Lantir and report "
                  "the \"Memory trend\" log lines.")
            .arg(mb(s.growthMbPerHour), QLocale().toString(s.samples), mb(m_alarmWarnMbPerHour),
                 mb(s.currentMb));
    case MemoryAlarmLevel::Critical:
        return tr("Memory use is %1 MB, above the critical limit of %2 MB (growing %3 MB per hour). "
                  "Restart Lantir to get the memory back, and report the \"Memory cleanup\" and "
                  "\"Memory trend\" log lines so the cause can be found.")
            .arg(mb(s.currentMb), mb(m_alarmCriticalMb), mb(s.growthMbPerHour));
    }
    return QString();
}

QString SyncStatus::cycleErrorText(const CycleReport& report)
{
    if (report.ok)
        return QString();
    return tr("Sync failed: %1").arg(report.error);
}

QString SyncStatus::alarmTitle() const
{
    switch (m_alarm.level) {
    case MemoryAlarmLevel::None:
        return tr("Memory OK");
    case MemoryAlarmLevel::Warning:
        return tr("Memory warning");
    case MemoryAlarmLevel::Critical:
        return tr("Memory critical");
    }
    return QString();
}

QString SyncStatus::toolTip(const QDateTime& nowUtc) const
{
    QStringList lines;
    lines << tr("Lantir: %1").arg(stateText());
    if (m_configured)
        lines << sourcesText();
    lines << lastSyncText();
    lines << nextSyncText(nowUtc);
    const double rss = currentRssMb();
    if (rss >= 0)
        lines << tr("Memory: %1 MB").arg(QLocale().toString(rss, 'f', 1));
    if (m_alarm.level != MemoryAlarmLevel::None)
        lines << alarmText();
    return lines.join(QLatin1Char('\n'));
}

void SyncStatus::onCycleStarted()
{
    Q_EMIT changed();
}

void SyncStatus::onCycleFinished(const CycleReport& report)
{
    int& inRow = m_failuresInRow[report.source];
    const int failedBefore = inRow;
    m_lastReport = report;
    m_lastBySource.insert(report.source, report);
    addSettledSample(report);
    if (report.ok) {
        inRow = 0;
        if (failedBefore > 0)
            Q_EMIT recovered(report, failedBefore);
    } else {
        ++inRow;
        if (inRow == 1)
            Q_EMIT cycleFailed(report);
    }
    Q_EMIT changed();
}

void SyncStatus::onAlarmChanged(const MemoryAlarm& alarm)
{
    const MemoryAlarmLevel before = m_alarm.level;
    m_alarm = alarm;
    // The controller evaluated this alarm on the summary it announced just before, with the
    // limits of its configuration.
    m_alarmTrend = m_trend;
    m_alarmWarnMbPerHour = m_controller->config().memoryWarnMbPerHour;
    m_alarmCriticalMb = m_controller->config().memoryCriticalMb;
    if (alarm.level != MemoryAlarmLevel::None && alarm.level != before)
        Q_EMIT memoryAlarmRaised(alarm);
    else if (alarm.level == MemoryAlarmLevel::None && before != MemoryAlarmLevel::None)
        Q_EMIT memoryAlarmCleared();
    Q_EMIT changed();
}

void SyncStatus::onTrendUpdated(const MemoryTrendSummary& summary)
{
    m_trend = summary;
    Q_EMIT changed();
}

} // namespace Lantir
