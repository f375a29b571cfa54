#include "config/ConfigSections.h"

namespace Lantir::ConfigParsing {

bool readMemorySection(Reader& r, const QJsonObject& memory, const QString& me)
{
    r.checkKeys(memory, me, { QLatin1String("warn_growth_mb_per_hour"), QLatin1String("critical_rss_mb") });
    SyncConfig& c = r.config();
    return r.readDouble(memory, QLatin1String("warn_growth_mb_per_hour"), me, c.memoryWarnMbPerHour, 0.01,
                        100000, QStringLiteral("MB per hour"))
        && r.readDouble(memory, QLatin1String("critical_rss_mb"), me, c.memoryCriticalMb, 1, 1000000,
                        QStringLiteral("MB"));
}

QJsonObject writeMemorySection(const SyncConfig& c)
{
    return QJsonObject {
        { QStringLiteral("warn_growth_mb_per_hour"), c.memoryWarnMbPerHour },
        { QStringLiteral("critical_rss_mb"), c.memoryCriticalMb },
    };
}

} // namespace Lantir::ConfigParsing
