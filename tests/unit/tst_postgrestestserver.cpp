#include "PostgresTestServer.h"

#include <QFile>
#include <QHostAddress>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <QVariant>

using Lantir::Test::PostgresTestServer;

namespace {

// One QPSQL connection, removed from Qt's list when the test is done with it.
class Connection
{
public:
    Connection(const PostgresTestServer& server, const QString& database, const QString& name)
        : m_name(name)
        , m_db(server.openDatabase(database, name))
    {
    }
    // To database postgres, set up here: with `password`, or none when it is null.
    Connection(const PostgresTestServer& server, const QString& name, const QString* password)
        : m_name(name)
        , m_db(QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name))
    {
        m_db.setHostName(server.host());
        m_db.setPort(server.port());
        m_db.setUserName(server.superuser());
        m_db.setDatabaseName(QStringLiteral("postgres"));
        if (password)
            m_db.setPassword(*password);
        m_db.open();
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QString openError() const { return m_db.lastError().text(); }
    // Runs `sql`; an empty string on success, else the error.
    QString exec(const QString& sql)
    {
        QSqlQuery query(m_db);
        return query.exec(sql) ? QString() : query.lastError().text();
    }
    // The first value of the first row of `sql`, as text (the error text prefixed with "ERROR: ").
    QString scalar(const QString& sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return QStringLiteral("ERROR: ") + query.lastError().text();
        return query.next() ? query.value(0).toString() : QString();
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

// Sets an environment variable for the scope, then puts back what was there.
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

// Whether process `pid` exists and is not a zombie (one nobody has reaped yet has ended).
bool processRuns(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype afterName = line.lastIndexOf(')');
    return afterName >= 0 && line.mid(afterName + 2, 1) != "Z";
}

} // namespace

// PostgresTestServer: a real PostgreSQL server of its own for each test, on 127.0.0.1.
class TestPostgresTestServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAndStoresRowsOverLoopback()
    {
        PostgresTestServer server;
        LANTIR_REQUIRE_POSTGRES(server);
        QCOMPARE(server.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(server.port() > 0);
        QVERIFY(server.isRunning());

        Connection db(server, QStringLiteral("postgres"), QStringLiteral("pg-basic"));
        QVERIFY2(db.isOpen(), qPrintable(db.openError()));
        QVERIFY2(db.scalar(QStringLiteral("SELECT version()")).startsWith(QLatin1String("PostgreSQL ")),
                 qPrintable(db.scalar(QStringLiteral("SELECT version()"))));
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_user")), QStringLiteral("lantir"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT inet_server_addr()::text")),
                 QStringLiteral("127.0.0.1/32"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_setting('listen_addresses')")),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL)")),
                 QString());
        QCOMPARE(db.exec(QStringLiteral("INSERT INTO items VALUES (1, 'Ærøskøbing'), (2, 'scan')")),
                 QString());
        QCOMPARE(db.scalar(QStringLiteral("SELECT string_agg(name, ',' ORDER BY id) FROM items")),
                 QStringLiteral("Ærøskøbing,scan"));
    }

    void createsADatabase()
    {
        PostgresTestServer server;
        LANTIR_REQUIRE_POSTGRES(server);
        QVERIFY2(server.createDatabase(QStringLiteral("worklist")), qPrintable(server.errorString()));
        Connection db(server, QStringLiteral("worklist"), QStringLiteral("pg-created"));
        QVERIFY2(db.isOpen(), qPrintable(db.openError()));
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_database()")), QStringLiteral("worklist"));
        QCOMPARE(db.scalar(QStringLiteral("SELECT pg_encoding_to_char(encoding) FROM pg_database "
                                          "WHERE datname = 'worklist'")),
                 QStringLiteral("UTF8"));
        QVERIFY(!server.createDatabase(QStringLiteral("worklist")));
        QVERIFY2(server.errorString().contains(QLatin1String("already exists")),
                 qPrintable(server.errorString()));
    }

    void aWrongPasswordIsRefused()
    {
        PostgresTestServer server;
        LANTIR_REQUIRE_POSTGRES(server);
        ScopedEnv noPassFile("PGPASSFILE", QFile::encodeName(server.passFile() + QStringLiteral(".none")));
        const QString wrong = QStringLiteral("not-") + server.password();
        Connection db(server, QStringLiteral("pg-wrong"), &wrong);
        QVERIFY(!db.isOpen());
        QVERIFY2(db.openError().contains(QLatin1String("password authentication failed for user \"lantir\"")),
                 qPrintable(db.openError()));
    }

    void thePassFileStandsInForThePassword()
    {
        PostgresTestServer server;
        LANTIR_REQUIRE_POSTGRES(server);
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
            | QFileDevice::ExeOther;
        QVERIFY(QFile::permissions(server.passFile()) & QFileDevice::ReadOwner);
        QVERIFY(!(QFile::permissions(server.passFile()) & others));
        {
            ScopedEnv elsewhere("PGPASSFILE", QFile::encodeName(server.passFile() + QStringLiteral(".none")));
            Connection db(server, QStringLiteral("pg-nopass"), nullptr);
            QVERIFY(!db.isOpen());
            QVERIFY2(db.openError().contains(QLatin1String("no password supplied")),
                     qPrintable(db.openError()));
        }
        ScopedEnv passFile("PGPASSFILE", QFile::encodeName(server.passFile()));
        Connection db(server, QStringLiteral("pg-passfile"), nullptr);
        QVERIFY2(db.isOpen(), qPrintable(db.openError()));
        QCOMPARE(db.scalar(QStringLiteral("SELECT current_user")), QStringLiteral("lantir"));
    }

    void aRestartKeepsTheData()
    {
        PostgresTestServer server;
        LANTIR_REQUIRE_POSTGRES(server);
        QVERIFY2(server.createDatabase(QStringLiteral("kept")), qPrintable(server.errorString()));
        QString startedAt;
        {
            Connection db(server, QStringLiteral("kept"), QStringLiteral("pg-before"));
            QVERIFY2(db.isOpen(), qPrintable(db.openError()));
            QCOMPARE(db.exec(QStringLiteral("CREATE TABLE t (v text)")), QString());
            QCOMPARE(db.exec(QStringLiteral("INSERT INTO t VALUES ('before the restart')")), QString());
            startedAt = db.scalar(QStringLiteral("SELECT pg_postmaster_start_time()::text"));
        }
        const quint16 port = server.port();
        QVERIFY2(server.restart(), qPrintable(server.errorString()));
        QCOMPARE(server.port(), port);
        Connection db(server, QStringLiteral("kept"), QStringLiteral("pg-after"));
        QVERIFY2(db.isOpen(), qPrintable(db.openError()));
        QVERIFY(db.scalar(QStringLiteral("SELECT pg_postmaster_start_time()::text")) != startedAt);
        QCOMPARE(db.scalar(QStringLiteral("SELECT v FROM t")), QStringLiteral("before the restart"));
    }

    void aKilledServerRecoversItsCommittedRows()
    {
        PostgresTestServer server;
        LANTIR_REQUIRE_POSTGRES(server);
        {
            Connection db(server, QStringLiteral("postgres"), QStringLiteral("pg-crash"));
            QVERIFY2(db.isOpen(), qPrintable(db.openError()));
            QCOMPARE(db.exec(QStringLiteral("CREATE TABLE c AS SELECT generate_series(1, 1000) AS n")),
                     QString());
            QVERIFY2(server.kill(), qPrintable(server.errorString()));
            QVERIFY(!server.isRunning());
            QVERIFY(!db.exec(QStringLiteral("SELECT 1")).isEmpty());
        }
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        Connection db(server, QStringLiteral("postgres"), QStringLiteral("pg-recovered"));
        QVERIFY2(db.isOpen(), qPrintable(db.openError()));
        QCOMPARE(db.scalar(QStringLiteral("SELECT sum(n) FROM c")), QStringLiteral("500500"));
        QVERIFY2(server.logTail(200).contains(QLatin1String("not properly shut down")),
                 qPrintable(server.logTail()));
    }

    void aTakenPortMovesTheServerToAnother()
    {
        PostgresTestServer server;
        LANTIR_REQUIRE_POSTGRES(server);
        const quint16 first = server.port();
        QVERIFY2(server.stop(), qPrintable(server.errorString()));
        QTcpServer squatter;
        QVERIFY2(squatter.listen(QHostAddress::LocalHost, first), qPrintable(squatter.errorString()));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.port() != first);
        QVERIFY2(server.logTail(100).contains(QLatin1String("could not bind")), qPrintable(server.logTail()));
        Connection db(server, QStringLiteral("postgres"), QStringLiteral("pg-moved"));
        QVERIFY2(db.isOpen(), qPrintable(db.openError()));
        QCOMPARE(db.scalar(QStringLiteral("SELECT inet_server_port()")), QString::number(server.port()));
    }

    void twoServersRunSideBySide()
    {
        PostgresTestServer first;
        PostgresTestServer second;
        LANTIR_REQUIRE_POSTGRES(first);
        LANTIR_REQUIRE_POSTGRES(second);
        QVERIFY(first.port() != second.port());
        QVERIFY(first.password() != second.password());
        Connection a(first, QStringLiteral("postgres"), QStringLiteral("pg-first"));
        Connection b(second, QStringLiteral("postgres"), QStringLiteral("pg-second"));
        QVERIFY2(a.isOpen(), qPrintable(a.openError()));
        QVERIFY2(b.isOpen(), qPrintable(b.openError()));
        QCOMPARE(a.exec(QStringLiteral("CREATE TABLE only_here (x int)")), QString());
        QCOMPARE(a.scalar(QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'")),
                 QStringLiteral("1"));
        QCOMPARE(b.scalar(QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'")),
                 QStringLiteral("0"));
    }

    void nothingIsLeftAfterTheServerIsGone()
    {
        QString dataDir;
        qint64 pid = 0;
        {
            PostgresTestServer server;
            LANTIR_REQUIRE_POSTGRES(server);
            dataDir = server.dataDir();
            QFile pidFile(dataDir + QStringLiteral("/postmaster.pid"));
            QVERIFY(pidFile.open(QIODevice::ReadOnly));
            pid = pidFile.readLine().trimmed().toLongLong();
            QVERIFY(pid > 0);
            QVERIFY(processRuns(pid));
        }
        QVERIFY(!QFile::exists(dataDir));
        QVERIFY(!processRuns(pid));
    }
};

QTEST_GUILESS_MAIN(TestPostgresTestServer)
#include "tst_postgrestestserver.moc"
