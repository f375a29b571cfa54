#include "PostgresTestServer.h"
#include "SqlFixture.h"
#include "TestEnvironment.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::PostgresTestServer;
using Lantir::Test::SqlFixture;
using Lantir::Test::TestEnvironment;

namespace {
struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

// A SQLite connection to `path` for the test's own look, removed when it goes.
class Sqlite
{
public:
    explicit Sqlite(const QString& path)
        : m_name(QStringLiteral("cli-copy-%1").arg(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~Sqlite()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;
    QSqlDatabase& db() { return m_db; }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
};
} // namespace

// lantir-sync --copy-database FROM TO as an administrator runs it: the real binary, a SQLite file
// and a database of a PostgreSQL server the suite starts, the password in a PGPASSFILE. The exit
// status says success (0), refusal (2, nothing written) or a failed copy (1, rolled back); the
// summary goes to stdout, the reasons to stderr.
class TestCopyDatabaseCli : public QObject
{
    Q_OBJECT

private:
    PostgresTestServer m_server;
    QTemporaryDir m_dir;
    int m_counter = 0;

    Outcome run(const QStringList& args) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSFILE"), m_server.passFile());
        env.remove(QStringLiteral("PGPASSWORD"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("xdg-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg-data")));
        process.setProcessEnvironment(env);
        process.start(TestEnvironment::lantirSyncBinary(), args);
        process.waitForFinished(int(TestEnvironment::scaledMs(60000)));
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()) };
    }

    QString newFile() { return m_dir.filePath(QStringLiteral("worklist_%1.db").arg(++m_counter)); }

    // A new database on the test server, named by its URI.
    QString newUri(const QString& query = QStringLiteral("?sslmode=disable"))
    {
        const QString name = QStringLiteral("cli_%1").arg(++m_counter);
        if (!m_server.createDatabase(name))
            qWarning("creating %s: %s", qPrintable(name), qPrintable(m_server.errorString()));
        return QStringLiteral("postgresql://%1@%2:%3/%4%5")
            .arg(m_server.superuser(), m_server.host())
            .arg(m_server.port())
            .arg(name, query);
    }

    QString databaseOf(const QString& uri) const
    {
        return uri.section(QLatin1Char('/'), 3).section(QLatin1Char('?'), 0, 0);
    }

    QString pylantirFile()
    {
        const QString path = newFile();
        Sqlite db(path);
        QString error;
        if (!SqlFixture::runScript(db.db(), QStringLiteral("pylantir_worklist.sql"), &error))
            qWarning("fixture: %s", qPrintable(error));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        LANTIR_REQUIRE_POSTGRES(m_server);
    }

    void helpNamesTheCommand()
    {
        const Outcome help = run({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QLatin1String("--copy-database <FROM>")), qPrintable(help.out));
        QVERIFY2(help.out.contains(QLatin1String("a copy failed")), qPrintable(help.out));
    }

    void copiesToPostgresqlAndBack()
    {
        const QString fixture = pylantirFile();
        const QString uri = newUri();
        const Outcome up = run({ QStringLiteral("--copy-database"), fixture, uri });
        QVERIFY2(up.exitCode == 0, qPrintable(up.out + up.err));
        QVERIFY2(up.out.startsWith(QLatin1String("Copied ") + fixture + QLatin1String(" into postgresql://")),
                 qPrintable(up.out));
        QVERIFY2(up.out.contains(QRegularExpression(QStringLiteral("in \\d+\\.\\d s:\\n"))),
                 qPrintable(up.out));
        QVERIFY2(up.out.contains(QRegularExpression(QStringLiteral("worklist_items +6 rows"))),
                 qPrintable(up.out));
        QVERIFY2(up.out.contains(QRegularExpression(QStringLiteral("total +6 rows"))), qPrintable(up.out));

        const QString back = newFile();
        const Outcome down = run({ QStringLiteral("--copy-database"), uri, back });
        QVERIFY2(down.exitCode == 0, qPrintable(down.out + down.err));
        Sqlite original(fixture);
        Sqlite copied(back);
        QCOMPARE(
            SqlFixture::tableRows(copied.db(), QStringLiteral("worklist_items"), QStringLiteral("id")),
            SqlFixture::tableRows(original.db(), QStringLiteral("worklist_items"), QStringLiteral("id")));
        QCOMPARE(QFileInfo(back).permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
    }

    void refusalsExitWithTwoAndWriteNothing()
    {
        const QString fixture = pylantirFile();
        const QString full = pylantirFile();
        const QString missing = newFile();
        const QString unused = newFile();
        const struct
        {
            QStringList args;
            const char* reason;
        } cases[] = {
            { { fixture, full }, "already holds rows (table worklist_items)" },
            { { missing, unused }, "does not exist" },
            { { fixture, m_dir.path() + QLatin1String("/./") + QFileInfo(fixture).fileName() }, "both" },
            { { fixture, QStringLiteral("postgresql://lantir:Pa55word@127.0.0.1/x") }, "~/.pgpass" },
            { { fixture, QStringLiteral("postgresql://127.0.0.1/x?host=other") }, "'host'" },
        };
        for (const auto& c : cases) {
            const Outcome refused = run(QStringList { QStringLiteral("--copy-database") } + c.args);
            QVERIFY2(refused.exitCode == 2,
                     qPrintable(c.args.join(QLatin1Char(' ')) + refused.out + refused.err));
            QVERIFY2(refused.err.contains(QLatin1String(c.reason)), qPrintable(refused.err));
            QVERIFY2(refused.out.isEmpty(), qPrintable(refused.out));
            QVERIFY2(!refused.err.contains(QLatin1String("Pa55word")), qPrintable(refused.err));
        }
        QVERIFY(!QFileInfo::exists(missing));
        QVERIFY(!QFileInfo::exists(unused));
        Sqlite kept(full);
        QCOMPARE(SqlFixture::scalar(kept.db(), QStringLiteral("SELECT count(*) FROM worklist_items")),
                 QStringLiteral("6"));
    }

    void usageErrorsExitWithTwo()
    {
        const QString fixture = pylantirFile();
        const QList<QStringList> cases {
            { QStringLiteral("--copy-database"), fixture },
            { QStringLiteral("--copy-database"), fixture, newFile(), newFile() },
            { QStringLiteral("--copy-database"), fixture, newFile(), QStringLiteral("--once") },
            { QStringLiteral("--db"), newFile(), QStringLiteral("--copy-database"), fixture, newFile() },
        };
        for (const QStringList& args : cases) {
            const Outcome refused = run(args);
            QVERIFY2(refused.exitCode == 2, qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY2(refused.err.contains(QLatin1String("--copy-database")), qPrintable(refused.err));
        }
    }

    void aFailedCopyExitsWithOneAndLeavesToEmpty()
    {
        const QString fixture = pylantirFile();
        const QString uri = newUri();
        const QString name = databaseOf(uri);
        {
            QSqlDatabase db = m_server.openDatabase(name, QStringLiteral("cli-trigger"));
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            QVERIFY2(query.exec(QStringLiteral(
                         "CREATE TABLE worklist_items (id SERIAL PRIMARY KEY, study_instance_uid "
                         "VARCHAR, patient_name VARCHAR, patient_id VARCHAR CHECK (patient_id NOT "
                         "LIKE 'sub_1003%'), patient_birth_date VARCHAR, patient_sex VARCHAR, "
                         "patient_weight_lb VARCHAR, accession_number VARCHAR, "
                         "referring_physician_name VARCHAR, modality VARCHAR, study_description "
                         "VARCHAR, scheduled_station_aetitle VARCHAR, scheduled_start_date VARCHAR, "
                         "scheduled_start_time VARCHAR, performing_physician VARCHAR, "
                         "procedure_description VARCHAR, protocol_name VARCHAR, station_name "
                         "VARCHAR, hisris_coding_designator VARCHAR, "
                         "performed_procedure_step_status VARCHAR, data_source VARCHAR)")),
                     qPrintable(query.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("cli-trigger"));
        const Outcome failed = run({ QStringLiteral("--copy-database"), fixture, uri });
        QVERIFY2(failed.exitCode == 1, qPrintable(failed.out + failed.err));
        QVERIFY2(failed.err.contains(QLatin1String("Copying table worklist_items failed at row 4 (id 4)")),
                 qPrintable(failed.err));
        QVERIFY2(failed.out.isEmpty(), qPrintable(failed.out));
        QSqlDatabase db = m_server.openDatabase(name, QStringLiteral("cli-look"));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM worklist_items")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'lantir%' OR "
                                          "tablename = 'sync_cycles'"))
                && query.next());
        QCOMPARE(query.value(0).toInt(), 0); // the tables the copy made are gone with it
        query = QSqlQuery();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("cli-look"));
    }
};

QTEST_GUILESS_MAIN(TestCopyDatabaseCli)
#include "tst_copydatabasecli.moc"
