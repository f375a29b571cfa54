#include "PostgresTestServer.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "SqlFixture.h"
#include "TestSync.h"
#include "WorklistTruthChecker.h"
#include "store/DatabaseConnection.h"
#include "store/DatabaseCopier.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"
#include "sync/SyncEngine.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Lantir;
using Lantir::Test::PostgresTestServer;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::SqlFixture;
using Lantir::Test::TestSync;
using Lantir::Test::WorklistTruthChecker;

namespace {
const QStringList LantirTables { QStringLiteral("worklist_items"), QStringLiteral("lantir_entry_keys"),
                                 QStringLiteral("lantir_state"), QStringLiteral("sync_cycles"),
                                 QStringLiteral("lantir_mpps") };

// A connection to `target` for the test's own look, closed and removed when it goes.
class Connection
{
public:
    explicit Connection(const DatabaseTarget& target)
    {
        static int counter = 0;
        Result<QSqlDatabase> opened
            = DatabaseConnection::open(target, QStringLiteral("copy-test-%1").arg(++counter));
        if (opened)
            m_db = opened.value();
        else
            m_error = opened.error().message;
    }
    ~Connection() { DatabaseConnection::closeAndRemove(m_db); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    QSqlDatabase& db() { return m_db; }
    QString error() const { return m_error; }

    bool exec(const QString& sql)
    {
        QSqlQuery query(m_db);
        if (query.exec(sql))
            return true;
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    qint64 count(const QString& table)
    {
        return SqlFixture::scalar(m_db, QLatin1String("SELECT count(*) FROM ") + table).toLongLong();
    }
    bool hasTable(const QString& table)
    {
        const Result<QStringList> columns = WorklistSchema::tableColumns(m_db, table);
        return columns.ok() && !columns.value().isEmpty();
    }

private:
    QSqlDatabase m_db;
    QString m_error;
};

// Every row of `table`, each value as text (NULL apart from any text), with its Qt type when
// `withTypes`; sorted, since the two drivers order texts differently.
QStringList dump(const QSqlDatabase& db, const QString& table, bool withTypes)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QLatin1String("SELECT * FROM ") + table))
        return { QStringLiteral("<%1>").arg(query.lastError().text()) };
    QStringList rows;
    while (query.next()) {
        QStringList values;
        for (int c = 0; c < query.record().count(); ++c) {
            const QVariant value = query.value(c);
            QString text = value.isNull() ? QStringLiteral("\x01NULL") : value.toString();
            if (withTypes)
                text += QStringLiteral("\x02") + QString::number(value.typeId());
            values.append(text);
        }
        rows.append(values.join(QLatin1Char('\x1f')));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// Values no sync writes but a database may hold: quotes, backslashes, non-ASCII text, an empty
// text beside a NULL, a long text, and MPPS rows with NULLs.
bool addUnusualRows(Connection& db)
{
    const QString longText(5000, QLatin1Char('x'));
    return db.exec(WorklistSchema::mppsTableDdl(db.db()))
        && db.exec(
            QStringLiteral(
                "INSERT INTO worklist_items (id, study_instance_uid, patient_name, patient_id, patient_sex, "
                "modality, study_description, scheduled_start_date, performed_procedure_step_status, "
                "data_source) VALUES (900001, '1.2.3.900001', 'O''Brien^Zo\u00eb \\ \U0001F9E0', 'p\"1', '', "
                "'MR', '%1', NULL, 'COMPLETED', NULL)")
                .arg(longText))
        && db.exec(QStringLiteral("INSERT INTO lantir_state (key, value) VALUES ('empty', NULL), "
                                  "('tab\tkey', '\u00e9t\u00e9')"))
        && db.exec(QStringLiteral(
            "INSERT INTO lantir_mpps (sop_instance_uid, status, worklist_item_id, calling_aet, start_date, "
            "start_time, end_date, end_time, created_at, updated_at) VALUES "
            "('1.2.9.1', 'COMPLETED', 900001, 'SCANNER', '20260301', '101500', '20260301', '111500', "
            "'2026-03-01T10:15:00.000Z', '2026-03-01T11:15:00.000Z'), "
            "('1.2.9.2', 'IN PROGRESS', NULL, NULL, NULL, NULL, NULL, NULL, '2026-03-02T09:00:00.000Z', "
            "'2026-03-02T09:00:00.000Z')"));
}

// Evaluates `expression` once (QVERIFY2 evaluates its message even when the check passes).
#define VERIFY_OK(expression)                                                                                \
    do {                                                                                                     \
        const auto& verified_ = (expression);                                                                \
        QVERIFY2(verified_.ok(), qPrintable(verified_.error().message));                                     \
    } while (false)
} // namespace

// DatabaseCopier between real SQLite files and databases of a real PostgreSQL server the suite
// starts on 127.0.0.1: every row of every Lantir table arrives as it was, in every direction; a
// sync goes on on the copy; refusals write nothing and failures roll everything back.
class TestDatabaseCopy : public QObject
{
    Q_OBJECT

private:
    PostgresTestServer m_server;
    QTemporaryDir m_dir;
    int m_counter = 0;

