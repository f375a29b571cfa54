#pragma once

#include "config/DatabaseTarget.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

#include <memory>
#include <sys/types.h>

namespace Lantir::Test {

// A private PostgreSQL server for one test: its own cluster in a temporary folder, listening on
// 127.0.0.1 only, on a free port, with a superuser "lantir" that signs in with a random password
// (SCRAM-SHA-256). Durability is traded for speed (fsync and full-page writes off), which a crash
// of the server alone (kill()) does not affect; commits stay synchronous, so that what a client saw
// committed is there after a crash and a restart.
// initdb and the server refuse to run as root: under root both run as the `postgres` system user
// (or `nobody`) through setpriv or runuser, and the temporary folder belongs to that user.
// The destructor stops the server (by force when a clean stop fails) and removes the folder.
class PostgresTestServer
{
public:
    // Where initdb and pg_ctl are (PATH first, then /usr/lib/postgresql/<highest version>/bin), and
    // whether Qt's QPSQL driver is there; when something is missing, what and how to get it. As in
    // TestEnvironment::findTool, mustFail is set under CI=true, where scripts/setup-deps.sh has
    // installed everything.
    struct Tools
    {
        QString initdb;
        QString pgCtl;
        bool driver = false;
        bool mustFail = false;
        QString message; // empty when everything was found
        bool found() const { return !initdb.isEmpty() && !pgCtl.isEmpty() && driver; }
    };
    static Tools findTools();

    PostgresTestServer();
    ~PostgresTestServer();
    PostgresTestServer(const PostgresTestServer&) = delete;
    PostgresTestServer& operator=(const PostgresTestServer&) = delete;

    // Creates the cluster (first call only) and starts the server; false with errorString() (which
    // includes the end of the server's log) when it does not come up.
    bool start();
    // pg_ctl stop -m fast: clients are disconnected, the server shuts down cleanly.
    bool stop();
    // Stops the server if it runs and starts it again with the same data, on the same port unless
    // another program took that one meanwhile (then on a new one: check port()).
    bool restart();
    // pg_ctl stop -m immediate: the server ends as in a crash and recovers at the next start().
    bool kill();
    bool isRunning() const;
    QString errorString() const;

    QString host() const; // "127.0.0.1"
    quint16 port() const; // 0 before the first start()
    QString superuser() const; // "lantir"
    QString password() const;
    // A libpq password file (mode 0600) for this server's superuser: set PGPASSFILE to it and a
    // client connects without the password appearing anywhere else.
    QString passFile() const;
    QString dataDir() const;
    // The last `lines` lines of the server's log, for failure messages.
    QString logTail(int lines = 30) const;

    // CREATE DATABASE `name`, owned by the superuser; false with errorString() on failure.
    bool createDatabase(const QString& name);
    // CREATE DATABASE `name` and a DatabaseTarget for it as the superuser (password from passFile()
    // or PGPASSFILE; none in the target). A failure is a warning and the target's first use fails.
    DatabaseTarget newDatabase(const QString& name, int busyTimeoutMs = 2000);
    // A QPSQL connection `connectionName` to `database` as the superuser, opened; on failure it is
    // returned closed, with the reason in lastError(). The caller removes the connection
    // (QSqlDatabase::removeDatabase) once every copy of the handle is gone.
    QSqlDatabase openDatabase(const QString& database, const QString& connectionName) const;

private:
    struct RunAs
    {
        uid_t uid = 0;
        gid_t gid = 0;
        QString name; // empty: run as this process's user
    };

    bool prepare();
    bool initCluster();
    bool writePasswordFiles();
    bool startOnce(bool* portTaken);
    bool pgCtl(const QStringList& arguments, int timeoutMs, QString* output);
    bool run(const QString& program, const QStringList& arguments, int timeoutMs, QString* output) const;
    QStringList serverOptions() const;
    void forceKill();
    bool fail(const QString& message);

    Tools m_tools;
    RunAs m_runAs;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_password;
    quint16 m_port = 0;
    bool m_initialized = false;
    bool m_running = false;
    QString m_error;
};

} // namespace Lantir::Test

// Starts `server` (a PostgresTestServer) or ends the test function: when PostgreSQL or the QPSQL
// driver is missing, QFAIL under CI=true and QSKIP elsewhere, saying what to install; when the
// server does not come up, QFAIL with the reason and the end of its log. Needs <QTest>.
#define LANTIR_REQUIRE_POSTGRES(server)                                                                      \
    do {                                                                                                     \
        const ::Lantir::Test::PostgresTestServer::Tools lantirPgTools_                                       \
            = ::Lantir::Test::PostgresTestServer::findTools();                                               \
        if (!lantirPgTools_.found()) {                                                                       \
            if (lantirPgTools_.mustFail)                                                                     \
                QFAIL(qPrintable(lantirPgTools_.message));                                                   \
            QSKIP(qPrintable(lantirPgTools_.message));                                                       \
        }                                                                                                    \
        QVERIFY2((server).start(), qPrintable((server).errorString()));                                      \
    } while (false)
