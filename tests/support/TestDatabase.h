#pragma once

#include "PostgresTestServer.h"
#include "config/DatabaseTarget.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

namespace Lantir {
struct SyncConfig;
}

namespace Lantir::Test {

// A fresh worklist database for each test of a suite, on the driver the environment names:
// LANTIR_TEST_DRIVER=postgresql gives each test a new database in one PostgresTestServer that the
// suite starts once (start()); anything else, a new SQLite file in a temporary folder. A suite that
// takes its databases from here proves the same behaviour on both drivers (tests/CMakeLists.txt
// registers it a second time, as <suite>_postgresql).
class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    // The driver LANTIR_TEST_DRIVER names ("sqlite" when unset or unknown).
    static DatabaseDriver driverFromEnvironment();
    DatabaseDriver driver() const { return m_driver; }
    bool isPostgres() const { return m_driver == DatabaseDriver::Postgresql; }
    // The PostgreSQL server (started by LANTIR_REQUIRE_TEST_DATABASE); null for SQLite.
    PostgresTestServer* server() const { return m_server.get(); }
    // After the server started: PGPASSFILE points libpq at its password, for the store and for
    // connections of the suite alike.
    void useServerPassword() const;

    // A new, empty database: a SQLite file not yet created, or a PostgreSQL database just created
    // (owned by the server's superuser). `busyTimeoutMs` is the store's lock wait.
    DatabaseTarget create(int busyTimeoutMs = 10000);
    // Puts `target` into `config` as the database the sync writes.
    static void applyTo(const DatabaseTarget& target, SyncConfig& config);
    QString errorString() const { return m_error; }

private:
    DatabaseDriver m_driver;
    QTemporaryDir m_dir;
    std::unique_ptr<PostgresTestServer> m_server;
    int m_counter = 0;
    QString m_error;
};

// A connection of its own to a test database, as another program (pylantir, the scanner's MPPS
// handler, an administrator's client) would have; removed again when it goes out of scope.
// For SQLite `sqliteOptions` are the QSQLITE connect options; PostgreSQL ignores them.
class TargetConnection
{
public:
    explicit TargetConnection(const DatabaseTarget& target, const QString& sqliteOptions = {});
    ~TargetConnection();
    TargetConnection(const TargetConnection&) = delete;
    TargetConnection& operator=(const TargetConnection&) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase& db() { return m_db; }
    // Runs one statement; false on failure (lastError() tells why).
    bool exec(const QString& sql);
    QString lastError() const { return m_lastError; }

    // The first column of the first row of `sql` on a short-lived connection, or an invalid
    // QVariant when the query fails.
    static QVariant scalar(const DatabaseTarget& target, const QString& sql);
    // Every row of every table in `tables`, as text, sorted within each table: equal lists mean
    // the tables hold the same rows, whichever order the database keeps them in.
    static QList<QStringList> contents(const QSqlDatabase& db,
                                       const QStringList& tables = { QStringLiteral("worklist_items"),
                                                                     QStringLiteral("lantir_entry_keys"),
                                                                     QStringLiteral("lantir_state") });

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_lastError;
};

} // namespace Lantir::Test

// Prepares `database` (a TestDatabase) or ends the test function: for PostgreSQL, starts its server
// as LANTIR_REQUIRE_POSTGRES does (a missing server fails under CI=true) and hands libpq the
// password. Needs <QTest>.
#define LANTIR_REQUIRE_TEST_DATABASE(database)                                                               \
    do {                                                                                                     \
        if ((database).isPostgres()) {                                                                       \
            LANTIR_REQUIRE_POSTGRES(*(database).server());                                                   \
            (database).useServerPassword();                                                                  \
        }                                                                                                    \
    } while (false)

// Ends a test function that checks a behaviour of SQLite files (`what`: file modes, the journal,
// PRAGMAs...) when the suite runs on PostgreSQL: the SQLite run of the same suite covers it.
#define LANTIR_SQLITE_FILE_BEHAVIOUR(database, what)                                                         \
    do {                                                                                                     \
        if ((database).isPostgres())                                                                         \
            QSKIP("A SQLite file behaviour (" what "), covered by the SQLite run of this suite.");           \
    } while (false)
