#pragma once

#include "memory/MemoryAlarm.h"
#include "memory/MemoryTrend.h"
#include "store/CycleReport.h"
#include "sync/SyncScheduler.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace Lantir {

class SyncController;

// What the status strip and the tray icon show, in one place: the schedules' state, the last
// cycle of each source (which ones fail and why), failures in a row, the memory trend and alarm. Also decides
// which events deserve a notification: the first failure of a run of failures, the recovery after it, and
// memory alarms; never an ordinary successful cycle.
class SyncStatus : public QObject
{
    Q_OBJECT

public:
    enum class Display
    {
        NotConfigured,
        Stopped,
        Idle,
        Syncing,
        Paused,
        Error,
        OutsideWindow,
    };
    Q_ENUM(Display)

    enum class Tray
    {
        Ok,
        Syncing,
        Warning,
        Error,
    };
    Q_ENUM(Tray)

    explicit SyncStatus(SyncController* controller, QObject* parent = nullptr);

    // False until a REDCap URL and token are set: the strip then says so instead of "Stopped".
    void setConfigured(bool configured);
    bool isConfigured() const { return m_configured; }

    // Cycles from `sync_cycles` read at start (oldest first): the last one becomes "last sync"
    // until a new cycle ends, and the last 100 give the memory trend.
    void setHistory(const QList<CycleReport>& reports);

    Display display() const;
    Tray trayState() const;
    SyncScheduler::State schedulerState() const;
    bool hasLastReport() const { return m_lastReport.startedAt.isValid(); }
    const CycleReport& lastReport() const { return m_lastReport; }
    // The last cycle of each source (this run's, else the stored history's), by source name.
    const QHash<QString, CycleReport>& lastReports() const { return m_lastBySource; }
    // The enabled sources whose last cycle failed, in the configuration's order.
    QStringList failingSources() const;
    // Each source at a glance: "All 2 sources OK", or which ones fail and why (one line each);
    // then one line per source another node syncs ("REDCap: synced by lantir-sync@host:1234").
    QString sourcesText() const;
    // Failed cycles in a row of the last cycle's source.
    int consecutiveFailures() const { return m_failuresInRow.value(m_lastReport.source); }
    bool isSyncNowQueued() const;
    bool isCycleRunning() const;
    QDateTime nextRunAt() const;
    const MemoryAlarm& memoryAlarm() const { return m_alarm; }
    const MemoryTrendSummary& memoryTrend() const { return m_trend; }
    // Resident memory of this process now, in MB; negative when the platform cannot tell.
    double currentRssMb() const;

    QString stateText() const;
    QString lastSyncText() const;
    QString nextSyncText(const QDateTime& nowUtc) const;
    // The growth the chart shows: the slope of end-of-cycle RSS after the run's first cycle (its
    // one-off rise: caches, the first database pages), or "warming up" until enough cycles
    // followed it to tell (as many as the memory alarm needs); "flat" while the rate adds up to
    // less than the alarm's minimum growth over those cycles.
    QString trendText() const;
    // The samples trendText() is computed from.
    const MemoryTrendSummary& settledTrend() const { return m_settledSummary; }
    QString alarmText() const;
    // What the current alarm means and what to do, in the user's language: worded here from the
    // numbers the alarm was raised with (level, growth, RSS, thresholds), not taken from core's
    // English message. Empty without an alarm.
    QString alarmMessage() const;
    // A cycle's error for display: a translated headline before core's (English) detail.
    static QString cycleErrorText(const CycleReport& report);
    // "Memory OK", "Memory warning" or "Memory critical": for small spaces (the full text as tooltip).
    QString alarmTitle() const;
    // Several lines: last sync, next sync and current memory, for the tray tooltip.
    QString toolTip(const QDateTime& nowUtc) const;

    static QString displayName(Display display);
    static QString countdown(qint64 seconds);

Q_SIGNALS:
    void changed();
    // Notifications worth showing: the first failed cycle of a run, the first good one after it.
    void cycleFailed(const Lantir::CycleReport& report);
    void recovered(const Lantir::CycleReport& report, int failedCycles);
    void memoryAlarmRaised(const Lantir::MemoryAlarm& alarm);
    void memoryAlarmCleared();

private:
    void onCycleStarted();
    void onCycleFinished(const CycleReport& report);
    void onAlarmChanged(const MemoryAlarm& alarm);
    void onTrendUpdated(const MemoryTrendSummary& summary);
    void addSettledSample(const CycleReport& report);
    // "All 2 sources OK", "Source X: not synced yet" and the like, for sourcesText().
    QString healthText(const QStringList& names) const;

    SyncController* m_controller;
    bool m_configured = false;
    CycleReport m_lastReport;
    QHash<QString, CycleReport> m_lastBySource;
    QHash<QString, int> m_failuresInRow; // by source
    MemoryAlarm m_alarm;
    MemoryTrendSummary m_trend;
    MemoryTrend m_settled; // end-of-cycle RSS of this run (or the stored one), warm-up left out
    MemoryTrendSummary m_settledSummary;
    // The trend and limits the current alarm was evaluated with.
    MemoryTrendSummary m_alarmTrend;
    double m_alarmWarnMbPerHour = 0;
    double m_alarmCriticalMb = 0;
};

} // namespace Lantir
