#include "config/ConfigSections.h"

namespace Lantir::ConfigParsing {

bool readWorklistSection(Reader& r, const QJsonObject& worklist, const QString& w)
{
    r.checkKeys(worklist, w,
                { QLatin1String("retention_days"), QLatin1String("max_cancel_fraction"),
                  QLatin1String("reconcile_interval_s") });
    SyncConfig& c = r.config();
    return r.readInt(worklist, QLatin1String("retention_days"), w, c.retentionDays, 0, 36500,
                     QStringLiteral("days"))
        && r.readDouble(worklist, QLatin1String("max_cancel_fraction"), w, c.maxCancelFraction, 0, 1)
        && r.readInt(worklist, QLatin1String("reconcile_interval_s"), w, c.reconcileIntervalSeconds, 60,
                     30 * 86400, QStringLiteral("seconds"));
}

QJsonObject writeWorklistSection(const SyncConfig& c)
{
    return QJsonObject {
        { QStringLiteral("retention_days"), c.retentionDays },
        { QStringLiteral("max_cancel_fraction"), c.maxCancelFraction },
        { QStringLiteral("reconcile_interval_s"), c.reconcileIntervalSeconds },
    };
}

} // namespace Lantir::ConfigParsing
