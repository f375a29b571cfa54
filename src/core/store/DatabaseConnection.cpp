#include "store/DatabaseConnection.h"

#include "base/Logging.h"
#include "store/PostgresSessions.h"
#include "store/StoreError.h"
#include "store/ThreadCryptoState.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

namespace Lantir::DatabaseConnection {

namespace {
// The key of the advisory lock every writing transaction holds (bigint form; "LNTRWRIT").
constexpr qint64 WriteLockKey = 0x4C4E545257524954LL;
constexpr int ConnectTimeoutSeconds = 10;
// TCP keepalives, both ends: a silent peer is given up after 20 + 4 x 5 = 40 s.
constexpr int KeepaliveIdleSeconds = 20;
constexpr int KeepaliveIntervalSeconds = 5;
constexpr int KeepaliveCount = 4;

// A value for a libpq conninfo string: single-quoted, with \ and ' escaped.
QString conninfoValue(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString connectOptions(const DatabaseTarget& target)
{
    QStringList options {
        QStringLiteral("connect_timeout=%1").arg(ConnectTimeoutSeconds),
        QStringLiteral("keepalives=1"),
        QStringLiteral("keepalives_idle=%1").arg(KeepaliveIdleSeconds),
        QStringLiteral("keepalives_interval=%1").arg(KeepaliveIntervalSeconds),
        QStringLiteral("keepalives_count=%1").arg(KeepaliveCount),
        QStringLiteral("application_name=") + conninfoValue(nodeName()),
        QStringLiteral("sslmode=") + target.postgres.sslmode,
    };
    if (!target.postgres.caFile.isEmpty())
        options.append(QStringLiteral("sslrootcert=") + conninfoValue(target.postgres.caFile));
    return options.join(QLatin1Char(';'));
}

Result<void> requirePostgresDriver()
{
    if (QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return {};
    return makeError(Error::Kind::Database,
                     QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed. Install the Qt 6 "
                                    "PostgreSQL plugin (Debian/Ubuntu: libqt6sql6-psql)."));
}

Result<QSqlDatabase> openSqlite(const DatabaseTarget& target, const QString& connectionName, bool readOnly)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(target.path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(qMax(0, target.busyTimeoutMs));
    if (readOnly)
        options += QLatin1String(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    if (db.open())
        return db;
    const Error error
        = StoreError::fromSql(db, db.lastError(), QStringLiteral("Opening the worklist database"));
    closeAndRemove(db);
    return error;
}

// The session's settings, in one round trip:
// - lock_timeout: busy_timeout_ms as on SQLite, 0 not waiting at all (PostgreSQL's own 0 would
//   wait forever);
// - the server's keepalives on this connection as libpq's on ours: a node whose network went
//   silent has its session, and the source it syncs, ended within a minute rather than the
//   server's default two hours, so that another node takes over.
bool configureSession(QSqlDatabase& db, int ms, QSqlError* error)
{
    QSqlQuery query(db);
    const QString sql = QStringLiteral(
        "SELECT pg_backend_pid(), set_config('lock_timeout', '%1', false), "
        "set_config('tcp_keepalives_idle', '%2', false), set_config('tcp_keepalives_interval', '%3', false), "
        "set_config('tcp_keepalives_count', '%4', false)");
    if (query.exec(
            sql.arg(qMax(1, ms)).arg(KeepaliveIdleSeconds).arg(KeepaliveIntervalSeconds).arg(KeepaliveCount))
        && query.next()) {
        PostgresSessions::opened(db.connectionName(), query.value(0).toLongLong(), qMax(0, ms));
        return true;
    }
    *error = query.lastError();
    return false;
}
} // namespace

QString nodeName()
{
    QString program = QCoreApplication::applicationName();
    if (program.isEmpty())
        program = QStringLiteral("lantir");
    return QStringLiteral("%1@%2:%3")
        .arg(program, QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid());
}

Result<QSqlDatabase> openPostgres(const DatabaseTarget& target, const QString& connectionName)
{
    if (Result<void> driver = requirePostgresDriver(); !driver)
        return driver.error();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(target.postgres.host);
    db.setPort(target.postgres.port);
    db.setDatabaseName(target.postgres.name);
    if (!target.postgres.user.isEmpty())
        db.setUserName(target.postgres.user);
    if (!target.password.isEmpty())
        db.setPassword(target.password);
    db.setConnectOptions(connectOptions(target));
    ThreadCryptoState::connectionOpening();
    QSqlError failed;
    if (db.open() && configureSession(db, target.busyTimeoutMs, &failed))
        return db;
    if (!failed.isValid())
        failed = db.lastError();
    const Error error = StoreError::fromSql(db, failed, QStringLiteral("Opening the worklist database"));
    closeAndRemove(db);
    return error;
}

Result<void> loadDriver(DatabaseDriver driver)
{
    if (driver != DatabaseDriver::Postgresql)
        return {};
    if (Result<void> available = requirePostgresDriver(); !available)
        return available;
    const QString name = QStringLiteral("lantir-driver-load");
    QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name); // Qt keeps the plugin loaded
    QSqlDatabase::removeDatabase(name);
    return {};
}

Result<QSqlDatabase> open(const DatabaseTarget& target, const QString& connectionName, bool readOnly)
{
    if (target.isPostgres())
        return openPostgres(target, connectionName);
    return openSqlite(target, connectionName, readOnly);
}

void closeAndRemove(QSqlDatabase& db)
{
    if (!db.isValid())
        return;
    const QString name = db.connectionName();
    const bool postgres = isPostgres(db);
    PostgresSessions::closed(name);
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
    if (postgres)
        ThreadCryptoState::connectionClosed();
}

bool isAlive(const QSqlDatabase& db)
{
    return db.isOpen() && (!isPostgres(db) || QSqlQuery(db).exec(QStringLiteral("SELECT 1")));
}

bool isPostgres(const QSqlDatabase& db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

bool beginWrite(QSqlDatabase& db, QSqlError* error)
{
    QSqlQuery query(db);
    if (!isPostgres(db)) {
        if (query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return true;
        *error = query.lastError();
        return false;
    }
    if (!query.exec(QStringLiteral("BEGIN"))) {
        *error = query.lastError();
        return false;
    }
    if (query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(WriteLockKey)))
        return true;
    *error = query.lastError();
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    return false;
}

} // namespace Lantir::DatabaseConnection
