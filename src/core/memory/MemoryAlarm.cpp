#include "memory/MemoryAlarm.h"

#include <cmath>

namespace Lantir {

namespace {
bool enabled(double limit)
{
    return std::isfinite(limit) && limit > 0;
}

QString mb(double value)
{
    return QString::number(value, 'f', 1);
}
} // namespace

MemoryAlarm evaluateMemoryAlarm(const MemoryTrendSummary& s, double warnMbPerHour, double criticalMb)
{
    MemoryAlarm alarm;
    if (s.samples <= 0)
        return alarm;

    if (enabled(criticalMb) && s.currentMb > criticalMb) {
        alarm.level = MemoryAlarmLevel::Critical;
        alarm.message = QStringLiteral("Memory use is ") + mb(s.currentMb)
            + QStringLiteral(" MB, above the critical limit of ") + mb(criticalMb)
            + QStringLiteral(" MB (growing ") + mb(s.growthMbPerHour)
            + QStringLiteral(" MB per hour). Restart Lantir to get the memory back, and report the "
                             "\"Memory cleanup\" and \"Memory trend\" log lines so the cause can be found.");
        return alarm;
    }

    const double grownMb = s.growthMbPerHour * s.spanHours;
    if (enabled(warnMbPerHour) && s.samples >= kMemoryAlarmMinSamples && s.growthMbPerHour > warnMbPerHour
        && grownMb >= kMemoryAlarmMinGrowthMb) {
        alarm.level = MemoryAlarmLevel::Warning;
        alarm.message = QStringLiteral("Memory is growing by ") + mb(s.growthMbPerHour)
            + QStringLiteral(" MB per hour over the last ") + QString::number(s.samples)
            + QStringLiteral(" cycles (warning above ") + mb(warnMbPerHour)
            + QStringLiteral(" MB per hour; now ") + mb(s.currentMb)
            + QStringLiteral(" MB). Keep an eye on it; if it keeps rising, restart Lantir "
                             "and report the \"Memory trend\" log lines.");
    }
    return alarm;
}

QString memoryAlarmLevelName(MemoryAlarmLevel level)
{
    switch (level) {
    case MemoryAlarmLevel::None:
        return QStringLiteral("none");
    case MemoryAlarmLevel::Warning:
        return QStringLiteral("warning");
    case MemoryAlarmLevel::Critical:
        return QStringLiteral("critical");
    }
    return QStringLiteral("none");
}

} // namespace Lantir
