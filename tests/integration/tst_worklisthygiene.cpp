#include "MockClock.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestDatabase.h"
#include "TestSync.h"
#include "store/CycleHistory.h"
#include "store/DatabaseConnection.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"
#include "sync/SyncEngine.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace Lantir;
using Lantir::Test::MockClock;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::TargetConnection;
using Lantir::Test::TestDatabase;
using Lantir::Test::TestSync;

namespace {
QDateTime startTime()
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
    return now;
}

CycleReport runCycle(SyncEngine& engine, bool full = false, bool dryRun = false, bool force = false)
{
    CycleOptions options;
    options.full = full;
    options.dryRun = dryRun;
    options.forceCancel = force;
    return engine.runCycle(options);
}

// What a dry run must leave as it was: the SQLite file byte for byte; on PostgreSQL, every row of
// the tables a cycle writes.
QByteArray fingerprint(const DatabaseTarget& target)
{
    QByteArray content;
    if (target.isPostgres()) {
        TargetConnection connection(target);
        const QList<QStringList> rows = TargetConnection::contents(
            connection.db(),
            { QStringLiteral("worklist_items"), QStringLiteral("lantir_entry_keys"),
              QStringLiteral("lantir_state"), QStringLiteral("sync_cycles") });
        for (const QStringList& row : rows)
            content += row.join(QLatin1Char('\x1f')).toUtf8() + '\n';
    } else {
        QFile file(target.path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        content = file.readAll();
    }
    return QCryptographicHash::hash(content, QCryptographicHash::Sha256);
}
} // namespace