    DatabaseTarget postgres() { return m_server.newDatabase(QStringLiteral("copy_%1").arg(++m_counter)); }

    DatabaseTarget sqlite()
    {
        DatabaseTarget target;
        target.path = m_dir.filePath(QStringLiteral("worklist_%1.db").arg(++m_counter));
        target.busyTimeoutMs = 2000;
        return target;
    }

    DatabaseTarget make(const QString& driver)
    {
        return driver == QLatin1String("sqlite") ? sqlite() : postgres();
    }

    static SyncConfig syncConfig(const QUrl& apiUrl, const DatabaseTarget& target)
    {
        SyncConfig config = TestSync::config(apiUrl, target.path, 7, 1, true);
        config.databaseDriver = target.driver;
        config.postgres = target.postgres;
        config.busyTimeoutMs = target.busyTimeoutMs;
        return config;
    }

    // A worklist as a site's: two real sync cycles from the simulator, then unusual rows.
    static bool fillLikeASite(const DatabaseTarget& target)
    {
        SimulatorThread sim(SimulatorProject { 30, 2, 11, false });
        {
            SyncEngine engine(syncConfig(sim->apiUrl(), target), RedcapSimulator::defaultToken());
            if (!TestSync::run(engine, true).ok || !TestSync::run(engine).ok)
                return false;
        }
        Connection db(target);
        return addUnusualRows(db);
    }

    static Result<CopySummary> copy(const DatabaseTarget& from, const DatabaseTarget& to)
    {
        DatabaseCopier copier(from, to);
        copier.setBatchRows(7); // several batches per table
        return copier.run();
    }

    // Every table FROM has is in TO with the same rows; the types too when both use one driver.
    static void compareAll(const DatabaseTarget& from, const DatabaseTarget& to)
    {
        Connection a(from);
        Connection b(to);
        QVERIFY2(a.db().isOpen() && b.db().isOpen(), qPrintable(a.error() + b.error()));
        const bool sameDriver = from.driver == to.driver;
        for (const QString& table : LantirTables) {
            if (!a.hasTable(table))
                continue;
            QVERIFY2(b.hasTable(table), qPrintable(table));
            const QStringList expected = dump(a.db(), table, sameDriver);
            QCOMPARE(dump(b.db(), table, sameDriver), expected);
        }
    }

