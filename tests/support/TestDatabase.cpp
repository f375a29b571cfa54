#include "TestDatabase.h"

#include "config/SyncConfig.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace Lantir::Test {

namespace {
QAtomicInteger<quint64> s_connections;
}

TestDatabase::TestDatabase()
    : m_driver(driverFromEnvironment())
{
    if (isPostgres())
        m_server = std::make_unique<PostgresTestServer>();
}

TestDatabase::~TestDatabase() = default;

DatabaseDriver TestDatabase::driverFromEnvironment()
{
    const QString name = qEnvironmentVariable("LANTIR_TEST_DRIVER").trimmed().toLower();
    return databaseDriverFromName(name).value_or(DatabaseDriver::Sqlite);
}

void TestDatabase::useServerPassword() const
{
    if (m_server)
        qputenv("PGPASSFILE", m_server->passFile().toLocal8Bit());
}

DatabaseTarget TestDatabase::create(int busyTimeoutMs)
{
    DatabaseTarget target;
    target.driver = m_driver;
    target.busyTimeoutMs = busyTimeoutMs;
    ++m_counter;
    if (!isPostgres()) {
        target.path = m_dir.filePath(QStringLiteral("worklist-%1.db").arg(m_counter));
        return target;
    }
    // Lower case and digits only: PostgreSQL folds unquoted names, and the suite's own SQL may
    // name the database without quotes.
    const QString name = QStringLiteral("%1_%2")
                             .arg(QCoreApplication::applicationName().toLower().remove(QLatin1Char('-')))
                             .arg(m_counter);
    if (!m_server->createDatabase(name)) {
        m_error = m_server->errorString();
        qWarning("creating %s: %s", qPrintable(name), qPrintable(m_error));
    }
    target.postgres.host = m_server->host();
    target.postgres.port = m_server->port();
    target.postgres.name = name;
    target.postgres.user = m_server->superuser();
    return target;
}

void TestDatabase::applyTo(const DatabaseTarget& target, SyncConfig& config)
{
    config.databaseDriver = target.driver;
    config.busyTimeoutMs = target.busyTimeoutMs;
    if (target.isPostgres()) {
        config.postgres = target.postgres;
        config.databasePath.clear();
    } else {
        config.databasePath = target.path;
    }
}

TargetConnection::TargetConnection(const DatabaseTarget& target, const QString& sqliteOptions)
    : m_name(QStringLiteral("lantir-test-target-%1").arg(s_connections.fetchAndAddRelaxed(1) + 1))
{
    if (target.isPostgres()) {
        // The password comes from PGPASSFILE (TestDatabase::useServerPassword), as the store's does.
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        m_db.setHostName(target.postgres.host);
        m_db.setPort(target.postgres.port);
        m_db.setUserName(target.postgres.user);
        m_db.setDatabaseName(target.postgres.name);
        m_db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    } else {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(target.path);
        m_db.setConnectOptions(sqliteOptions);
    }
    if (!m_db.open())
        m_lastError = m_db.lastError().text();
}

TargetConnection::~TargetConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool TargetConnection::exec(const QString& sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql)) {
        m_lastError.clear();
        return true;
    }
    m_lastError = query.lastError().text();
    return false;
}

QVariant TargetConnection::scalar(const DatabaseTarget& target, const QString& sql)
{
    TargetConnection connection(target);
    QVariant value;
    {
        QSqlQuery query(connection.db());
        if (query.exec(sql) && query.next())
            value = query.value(0);
    }
    return value;
}

QList<QStringList> TargetConnection::contents(const QSqlDatabase& db, const QStringList& tables)
{
    QList<QStringList> all;
    for (const QString& table : tables) {
        QList<QStringList> rows;
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT * FROM ") + table)) {
            all.append({ table, query.lastError().text() });
            continue;
        }
        while (query.next()) {
            QStringList row { table };
            for (int i = 0; i < query.record().count(); ++i)
                row.append(query.isNull(i) ? QStringLiteral("<NULL>") : query.value(i).toString());
            rows.append(row);
        }
        std::sort(rows.begin(), rows.end());
        all.append(rows);
    }
    return all;
}

} // namespace Lantir::Test
