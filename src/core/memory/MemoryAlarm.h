#pragma once

#include "memory/MemoryTrend.h"

#include <QMetaType>
#include <QString>

namespace Lantir {

enum class MemoryAlarmLevel
{
    None,
    Warning, // RSS keeps growing faster than it should
    Critical, // RSS is above the limit a site set
};

struct MemoryAlarm
{
    MemoryAlarmLevel level = MemoryAlarmLevel::None;
    QString message; // empty for None; otherwise what is wrong and what to do, ready to log or show
};

// Defaults from pylantir's memory spec (FR-6).
constexpr double kDefaultMemoryWarnMbPerHour = 10.0;
constexpr double kDefaultMemoryCriticalMb = 500.0;
// A growth rate from fewer cycles is mostly start-up noise (caches, the first database pages).
constexpr int kMemoryAlarmMinSamples = 10;
// Start-up growth is bounded (SQLite's page cache, network buffers: a few MB, then flat). With
// cycles seconds apart, that warm-up alone extrapolates to many MB per hour; a rate counts only
// once the growth it describes over the window (rate x time span) is at least this large.
constexpr double kMemoryAlarmMinGrowthMb = 4.0;

// Critical when the current RSS is above criticalMb (from the first sample on); otherwise Warning when
// the growth is above warnMbPerHour over at least kMemoryAlarmMinSamples samples and adds up to at
// least kMemoryAlarmMinGrowthMb over the window. Both limits are strict ("above"), and a limit
// that is 0, negative or not finite switches that alarm off.
MemoryAlarm evaluateMemoryAlarm(const MemoryTrendSummary& summary,
                                double warnMbPerHour = kDefaultMemoryWarnMbPerHour,
                                double criticalMb = kDefaultMemoryCriticalMb);

// "none", "warning", "critical": for reports and settings.
QString memoryAlarmLevelName(MemoryAlarmLevel level);

} // namespace Lantir

Q_DECLARE_METATYPE(Lantir::MemoryAlarm)