    void verifyEmpty(const DatabaseTarget& target)
    {
        Connection db(target);
        for (const QString& table : LantirTables) {
            if (db.hasTable(table))
                QVERIFY2(db.count(table) == 0, qPrintable(table));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        LANTIR_REQUIRE_POSTGRES(m_server);
        qputenv("PGPASSFILE", m_server.passFile().toLocal8Bit());
    }

    void copiesEveryRowOfEveryTable_data()
    {
        QTest::addColumn<QString>("fromDriver");
        QTest::addColumn<QString>("toDriver");
        QTest::newRow("sqlite to postgresql") << QStringLiteral("sqlite") << QStringLiteral("postgresql");
        QTest::newRow("postgresql to sqlite") << QStringLiteral("postgresql") << QStringLiteral("sqlite");
        QTest::newRow("sqlite to sqlite") << QStringLiteral("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql to postgresql")
            << QStringLiteral("postgresql") << QStringLiteral("postgresql");
    }
    void copiesEveryRowOfEveryTable()
    {
        QFETCH(QString, fromDriver);
        QFETCH(QString, toDriver);
        const DatabaseTarget from = make(fromDriver);
        const DatabaseTarget to = make(toDriver);
        QVERIFY(fillLikeASite(from));
        const Result<CopySummary> copied = copy(from, to);
        VERIFY_OK(copied);
        QCOMPARE(copied.value().tables.size(), LantirTables.size());
        Connection source(from);
        for (const CopiedTableCount& table : copied.value().tables) {
            QVERIFY2(LantirTables.contains(table.table), qPrintable(table.table));
            QVERIFY2(table.rows > 0, qPrintable(table.table)); // nothing compared trivially
            QCOMPARE(table.rows, source.count(table.table));
        }
        compareAll(from, to);
    }

    void copiesPylantirsOwnDatabase()
    {
        const DatabaseTarget fixture = sqlite();
        {
            Connection db(fixture);
            QString error;
            QVERIFY2(SqlFixture::runScript(db.db(), QStringLiteral("pylantir_worklist.sql"), &error),
                     qPrintable(error));
        }
        const DatabaseTarget server = postgres();
        const Result<CopySummary> up = copy(fixture, server);
        VERIFY_OK(up);
        QCOMPARE(up.value().tables.size(), 1); // pylantir has only worklist_items
        QCOMPARE(up.value().tables.first().rows, qint64(6));
        compareAll(fixture, server);
        // Back again: the same rows, the same types as pylantir wrote them.
        const DatabaseTarget back = sqlite();
        VERIFY_OK(copy(server, back));
        compareAll(fixture, back);
        Connection original(fixture);
        Connection returned(back);
        QCOMPARE(dump(returned.db(), QStringLiteral("worklist_items"), true),
                 dump(original.db(), QStringLiteral("worklist_items"), true));
        // The copy is a whole Lantir database: its own tables are there, empty.
        for (const QString& table : LantirTables)
            QVERIFY2(returned.hasTable(table), qPrintable(table));
    }

    void aSyncGoesOnOnTheCopy_data()
    {
        QTest::addColumn<QString>("fromDriver");
        QTest::addColumn<QString>("toDriver");
        QTest::newRow("sqlite to postgresql") << QStringLiteral("sqlite") << QStringLiteral("postgresql");
        QTest::newRow("postgresql to sqlite") << QStringLiteral("postgresql") << QStringLiteral("sqlite");
    }
    void aSyncGoesOnOnTheCopy()
    {
        QFETCH(QString, fromDriver);
        QFETCH(QString, toDriver);
        SimulatorThread sim(SimulatorProject { 25, 2, 13, false });
        const DatabaseTarget from = make(fromDriver);
        const DatabaseTarget to = make(toDriver);
        {
            SyncEngine engine(syncConfig(sim->apiUrl(), from), RedcapSimulator::defaultToken());
            const CycleReport synced = TestSync::run(engine, true);
            QVERIFY2(synced.ok, qPrintable(synced.error));
        }
        VERIFY_OK(copy(from, to));
        Connection before(to);
        const qint64 rows = before.count(QStringLiteral("worklist_items"));
        const qint64 lastItem
            = SqlFixture::scalar(before.db(), QStringLiteral("SELECT max(id) FROM worklist_items"))
                  .toLongLong();
        const qint64 lastCycle
            = SqlFixture::scalar(before.db(), QStringLiteral("SELECT max(id) FROM sync_cycles")).toLongLong();

        SyncEngine engine(syncConfig(sim->apiUrl(), to), RedcapSimulator::defaultToken());
        const CycleReport again = TestSync::run(engine, true);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.inserted, qint64(0)); // every visit found by its key: no duplicates
        QCOMPARE(again.updated, qint64(0));
        sim->setValue(QStringLiteral("3"), QStringLiteral("mri"), 3, QStringLiteral("mri_instance"),
                      QStringLiteral("3"));
        sim->setValue(QStringLiteral("3"), QStringLiteral("mri"), 3, QStringLiteral("mri_date"),
                      QStringLiteral("2031-02-03"));
        sim->setValue(QStringLiteral("3"), QStringLiteral("mri"), 3, QStringLiteral("mri_time"),
                      QStringLiteral("09:30"));
        const CycleReport added = TestSync::run(engine, true);
        QVERIFY2(added.ok, qPrintable(added.error));
        QCOMPARE(added.inserted, qint64(1));

        QSqlDatabase db = engine.store()->database();
        QCOMPARE(SqlFixture::scalar(db, QStringLiteral("SELECT count(*) FROM worklist_items")).toLongLong(),
                 rows + 1);
        QVERIFY(SqlFixture::scalar(db,
                                   QStringLiteral("SELECT id FROM worklist_items WHERE "
                                                  "scheduled_start_date = '2031-02-03'"))
                    .toLongLong()
                > lastItem);
        QVERIFY(SqlFixture::scalar(
                    db, QStringLiteral("SELECT min(id) FROM sync_cycles WHERE id > %1").arg(lastCycle))
                    .toLongLong()
                == lastCycle + 1);
        QCOMPARE(SqlFixture::scalar(
                     db, QStringLiteral("SELECT count(DISTINCT study_instance_uid) FROM worklist_items"))
                     .toLongLong(),
                 rows + 1);
        const Lantir::Test::TruthCheck check = WorklistTruthChecker().check(db, sim->truth());
        QVERIFY2(check.equal(),
                 qPrintable(check.summary() + QLatin1Char('\n') + check.diff.join(QLatin1Char('\n'))));
    }