// Visits removed in REDCap leave the scanner's list (their rows become CANCELED), come back when
// restored, and old final rows are purged: against the simulator, over HTTP on 127.0.0.1.
class TestWorklistHygiene : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;

    SyncConfig configFor(RedcapSimulator* sim)
    {
        SyncConfig config = TestSync::config(sim->apiUrl(), QString(), 5, 1, true);
        TestDatabase::applyTo(m_db.create(), config);
        config.sources.first().serverTimeZone = QByteArrayLiteral("UTC");
        sim->setServerTimeZone(QTimeZone::utc());
        return config;
    }

    // The row of one visit: "<status>|<study uid>|<time>", empty when there is none.
    static QString visit(const DatabaseTarget& db, const QString& record, int instance)
    {
        return TargetConnection::scalar(
                   db,
                   QStringLiteral("SELECT w.performed_procedure_step_status || '|' || w.study_instance_uid "
                                  "|| '|' || COALESCE(w.scheduled_start_time, '') FROM lantir_entry_keys k "
                                  "JOIN worklist_items w ON w.id = k.item_id WHERE k.record_id = '%1' "
                                  "AND k.repeat_instance = '%2'")
                       .arg(record)
                       .arg(instance))
            .toString();
    }

    // The simulator stamps changes with the wall clock; the engine's window follows the mock
    // clock, so a change made before the clock moves on is stamped inside the next window.
    static void touch(RedcapSimulator* sim, const MockClock& clock, const QStringList& records)
    {
        for (const QString& record : records)
            sim->setModifiedAt(record, clock.nowUtc().addSecs(-60));
    }

    static QString status(const DatabaseTarget& db, const QString& record, int instance)
    {
        return visit(db, record, instance).section(QLatin1Char('|'), 0, 0);
    }

    static qint64 count(const DatabaseTarget& db, const QString& where)
    {
        return TargetConnection::scalar(db,
                                        QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE ") + where)
            .toLongLong();
    }

    // sync_cycles as an older Lantir left it: the required columns only, none of them NOT NULL.
    // SQLite: untyped, as SQLite allows; PostgreSQL needs types, so the current table without the
    // added columns and without the NOT NULLs.
    static bool createOlderSyncCycles(TargetConnection& sql)
    {
        if (DatabaseConnection::isPostgres(sql.db())) {
            if (!CycleHistory::createTable(sql.db()))
                return false;
            for (const QString& added : CycleHistory::missingAddedColumns({})) {
                if (!sql.exec(QStringLiteral("ALTER TABLE sync_cycles DROP COLUMN ") + added))
                    return false;
            }
            QStringList required = CycleHistory::requiredColumnNames();
            required.removeFirst(); // id
            for (const QString& column : std::as_const(required)) {
                if (!sql.exec(
                        QStringLiteral("ALTER TABLE sync_cycles ALTER COLUMN %1 DROP NOT NULL").arg(column)))
                    return false;
            }
            return true;
        }
        QStringList columns = CycleHistory::requiredColumnNames();
        columns.removeFirst(); // id
        QString ddl = QStringLiteral("CREATE TABLE sync_cycles (id INTEGER PRIMARY KEY");
        for (const QString& column : std::as_const(columns))
            ddl += QStringLiteral(", ") + column;
        return sql.exec(ddl + QLatin1Char(')'));
    }

    static bool setStatus(const DatabaseTarget& db, const QString& record, int instance,
                          const QString& status)
    {
        TargetConnection sql(db);
        return sql.exec(
            QStringLiteral("UPDATE worklist_items SET performed_procedure_step_status = '%1' "
                           "WHERE id = (SELECT item_id FROM lantir_entry_keys WHERE record_id = '%2' "
                           "AND repeat_instance = '%3')")
                .arg(status, record)
                .arg(instance));
    }

private Q_SLOTS:
    void initTestCase() { LANTIR_REQUIRE_TEST_DATABASE(m_db); }

    void aDeletedInstanceIsCancelledWithinOneCycle()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 11, false });
        MockClock clock(startTime());
        const SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        QCOMPARE(
            count(config.databaseTarget(), QStringLiteral("performed_procedure_step_status = 'SCHEDULED'")),
            20);

        sim->removeRow(QStringLiteral("3"), QStringLiteral("mri"), 2);
        clock.advanceMinutes(30);
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.cancelled, 1);
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("3"), 2), QStringLiteral("CANCELED"));
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("3"), 1), QStringLiteral("SCHEDULED"));
        QCOMPARE(
            count(config.databaseTarget(), QStringLiteral("performed_procedure_step_status = 'SCHEDULED'")),
            19);
        QVERIFY(report.summaryLine().contains(QLatin1String("1 cancelled, 0 restored, 0 purged")));

        // Recorded in sync_cycles, and nothing more is cancelled by the next cycle.
        clock.advanceMinutes(30);
        QCOMPARE(TestSync::run(engine).cancelled, 0);
        QCOMPARE(TargetConnection::scalar(config.databaseTarget(),
                                          QStringLiteral("SELECT SUM(cancelled) FROM sync_cycles"))
                     .toLongLong(),
                 1);
    }

    void aClearedTimeOrDateCancelsAndARestoredVisitKeepsItsUid()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 12, false });
        MockClock clock(startTime());
        const SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        const QString before = visit(config.databaseTarget(), QStringLiteral("4"), 1);
        const QString uid = before.section(QLatin1Char('|'), 1, 1);
        QVERIFY(!uid.isEmpty());

        sim->setValue(QStringLiteral("4"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"), QString());
        sim->setValue(QStringLiteral("6"), QStringLiteral("mri"), 2, QStringLiteral("mri_date"), QString());
        clock.advanceMinutes(30);
        CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.cancelled, 2);
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("4"), 1), QStringLiteral("CANCELED"));
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("6"), 2), QStringLiteral("CANCELED"));

        // The time is entered again (a new one): the same row is SCHEDULED again, same UID.
        sim->setValue(QStringLiteral("4"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("1745"));
        clock.advanceMinutes(30);
        touch(sim.get(), clock, { QStringLiteral("4") });
        report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.restored, 1);
        QCOMPARE(report.cancelled, 0);
        const QString after = visit(config.databaseTarget(), QStringLiteral("4"), 1);
        QCOMPARE(after.section(QLatin1Char('|'), 0, 0), QStringLiteral("SCHEDULED"));
        QCOMPARE(after.section(QLatin1Char('|'), 1, 1), uid);
        QVERIFY2(
            after.section(QLatin1Char('|'), 2, 2).remove(QLatin1Char(':')).startsWith(QLatin1String("1745")),
            qPrintable(after));
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("6"), 2), QStringLiteral("CANCELED"));
    }

    void aDeletedInstanceThatComesBackIsScheduledAgain()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 13, false });
        MockClock clock(startTime());
        const SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        const QString uid
            = visit(config.databaseTarget(), QStringLiteral("2"), 2).section(QLatin1Char('|'), 1, 1);
        QJsonObject row;
        const QJsonArray all = sim->exportAll();
        for (const QJsonValue& value : all) {
            const QJsonObject object = value.toObject();
            if (object.value(QLatin1String("record_id")).toString() == QLatin1String("2")
                && object.value(QLatin1String("redcap_repeat_instance")).toVariant().toInt() == 2)
                row = object;
        }
        QVERIFY(!row.isEmpty());

        sim->removeRow(QStringLiteral("2"), QStringLiteral("mri"), 2);
        clock.advanceMinutes(30);
        QCOMPARE(TestSync::run(engine).cancelled, 1);
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("2"), 2), QStringLiteral("CANCELED"));

        for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
            if (it.key().startsWith(QLatin1String("mri")) && !it.value().toString().isEmpty())
                sim->setValue(QStringLiteral("2"), QStringLiteral("mri"), 2, it.key(), it.value().toString());
        }
        clock.advanceMinutes(30);
        touch(sim.get(), clock, { QStringLiteral("2") });
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.restored, 1);
        QCOMPARE(visit(config.databaseTarget(), QStringLiteral("2"), 2).section(QLatin1Char('|'), 0, 1),
                 QStringLiteral("SCHEDULED|") + uid);
    }

    void aDeletedRecordIsCancelledByTheReconcile()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 14, false });
        MockClock clock(startTime());
        SyncConfig config = configFor(sim.get());
        config.reconcileIntervalSeconds = 3600;
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok); // the first cycle is full: reconciled

        sim->removeRecord(QStringLiteral("7"));
        clock.advanceMinutes(30);
        CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.cancelled, 0); // not yet: the reconcile runs once an interval
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("7"), 1), QStringLiteral("SCHEDULED"));

        clock.advanceMinutes(30);
        report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.cancelled, 2);
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("7"), 1), QStringLiteral("CANCELED"));
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("7"), 2), QStringLiteral("CANCELED"));

        // --full reconciles at once.
        sim->removeRecord(QStringLiteral("8"));
        clock.advanceMinutes(1);
        report = TestSync::run(engine, true);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.cancelled, 2);
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("8"), 2), QStringLiteral("CANCELED"));
    }

    void rowsTheScannerTouchedAreNeverChanged()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 15, false });
        MockClock clock(startTime());
        const SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        QVERIFY(setStatus(config.databaseTarget(), QStringLiteral("1"), 1, QStringLiteral("IN_PROGRESS")));
        QVERIFY(setStatus(config.databaseTarget(), QStringLiteral("1"), 2, QStringLiteral("COMPLETED")));
        QVERIFY(setStatus(config.databaseTarget(), QStringLiteral("2"), 1, QStringLiteral("DISCONTINUED")));

        sim->removeRow(QStringLiteral("1"), QStringLiteral("mri"), 1);
        sim->removeRow(QStringLiteral("1"), QStringLiteral("mri"), 2);
        sim->setValue(QStringLiteral("2"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"), QString());
        clock.advanceMinutes(30);
        const CycleReport report = TestSync::run(engine, true);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.cancelled, 0);
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("1"), 1), QStringLiteral("IN_PROGRESS"));
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("1"), 2), QStringLiteral("COMPLETED"));
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("2"), 1), QStringLiteral("DISCONTINUED"));
    }

    void tooManyCancelsStopTheCycleUntilConfirmed()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 16, false });
        MockClock clock(startTime());
        const SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);

        for (const char* record : { "1", "2", "3" })
            sim->removeRecord(QString::fromLatin1(record)); // 6 of 20 scheduled rows: 30% > 20%
        clock.advanceMinutes(30);
        CycleReport report = TestSync::run(engine, true);
        QVERIFY(!report.ok);
        QVERIFY(report.cancelBlocked);
        QCOMPARE(report.cancelled, 0);
        QVERIFY2(report.error.contains(QLatin1String("6 of the 20 scheduled")), qPrintable(report.error));
        QVERIFY2(report.error.contains(QLatin1String("--force-cancel")), qPrintable(report.error));
        QCOMPARE(
            count(config.databaseTarget(), QStringLiteral("performed_procedure_step_status = 'CANCELED'")),
            0);

        clock.advanceMinutes(30);
        report = TestSync::run(engine, true); // still blocked: nothing confirmed it
        QVERIFY(!report.ok);
        QCOMPARE(
            count(config.databaseTarget(), QStringLiteral("performed_procedure_step_status = 'CANCELED'")),
            0);

        clock.advanceMinutes(30);
        report = runCycle(engine, true, false, true);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.cancelled, 6);
        QCOMPARE(
            count(config.databaseTarget(), QStringLiteral("performed_procedure_step_status = 'CANCELED'")),
            6);
    }

    void anEmptyProjectNeverEmptiesTheList()
    {
        SimulatorThread sim(SimulatorProject { 6, 2, 17, false });
        MockClock clock(startTime());
        const SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        sim->generate(SimulatorProject { 0, 0, 17, false }); // as with another project's token
        clock.advanceMinutes(30);
        const CycleReport report = TestSync::run(engine, true);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(QLatin1String("12 of the 12")), qPrintable(report.error));
        QCOMPARE(
            count(config.databaseTarget(), QStringLiteral("performed_procedure_step_status = 'SCHEDULED'")),
            12);
    }

    void retentionDeletesOnlyOldFinalRows()
    {
        SimulatorThread sim(SimulatorProject { 10, 1, 18, false });
        MockClock clock(startTime());
        SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        {
            TargetConnection sql(config.databaseTarget());
            QVERIFY(sql.exec(QStringLiteral("CREATE TABLE lantir_mpps (sop_instance_uid TEXT PRIMARY KEY, "
                                            "status TEXT, worklist_item_id INTEGER)")));
            QVERIFY(sql.exec(QStringLiteral("INSERT INTO lantir_mpps SELECT 'mpps.' || id, 'COMPLETED', id "
                                            "FROM worklist_items")));
            // Records 1-5 are old, one per status; 6-10 keep their recent dates.
            const QStringList statuses { QStringLiteral("SCHEDULED"), QStringLiteral("IN_PROGRESS"),
                                         QStringLiteral("COMPLETED"), QStringLiteral("DISCONTINUED"),
                                         QStringLiteral("CANCELED") };
            for (int i = 0; i < statuses.size(); ++i) {
                QVERIFY(setStatus(config.databaseTarget(), QString::number(i + 1), 1, statuses.at(i)));
                QVERIFY(sql.exec(QStringLiteral("UPDATE worklist_items SET scheduled_start_date = '20200101' "
                                                "WHERE id = (SELECT item_id FROM lantir_entry_keys "
                                                "WHERE record_id = '%1')")
                                     .arg(i + 1)));
            }
            QVERIFY(setStatus(config.databaseTarget(), QStringLiteral("6"), 1, QStringLiteral("COMPLETED")));
        }
        config.retentionDays = 1000; // the simulator schedules from 2025 on; the old rows are from 2020
        engine.setConfig(config, RedcapSimulator::defaultToken());
        clock.advanceMinutes(30);
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.purged, 3);
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("1"), 1), QStringLiteral("SCHEDULED"));
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("2"), 1), QStringLiteral("IN_PROGRESS"));
        for (const char* record : { "3", "4", "5" })
            QCOMPARE(visit(config.databaseTarget(), QString::fromLatin1(record), 1), QString());
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("6"), 1), QStringLiteral("COMPLETED"));
        QCOMPARE(TargetConnection::scalar(config.databaseTarget(),
                                          QStringLiteral("SELECT COUNT(*) FROM worklist_items"))
                     .toLongLong(),
                 7);
        QCOMPARE(TargetConnection::scalar(config.databaseTarget(),
                                          QStringLiteral("SELECT COUNT(*) FROM lantir_entry_keys"))
                     .toLongLong(),
                 7);
        QCOMPARE(
            TargetConnection::scalar(config.databaseTarget(),
                                     QStringLiteral("SELECT COUNT(*) FROM lantir_mpps WHERE worklist_item_id "
                                                    "NOT IN (SELECT id FROM worklist_items)"))
                .toLongLong(),
            0);
        QCOMPARE(TargetConnection::scalar(config.databaseTarget(),
                                          QStringLiteral("SELECT COUNT(*) FROM lantir_mpps"))
                     .toLongLong(),
                 7);
    }

    void retentionRunsOnceADayAndPurgedVisitsStayAway()
    {
        SimulatorThread sim(SimulatorProject { 6, 1, 19, false });
        MockClock clock(startTime());
        SyncConfig config = configFor(sim.get());
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        config.retentionDays = 30;
        engine.setConfig(config, RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok); // the first purge: nothing old yet
        {
            TargetConnection sql(config.databaseTarget());
            QVERIFY(sql.exec(QStringLiteral("UPDATE worklist_items SET performed_procedure_step_status = "
                                            "'COMPLETED', scheduled_start_date = '2020-01-01'")));
        }
        clock.advanceHours(23);
        QCOMPARE(TestSync::run(engine).purged, 0); // less than a day since the last purge
        clock.advanceHours(1);
        CycleReport report = TestSync::run(engine);
        QCOMPARE(report.purged, 6);
        QCOMPARE(TargetConnection::scalar(config.databaseTarget(),
                                          QStringLiteral("SELECT COUNT(*) FROM worklist_items"))
                     .toLongLong(),
                 0);

        // REDCap still has those visits; a visit older than the retention period is not
        // inserted again, a recent one is.
        sim->setValue(QStringLiteral("1"), QStringLiteral("mri"), 1, QStringLiteral("mri_date"),
                      QStringLiteral("2019-05-01"));
        sim->setValue(QStringLiteral("2"), QStringLiteral("mri"), 1, QStringLiteral("mri_date"),
                      clock.nowUtc().date().addDays(3).toString(Qt::ISODate));
        clock.advanceMinutes(30);
        touch(sim.get(), clock, { QStringLiteral("1"), QStringLiteral("2") });
        report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.inserted, 1);
        QCOMPARE(visit(config.databaseTarget(), QStringLiteral("1"), 1), QString());
        QCOMPARE(status(config.databaseTarget(), QStringLiteral("2"), 1), QStringLiteral("SCHEDULED"));
    }

    void aDryRunReportsAndWritesNothing()
    {
        SimulatorThread sim(SimulatorProject { 10, 2, 20, false });
        MockClock clock(startTime());
        SyncConfig config = configFor(sim.get());
        config.reconcileIntervalSeconds = 60;
        SyncEngine engine(config, RedcapSimulator::defaultToken(), &clock);
        QVERIFY(TestSync::run(engine).ok);
        sim->setValue(QStringLiteral("5"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"), QString());
        clock.advanceMinutes(30);
        QCOMPARE(TestSync::run(engine).cancelled, 1);
        {
            TargetConnection sql(config.databaseTarget());
            QVERIFY(
                sql.exec(QStringLiteral("UPDATE worklist_items SET performed_procedure_step_status = "
                                        "'COMPLETED', scheduled_start_date = '20200101' WHERE id IN "
                                        "(SELECT item_id FROM lantir_entry_keys WHERE record_id = '9')")));
        }
        sim->setValue(QStringLiteral("5"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("0800"));
        sim->removeRow(QStringLiteral("6"), QStringLiteral("mri"), 2);
        sim->removeRecord(QStringLiteral("7"));
        config.retentionDays = 1000;
        engine.setConfig(config, RedcapSimulator::defaultToken());
        clock.advanceMinutes(30);
        touch(sim.get(), clock, { QStringLiteral("5"), QStringLiteral("6") });

        // Incremental cycles (record 9 is not exported, so its old date stays); the reconcile is due.
        const QByteArray before = fingerprint(config.databaseTarget());
        QVERIFY(!before.isEmpty());
        const CycleReport dry = runCycle(engine, false, true);
        QVERIFY2(dry.ok, qPrintable(dry.error));
        QCOMPARE(dry.cancelled, 3); // 6/2 and both visits of record 7
        QCOMPARE(dry.restored, 1);
        QCOMPARE(dry.purged, 2);
        QCOMPARE(fingerprint(config.databaseTarget()), before);

        const CycleReport real = runCycle(engine);
        QVERIFY2(real.ok, qPrintable(real.error));
        QCOMPARE(real.cancelled, dry.cancelled);
        QCOMPARE(real.restored, dry.restored);
        QCOMPARE(real.purged, dry.purged);
    }

    void anOlderSyncCyclesTableGetsTheNewColumns()
    {
        const DatabaseTarget target = m_db.create();
        {
            TargetConnection sql(target);
            QVERIFY2(createOlderSyncCycles(sql), qPrintable(sql.lastError()));
            QVERIFY(
                sql.exec(QStringLiteral("INSERT INTO sync_cycles (cycle, ok, inserted) VALUES (7, 1, 12)")));
        }
        {
            // Read as the desktop app does, read-only, before any sync upgraded the table.
            TargetConnection reader(target, QStringLiteral("QSQLITE_OPEN_READONLY"));
            const Result<QList<CycleReport>> old = CycleHistory(reader.db()).load();
            QVERIFY2(old, old ? "" : qPrintable(old.error().message));
            QCOMPARE(old.value().size(), 1);
            QCOMPARE(old.value().constFirst().inserted, 12);
            QCOMPARE(old.value().constFirst().purged, 0);
            QVERIFY2(old.value().constFirst().source.isEmpty(), qPrintable(old.value().constFirst().source));
        }
        WorklistStore store;
        const Result<void> opened = store.open(target);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        CycleHistory history(store.database());
        Result<QList<CycleReport>> loaded = history.load();
        QVERIFY(loaded);
        QCOMPARE(loaded.value().size(), 1);
        QCOMPARE(loaded.value().constFirst().cycle, 7);
        QCOMPARE(loaded.value().constFirst().inserted, 12);
        QCOMPARE(loaded.value().constFirst().cancelled, 0);
        CycleReport report;
        report.cycle = 8;
        report.ok = true;
        report.cancelled = 3;
        report.restored = 2;
        report.purged = 1;
        QVERIFY(history.append(report));
        loaded = history.load();
        QVERIFY(loaded);
        QCOMPARE(loaded.value().constLast().cancelled, 3);
        QCOMPARE(loaded.value().constLast().restored, 2);
        QCOMPARE(loaded.value().constLast().purged, 1);
        const Result<QStringList> columns
            = WorklistSchema::tableColumns(store.database(), CycleHistory::TableName);
        QVERIFY(columns);
        QCOMPARE(columns.value(), CycleHistory::columnNames());
    }
};

QTEST_GUILESS_MAIN(TestWorklistHygiene)
#include "tst_worklisthygiene.moc"
