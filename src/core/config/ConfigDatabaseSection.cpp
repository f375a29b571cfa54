#include "config/ConfigSections.h"

namespace Lantir::ConfigParsing {

bool readDatabaseSection(Reader& r, const QJsonObject& database, const QString& d)
{
    r.checkKeys(database, d, { QLatin1String("path"), QLatin1String("busy_timeout_ms") });
    SyncConfig& c = r.config();
    return r.readPath(database, QLatin1String("path"), d, c.databasePath)
        && r.readInt(database, QLatin1String("busy_timeout_ms"), d, c.busyTimeoutMs, 0, 600000,
                     QStringLiteral("milliseconds"));
}

QJsonObject writeDatabaseSection(const SyncConfig& c)
{
    return QJsonObject {
        { QStringLiteral("path"), c.databasePath },
        { QStringLiteral("busy_timeout_ms"), c.busyTimeoutMs },
    };
}

} // namespace Lantir::ConfigParsing