    void refusesAToThatHoldsRows_data()
    {
        QTest::addColumn<QString>("toDriver");
        QTest::addColumn<QString>("table");
        QTest::newRow("sqlite worklist row") << QStringLiteral("sqlite") << QStringLiteral("worklist_items");
        QTest::newRow("postgresql worklist row")
            << QStringLiteral("postgresql") << QStringLiteral("worklist_items");
        QTest::newRow("sqlite state row") << QStringLiteral("sqlite") << QStringLiteral("lantir_state");
        QTest::newRow("postgresql mpps row") << QStringLiteral("postgresql") << QStringLiteral("lantir_mpps");
    }
    void refusesAToThatHoldsRows()
    {
        QFETCH(QString, toDriver);
        QFETCH(QString, table);
        const DatabaseTarget from = sqlite();
        QVERIFY(fillLikeASite(from));
        const DatabaseTarget to = make(toDriver);
        {
            Connection db(to);
            VERIFY_OK(WorklistSchema::ensure(db.db()));
            QVERIFY(db.exec(WorklistSchema::mppsTableDdl(db.db())));
            const QString row = table == QLatin1String("worklist_items")
                ? QStringLiteral("INSERT INTO worklist_items (patient_id) VALUES ('kept')")
                : table == QLatin1String("lantir_state")
                ? QStringLiteral("INSERT INTO lantir_state (key, value) VALUES ('kept', 'x')")
                : QStringLiteral("INSERT INTO lantir_mpps (sop_instance_uid, status, created_at, updated_at) "
                                 "VALUES ('kept', 'COMPLETED', 'x', 'x')");
            QVERIFY(db.exec(row));
        }
        const Result<CopySummary> refused = copy(from, to);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Config);
        QVERIFY2(refused.error().message.contains(QLatin1String("already holds rows (table %1)").arg(table)),
                 qPrintable(refused.error().message));
        Connection db(to);
        QCOMPARE(db.count(table), qint64(1));
        for (const QString& other : LantirTables) {
            if (other != table)
                QCOMPARE(db.count(other), qint64(0));
        }
    }

    void refusesFromAsTo()
    {
        const DatabaseTarget file = sqlite();
        QVERIFY(fillLikeASite(file));
        DatabaseTarget samePath = file;
        samePath.path = QFileInfo(file.path).absolutePath() + QLatin1String("/./../")
            + QFileInfo(QFileInfo(file.path).absolutePath()).fileName() + QLatin1Char('/')
            + QFileInfo(file.path).fileName();
        Result<CopySummary> refused = copy(file, samePath);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Config);
        QVERIFY2(refused.error().message.contains(
                     QLatin1String("both the database to copy from and the one to copy into")),
                 qPrintable(refused.error().message));

