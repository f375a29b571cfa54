#include "config/DatabaseTarget.h"

#include <QDir>
#include <QStringList>

namespace Lantir {

QString databaseDriverName(DatabaseDriver driver)
{
    return driver == DatabaseDriver::Postgresql ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

std::optional<DatabaseDriver> databaseDriverFromName(const QString& name)
{
    if (name == QLatin1String("sqlite"))
        return DatabaseDriver::Sqlite;
    if (name == QLatin1String("postgresql"))
        return DatabaseDriver::Postgresql;
    return std::nullopt;
}

bool PostgresSettings::operator==(const PostgresSettings& other) const
{
    return host == other.host && port == other.port && name == other.name && user == other.user
        && sslmode == other.sslmode && caFile == other.caFile;
}

bool DatabaseTarget::operator==(const DatabaseTarget& other) const
{
    return driver == other.driver && path == other.path && busyTimeoutMs == other.busyTimeoutMs
        && postgres == other.postgres && password == other.password;
}

QString DatabaseTarget::describe() const
{
    if (!isPostgres())
        return QDir::toNativeSeparators(path);
    const QString user = postgres.user.isEmpty() ? QString() : postgres.user + QLatin1Char('@');
    // An IPv6 address in brackets, so that the port stays apart from it.
    const QString host
        = postgres.host.contains(QLatin1Char(':')) && !postgres.host.startsWith(QLatin1Char('/'))
        ? QLatin1Char('[') + postgres.host + QLatin1Char(']')
        : postgres.host;
    return QStringLiteral("postgresql://%1%2:%3/%4").arg(user, host).arg(postgres.port).arg(postgres.name);
}

bool isValidSslMode(const QString& mode)
{
    static const QStringList modes { QStringLiteral("disable"),   QStringLiteral("allow"),
                                     QStringLiteral("prefer"),    QStringLiteral("require"),
                                     QStringLiteral("verify-ca"), QStringLiteral("verify-full") };
    return modes.contains(mode);
}

} // namespace Lantir
