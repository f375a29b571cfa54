#include "config/ConfigSections.h"

#include <QFileInfo>

namespace Lantir::ConfigParsing {

namespace {
const Keys& sqliteKeys()
{
    static const Keys keys { QLatin1String("path"), QLatin1String("busy_timeout_ms") };
    return keys;
}

const Keys& postgresKeys()
{
    static const Keys keys { QLatin1String("host"),    QLatin1String("port"),    QLatin1String("name"),
                             QLatin1String("user"),    QLatin1String("sslmode"), QLatin1String("ca_file"),
                             QLatin1String("password") };
    return keys;
}

bool readDriver(Reader& r, const QJsonObject& database, const QString& d)
{
    QString name = databaseDriverName(DatabaseDriver::Sqlite);
    if (!r.readString(database, QLatin1String("driver"), d, name))
        return false;
    const std::optional<DatabaseDriver> driver = databaseDriverFromName(name);
    if (!driver)
        return r.fail(joinKey(d, QLatin1String("driver")),
                      QStringLiteral("is \"%1\"; it must be \"sqlite\" (a file on this machine) or "
                                     "\"postgresql\" (a database server)")
                          .arg(name));
    r.config().databaseDriver = *driver;
    return true;
}

// The keys of the driver not chosen would be silently ignored: refused instead, so that a
// half-edited file does not write to a database nobody meant.
bool refuseOtherDriversKeys(Reader& r, const QJsonObject& database, const QString& d)
{
    const bool postgres = r.config().databaseDriver == DatabaseDriver::Postgresql;
    if (postgres && database.contains(QLatin1String("path")))
        return r.fail(joinKey(d, QLatin1String("path")),
                      QStringLiteral("is set, but driver is \"postgresql\": remove path, or set driver to "
                                     "\"sqlite\""));
    for (const QLatin1String& key : postgresKeys()) {
        if (!postgres && database.contains(key))
            return r.fail(joinKey(d, key),
                          QStringLiteral("is a PostgreSQL setting, but driver is \"sqlite\": set driver "
                                         "to \"postgresql\", or remove %1")
                              .arg(key));
    }
    return true;
}

bool readPostgres(Reader& r, const QJsonObject& database, const QString& d)
{
    PostgresSettings& pg = r.config().postgres;
    if (database.contains(QLatin1String("password")))
        return r.fail(joinKey(d, QLatin1String("password")),
                      QStringLiteral("is not read from lantir.json: put the password in ~/.pgpass (or "
                                     "the file PGPASSFILE names), or in PGPASSWORD for the service"));
    if (!r.readString(database, QLatin1String("host"), d, pg.host)
        || !r.readInt(database, QLatin1String("port"), d, pg.port, 1, 65535)
        || !r.readString(database, QLatin1String("name"), d, pg.name)
        || !r.readString(database, QLatin1String("user"), d, pg.user)
        || !r.readString(database, QLatin1String("sslmode"), d, pg.sslmode)
        || !r.readPath(database, QLatin1String("ca_file"), d, pg.caFile))
        return false;
    if (pg.host.isEmpty())
        return r.fail(joinKey(d, QLatin1String("host")),
                      QStringLiteral("is missing: the PostgreSQL server's name or address"));
    if (pg.name.isEmpty())
        return r.fail(joinKey(d, QLatin1String("name")), QStringLiteral("is missing: the database's name"));
    if (!isValidSslMode(pg.sslmode))
        return r.fail(joinKey(d, QLatin1String("sslmode")),
                      QStringLiteral("is \"%1\"; libpq knows disable, allow, prefer, require, verify-ca "
                                     "and verify-full")
                          .arg(pg.sslmode));
    if (!pg.caFile.isEmpty() && !QFileInfo(pg.caFile).isReadable())
        return r.fail(joinKey(d, QLatin1String("ca_file")),
                      QStringLiteral("names %1, which cannot be read").arg(pg.caFile));
    return true;
}
} // namespace

bool readDatabaseSection(Reader& r, const QJsonObject& database, const QString& d)
{
    Keys known = sqliteKeys() + postgresKeys();
    known.append(QLatin1String("driver"));
    r.checkKeys(database, d, known);
    SyncConfig& c = r.config();
    if (!readDriver(r, database, d) || !refuseOtherDriversKeys(r, database, d))
        return false;
    if (!r.readInt(database, QLatin1String("busy_timeout_ms"), d, c.busyTimeoutMs, 0, 600000,
                   QStringLiteral("milliseconds")))
        return false;
    if (c.databaseDriver == DatabaseDriver::Postgresql)
        return readPostgres(r, database, d);
    return r.readPath(database, QLatin1String("path"), d, c.databasePath);
}

QJsonObject writeDatabaseSection(const SyncConfig& c)
{
    if (c.databaseDriver == DatabaseDriver::Sqlite)
        return QJsonObject {
            { QStringLiteral("driver"), databaseDriverName(c.databaseDriver) },
            { QStringLiteral("path"), c.databasePath },
            { QStringLiteral("busy_timeout_ms"), c.busyTimeoutMs },
        };
    QJsonObject database {
        { QStringLiteral("driver"), databaseDriverName(c.databaseDriver) },
        { QStringLiteral("busy_timeout_ms"), c.busyTimeoutMs },
        { QStringLiteral("host"), c.postgres.host },
        { QStringLiteral("port"), c.postgres.port },
        { QStringLiteral("name"), c.postgres.name },
        { QStringLiteral("sslmode"), c.postgres.sslmode },
    };
    if (!c.postgres.user.isEmpty())
        database.insert(QStringLiteral("user"), c.postgres.user);
    if (!c.postgres.caFile.isEmpty())
        database.insert(QStringLiteral("ca_file"), c.postgres.caFile);
    return database;
}

} // namespace Lantir::ConfigParsing