        const DatabaseTarget server = postgres();
        DatabaseTarget sameServer = server;
        sameServer.postgres.host = server.postgres.host.toUpper();
        sameServer.postgres.sslmode = QStringLiteral("disable");
        refused = copy(server, sameServer);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Config);
        QVERIFY2(refused.error().message.contains(QLatin1String("both")),
                 qPrintable(refused.error().message));
    }

    void refusesAMissingFromAndCreatesNothing()
    {
        DatabaseTarget from = sqlite();
        const DatabaseTarget to = sqlite();
        const Result<CopySummary> refused = copy(from, to);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Config);
        QVERIFY2(refused.error().message.contains(QLatin1String("does not exist")),
                 qPrintable(refused.error().message));
        QVERIFY(!QFileInfo::exists(from.path));
        QVERIFY(!QFileInfo::exists(to.path));

        // A file that is not a worklist database is refused as well.
        {
            Connection empty(from);
            QVERIFY(empty.exec(QStringLiteral("CREATE TABLE other (x)")));
        }
        const Result<CopySummary> notWorklist = copy(from, to);
        QVERIFY(!notWorklist.ok());
        QVERIFY2(notWorklist.error().message.contains(QLatin1String("no worklist_items table")),
                 qPrintable(notWorklist.error().message));
        QVERIFY(!QFileInfo::exists(to.path));
    }

    void aFailureMidwayLeavesToAsItWas_data()
    {
        QTest::addColumn<QString>("toDriver");
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("row");
        QTest::newRow("postgresql, worklist row 20")
            << QStringLiteral("postgresql")
            << QStringLiteral("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                              "IF (SELECT count(*) FROM worklist_items) = 19 THEN "
                              "RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$; "
                              "CREATE TRIGGER refuse BEFORE INSERT ON worklist_items FOR EACH ROW EXECUTE "
                              "FUNCTION refuse()")
            << QStringLiteral("worklist_items") << QStringLiteral("at row 20 (id ");
        QTest::newRow("postgresql, the last table")
            << QStringLiteral("postgresql")
            << QStringLiteral(
                   "ALTER TABLE lantir_mpps ADD CONSTRAINT no_scanner CHECK (calling_aet <> 'SCANNER')")
            << QStringLiteral("lantir_mpps") << QStringLiteral("at row 1 (sop_instance_uid '1.2.9.1')");
        QTest::newRow("sqlite, sync_cycles row 2")
            << QStringLiteral("sqlite")
            << QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON sync_cycles WHEN "
                              "(SELECT count(*) FROM sync_cycles) = 1 BEGIN SELECT RAISE(ABORT, 'refused by "
                              "the test'); END")
            << QStringLiteral("sync_cycles") << QStringLiteral("at row 2 (id 2)");
    }
    void aFailureMidwayLeavesToAsItWas()
    {
        QFETCH(QString, toDriver);
        QFETCH(QString, trigger);
        QFETCH(QString, table);
        QFETCH(QString, row);
        const DatabaseTarget from = sqlite();
        QVERIFY(fillLikeASite(from));
        const DatabaseTarget to = make(toDriver);
        {
            Connection db(to);
            VERIFY_OK(WorklistSchema::ensure(db.db()));
            QVERIFY(db.exec(WorklistSchema::mppsTableDdl(db.db())));
            QVERIFY(db.exec(trigger));
        }
        const Result<CopySummary> failed = copy(from, to);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, Error::Kind::Database);
        const QString& message = failed.error().message;
        QVERIFY2(message.contains(QLatin1String("Copying table ") + table + QLatin1String(" failed ") + row),
                 qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("Nothing was written")), qPrintable(message));
        verifyEmpty(to);
    }

    void aLostConnectionLeavesToAsItWas()
    {
        const DatabaseTarget from = sqlite();
        QVERIFY(fillLikeASite(from));
        const DatabaseTarget to = postgres();
        DatabaseCopier copier(from, to);
        copier.setBatchRows(5);
        bool crashed = false;
        copier.setProgress([&](const QString&, qint64) {
            if (!crashed)
                crashed = m_server.kill(); // the server goes down in the middle of the copy
        });
        const Result<CopySummary> failed = copier.run();
        QVERIFY(crashed);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(QLatin1String("Copying table worklist_items failed")),
                 qPrintable(failed.error().message));
        QVERIFY2(failed.error().message.contains(QLatin1String("was lost")),
                 qPrintable(failed.error().message));
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        DatabaseTarget again = to;
        again.postgres.port = m_server.port();
        Connection db(again);
        QVERIFY2(db.db().isOpen(), qPrintable(db.error()));
        for (const QString& table : LantirTables)
            QVERIFY2(!db.hasTable(table), qPrintable(table)); // the tables the copy made went with it
        VERIFY_OK(copy(from, again));
        compareAll(from, again);
    }

    void aFailureLeavesNoNewFileBehind()
    {
        const DatabaseTarget from = sqlite();
        QVERIFY(fillLikeASite(from));
        {
            Connection db(from); // a column the copy's new tables do not have
            QVERIFY(db.exec(QStringLiteral("ALTER TABLE worklist_items ADD COLUMN site_note TEXT")));
        }
        const DatabaseTarget to = sqlite();
        const Result<CopySummary> refused = copy(from, to);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QLatin1String("site_note")),
                 qPrintable(refused.error().message));
        QVERIFY(!QFileInfo::exists(to.path));
        QVERIFY(!QFileInfo::exists(to.path + QLatin1String("-journal")));
    }

    void readsOneSnapshotWhileANodeWrites_data()
    {
        QTest::addColumn<QString>("fromDriver");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("sqlite in WAL mode") << QStringLiteral("sqlite");
    }
    void readsOneSnapshotWhileANodeWrites()
    {
        QFETCH(QString, fromDriver);
        const DatabaseTarget from = make(fromDriver);
        QVERIFY(fillLikeASite(from));
        Connection node(from);
        if (!from.isPostgres())
            QCOMPARE(SqlFixture::scalar(node.db(), QStringLiteral("PRAGMA journal_mode = WAL")),
                     QStringLiteral("wal"));
        QHash<QString, qint64> before;
        for (const QString& table : LantirTables)
            before.insert(table, node.count(table));
        // While the copy is in worklist_items, a node commits rows into every table the copy
        // has not read yet, and into the one it is reading.
        bool written = false;
        const DatabaseTarget to = sqlite();
        DatabaseCopier copier(from, to);
        copier.setBatchRows(5);
        copier.setProgress([&](const QString& table, qint64) {
            if (written || table != QLatin1String("worklist_items"))
                return;
            QSqlError failed;
            written = DatabaseConnection::beginWrite(node.db(), &failed)
                && node.exec(
                    QStringLiteral("INSERT INTO worklist_items (id, patient_id) VALUES (990001, 'late')"))
                && node.exec(QStringLiteral("INSERT INTO lantir_state (key, value) VALUES ('late', 'x')"))
                && node.exec(QStringLiteral("DELETE FROM sync_cycles"))
                && node.exec(QStringLiteral("DELETE FROM lantir_mpps"))
                && node.exec(QStringLiteral("COMMIT"));
        });
        VERIFY_OK(copier.run());
        QVERIFY(written);
        QCOMPARE(node.count(QStringLiteral("sync_cycles")), qint64(0)); // the node's write is there
        Connection copied(to);
        for (const QString& table : LantirTables)
            QCOMPARE(copied.count(table), before.value(table));
    }

    void aSecondRunIsRefusedAndKeepsTheFirstCopy()
    {
        const DatabaseTarget from = sqlite();
        QVERIFY(fillLikeASite(from));
        const DatabaseTarget to = sqlite();
        DatabaseCopier copier(from, to);
        VERIFY_OK(copier.run());
        const Result<CopySummary> again = copier.run();
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, Error::Kind::Config);
        QVERIFY(QFileInfo::exists(to.path)); // made by the first run, which succeeded
        compareAll(from, to);
    }

    void waitsForAWriterOfToAndThenGivesUp()
    {
        const DatabaseTarget from = sqlite();
        QVERIFY(fillLikeASite(from));
        DatabaseTarget to = postgres();
        to.busyTimeoutMs = 300;
        Connection node(to); // a node in the middle of a write
        QSqlError failed;
        QVERIFY2(DatabaseConnection::beginWrite(node.db(), &failed), qPrintable(failed.text()));
        const Result<CopySummary> locked = copy(from, to);
        QVERIFY(!locked.ok());
        QVERIFY2(locked.error().message.contains(QLatin1String("locked")),
                 qPrintable(locked.error().message));
        QVERIFY(node.exec(QStringLiteral("COMMIT")));
        QVERIFY(!node.hasTable(QStringLiteral("worklist_items")));
        VERIFY_OK(copy(from, to));
        compareAll(from, to);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseCopy)
#include "tst_databasecopy.moc"
