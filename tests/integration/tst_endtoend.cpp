#include "DatabaseSnapshot.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"
#include "TestSync.h"
#include "sync/SyncController.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>

using Lantir::Test::TestEnvironment;

using Lantir::Test::TestSync;
using namespace Lantir;
using Lantir::Test::DatabaseSnapshot;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

namespace {
// Reads rows through a connection of the test's own, as pylantir's server would.
class Reader
{
public:
    explicit Reader(const QString& path)
        : m_name(QUuid::createUuid().toString())
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        m_db.open();
    }
    ~Reader()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QVariant scalar(const QString& sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    bool exec(const QString& sql)
    {
        QSqlQuery q(m_db);
        return q.exec(sql);
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};
} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT

private:
    SyncConfig configFor(const RedcapSimulator* sim, const QString& dbPath) const
    {
        return TestSync::config(sim->apiUrl(), dbPath, 7, 2,
                                true); // several batches, none splitting a record
    }

private Q_SLOTS:
    void firstSyncFillsTheDatabaseAndASecondChangesNothing()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 30, 2, 7, false });
        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());

        const CycleReport first = TestSync::run(engine);
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(first.full);
        QCOMPARE(first.records, 30);
        QCOMPARE(first.rowsFetched, 90);
        QCOMPARE(first.entries, 60);
        QCOMPARE(first.inserted, 60);
        QCOMPARE(first.updated, 0);
        QVERIFY(first.rssStartKb > 0);
        QVERIFY(first.rssPeakKb >= first.rssEndKb);

        Reader reader(db);
        QCOMPARE(reader.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 60);
        QCOMPARE(reader
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE "
                                            "performed_procedure_step_status = 'SCHEDULED'"))
                     .toInt(),
                 60);
        QCOMPARE(reader
                     .scalar(QStringLiteral(
                         "SELECT COUNT(*) FROM worklist_items WHERE study_instance_uid LIKE '2.25.%'"))
                     .toInt(),
                 60);
        QCOMPARE(
            reader.scalar(QStringLiteral("SELECT COUNT(DISTINCT study_instance_uid) FROM worklist_items"))
                .toInt(),
            60);
        QCOMPARE(reader
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE modality = 'MR' AND "
                                            "protocol_name = 'BRAIN_MRI_3T' AND patient_id LIKE "
                                            "'sub\\_%\\_ses\\_%\\_fam\\_%\\_site\\_792' ESCAPE '\\'"))
                     .toInt(),
                 60);
        QCOMPARE(reader.scalar(QStringLiteral("SELECT COUNT(*) FROM sync_cycles")).toInt(), 1);

        // Nothing changed in REDCap: the incremental window finds nothing, in one request.
        const CycleReport second = TestSync::run(engine);
        QVERIFY2(second.ok, qPrintable(second.error));
        QVERIFY(!second.full);
        QCOMPARE(second.inserted + second.updated, 0);
        QVERIFY2(second.httpRequests <= 2, qPrintable(QString::number(second.httpRequests)));

        // A full re-sync sees every entry and finds each unchanged.
        const CycleReport third = TestSync::run(engine, true);
        QVERIFY2(third.ok, qPrintable(third.error));
        QCOMPARE(third.inserted, 0);
        QCOMPARE(third.updated, 0);
        QCOMPARE(third.unchanged, 60);
        QCOMPARE(reader.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 60);
    }

    void aChangedVisitUpdatesOneRowAndKeepsTheScannerStatus()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 12, 2, 3, false });
        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);

        Reader reader(db);
        // The scanner's MPPS marks record 5's first visit as started.
        const QString idSql = QStringLiteral(
            "SELECT item_id FROM lantir_entry_keys WHERE record_id = '5' AND repeat_instance = '1'");
        const qint64 itemId = reader.scalar(idSql).toLongLong();
        QVERIFY(itemId > 0);
        const QString uid
            = reader
                  .scalar(QStringLiteral("SELECT study_instance_uid FROM worklist_items WHERE id = %1")
                              .arg(itemId))
                  .toString();
        QVERIFY(reader.exec(
            QStringLiteral(
                "UPDATE worklist_items SET performed_procedure_step_status = 'IN_PROGRESS' WHERE id = %1")
                .arg(itemId)));

        sim->setValue(QStringLiteral("5"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("1645"));
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.records, 1);
        QCOMPARE(report.entries, 2);
        QCOMPARE(report.updated, 1);
        QCOMPARE(report.unchanged, 1);
        QCOMPARE(report.inserted, 0);
        QCOMPARE(reader
                     .scalar(QStringLiteral("SELECT scheduled_start_time FROM worklist_items WHERE id = %1")
                                 .arg(itemId))
                     .toString(),
                 QStringLiteral("16:45"));
        QCOMPARE(reader
                     .scalar(QStringLiteral(
                                 "SELECT performed_procedure_step_status FROM worklist_items WHERE id = %1")
                                 .arg(itemId))
                     .toString(),
                 QStringLiteral("IN_PROGRESS"));
        QCOMPARE(
            reader
                .scalar(
                    QStringLiteral("SELECT study_instance_uid FROM worklist_items WHERE id = %1").arg(itemId))
                .toString(),
            uid);
    }

    void anEditedFamilyIdUpdatesTheSameRows()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 5, 2, 11, false });
        SyncEngine engine(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);
        sim->setValue(QStringLiteral("3"), QString(), 0, QStringLiteral("family_id"),
                      QStringLiteral("FAM-999"));
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.updated, 2);
        QCOMPARE(report.inserted, 0);
        Reader reader(db);
        QCOMPARE(reader.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 10);
        QCOMPARE(reader
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE patient_id LIKE "
                                            "'%\\_fam\\_999\\_%' ESCAPE '\\'"))
                     .toInt(),
                 2);
    }

    void everyFaultLeavesTheDatabaseAsItWasAndTheNextCycleRecovers_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("param");
        using F = RedcapSimulator::Fault;
        QTest::newRow("503 on every try") << int(F::Status) << 2 << 503;
        QTest::newRow("500 on every try") << int(F::Status) << 2 << 500;
        QTest::newRow("403 wrong token") << int(F::Status) << 1 << 403;
        QTest::newRow("HTML page") << int(F::HtmlPage) << 1 << 0;
        QTest::newRow("truncated body") << int(F::TruncatedBody) << 2 << 0;
        QTest::newRow("malformed JSON") << int(F::MalformedJson) << 1 << 0;
        QTest::newRow("object instead of list") << int(F::ObjectInsteadOfList) << 1 << 0;
        QTest::newRow("empty body") << int(F::EmptyBody) << 1 << 0;
        QTest::newRow("wrong value types") << int(F::WrongTypes) << 1 << 0;
        // Qt itself re-sends once on a reused connection that closed, so more resets than tries.
        QTest::newRow("connection reset") << int(F::ResetConnection) << 6 << 0;
        QTest::newRow("server stalls mid-body") << int(F::Stall) << 2 << 5000;
        // An answer that comes after the 1 s request timeout, on every try.
        QTest::newRow("answer later than the timeout") << int(F::Delay) << 2 << 1600;
    }

    void everyFaultLeavesTheDatabaseAsItWasAndTheNextCycleRecovers()
    {
        QFETCH(int, fault);
        QFETCH(int, count);
        QFETCH(int, param);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 10, 2, 5, false });
        SyncConfig config = configFor(sim.get(), db);
        config.sources.first().requestTimeoutMs = 1000;
        SyncEngine engine(config, RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);

        sim->setValue(QStringLiteral("2"), QStringLiteral("mri"), 2, QStringLiteral("mri_date"),
                      QStringLiteral("2031-01-02"));
        const DatabaseSnapshot before = DatabaseSnapshot::take(db);
        sim->injectFault(static_cast<RedcapSimulator::Fault>(fault), count, QStringLiteral("record"), param);
        const CycleReport failed = TestSync::run(engine);
        QVERIFY(!failed.ok);
        QVERIFY(!failed.error.isEmpty());
        QVERIFY2(!failed.error.contains(RedcapSimulator::defaultToken()), qPrintable(failed.error));
        QVERIFY2(DatabaseSnapshot::take(db) == before, "a failed cycle changed the database");

        sim->clearFaults();
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(recovered.updated, 1);
        Reader reader(db);
        QCOMPARE(reader
                     .scalar(QStringLiteral(
                         "SELECT COUNT(*) FROM worklist_items WHERE scheduled_start_date = '2031-01-02'"))
                     .toInt(),
                 1);
        QCOMPARE(reader.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 20);
    }

    void aLockedDatabaseFailsTheCycleAndLosesNothing()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 6, 1, 9, false });
        SyncConfig config = configFor(sim.get(), db);
        config.busyTimeoutMs = 200;
        SyncEngine engine(config, RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);
        sim->setValue(QStringLiteral("4"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("07:05"));

        const DatabaseSnapshot before = DatabaseSnapshot::take(db);
        {
            Reader locker(db);
            QVERIFY(locker.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            const CycleReport failed = TestSync::run(engine);
            QVERIFY(!failed.ok);
            QVERIFY2(failed.error.contains(QLatin1String("lock"), Qt::CaseInsensitive),
                     qPrintable(failed.error));
            QVERIFY(locker.exec(QStringLiteral("ROLLBACK")));
        }
        QVERIFY(DatabaseSnapshot::take(db) == before);
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(recovered.updated, 1);
    }

    void aCancelledCycleDoesNotStopTheNextOne()
    {
        QTemporaryDir dir;
        SimulatorThread sim(SimulatorProject { 4, 1, 6, false });
        SyncEngine engine(configFor(sim.get(), dir.filePath(QStringLiteral("worklist.db"))),
                          RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);
        engine.cancel(); // e.g. Pause pressed just as the last cycle ended
        const CycleReport next = TestSync::run(engine, true);
        QVERIFY2(next.ok, qPrintable(next.error));
        QCOMPARE(next.unchanged, 4);
    }

    void theControllerRunsCyclesOnItsOwnThread()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 8, 2, 2, false });
        SyncController controller;
        controller.setConfig(configFor(sim.get(), db), RedcapSimulator::defaultToken());
        QSignalSpy finished(&controller, &SyncController::cycleFinished);
        QSignalSpy done(&controller, &SyncController::cyclesDone);
        controller.runCycles(3, false, false);
        QVERIFY(done.wait(TestEnvironment::scaledMs(20000)));
        QCOMPARE(done.at(0).at(0).toInt(), 0);
        QCOMPARE(finished.count(), 3);
        const auto first = finished.at(0).at(0).value<CycleReport>();
        QCOMPARE(first.inserted, 16);
        QCOMPARE(finished.at(2).at(0).value<CycleReport>().inserted, 0);
        QCOMPARE(controller.memoryTrend().size(), 3);
        QVERIFY(controller.shutdown(5000));
    }

    void shutdownDuringACycleEndsQuicklyWithoutHalfWrittenBatches()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 40, 2, 4, false });
        SyncConfig config = configFor(sim.get(), db);
        config.sources.first().requestTimeoutMs = 60000;
        sim->injectFault(RedcapSimulator::Fault::Delay, 100, QStringLiteral("record"), 300);
        SyncController controller;
        controller.setConfig(config, RedcapSimulator::defaultToken());
        QSignalSpy started(&controller, &SyncController::cycleStarted);
        controller.runCycles(1, false, false);
        QVERIFY(started.wait(TestEnvironment::scaledMs(5000)));
        // A couple of batches in (the first record request exports the ids).
        QTRY_VERIFY_WITH_TIMEOUT(sim->requestCount(QStringLiteral("record")) >= 3,
                                 TestEnvironment::scaledMs(5000));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(controller.shutdown(5000));
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(5000),
                 qPrintable(QString::number(timer.elapsed())));

        // Whatever was written is whole records: each record has both its visits or none.
        Reader reader(db);
        QCOMPARE(reader
                     .scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT record_id, COUNT(*) AS n FROM "
                                            "lantir_entry_keys GROUP BY record_id HAVING n <> 2)"))
                     .toInt(),
                 0);
        QVERIFY(reader.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt() < 80);
        QCOMPARE(reader.scalar(QStringLiteral("SELECT COUNT(*) FROM lantir_state")).toInt(),
                 0); // the mark did not advance
    }

    void shutdownWhileAnotherProcessHoldsTheLockEndsPromptly()
    {
        // The cycle waits for the write lock with the default 10 s busy timeout, longer than any
        // shutdown may take: a stop must make it give up the wait.
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 30, 2, 12, false });
        SyncConfig config = configFor(sim.get(), db);
        QCOMPARE(config.busyTimeoutMs, 10000);
        std::atomic<int> served { 0 };
        QObject::connect(
            sim.get(), &RedcapSimulator::requestServed, sim.get(),
            [&served](const QString& content) {
                if (content == QLatin1String("record"))
                    ++served;
            },
            Qt::DirectConnection);
        sim->injectFault(RedcapSimulator::Fault::Delay, 100, QStringLiteral("record"), 300);
        SyncController controller;
        controller.setConfig(config, RedcapSimulator::defaultToken());
        QSignalSpy started(&controller, &SyncController::cycleStarted);
        controller.runCycles(1, false, false);
        QVERIFY(started.wait(TestEnvironment::scaledMs(5000)));
        QTRY_VERIFY_WITH_TIMEOUT(sim->requestCount(QStringLiteral("record")) >= 2,
                                 TestEnvironment::scaledMs(5000));

        Reader locker(db);
        QVERIFY(locker.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        const int rows = locker.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt();
        const int keys = locker.scalar(QStringLiteral("SELECT COUNT(*) FROM lantir_entry_keys")).toInt();
        // Every batch asked for has been answered: the cycle now waits for the lock.
        const int asked = sim->requestCount(QStringLiteral("record"));
        QTRY_VERIFY_WITH_TIMEOUT(served.load() >= asked, TestEnvironment::scaledMs(5000));
        QTest::qWait(200); // no signal leaves SQLite's busy wait; let the cycle enter it

        QElapsedTimer timer;
        timer.start();
        QVERIFY2(controller.shutdown(TestEnvironment::scaledMs(3000)),
                 "the sync thread kept waiting for the lock");
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(3000),
                 qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(sim->requestCount(QStringLiteral("record")), asked);

        QCOMPARE(locker.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), rows);
        QVERIFY(locker.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(locker.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QCOMPARE(locker.scalar(QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), rows);
        QCOMPARE(locker.scalar(QStringLiteral("SELECT COUNT(*) FROM lantir_entry_keys")).toInt(), keys);
        QCOMPARE(locker.scalar(QStringLiteral("SELECT COUNT(*) FROM lantir_state")).toInt(), 0);
        QCOMPARE(rows % 14, 0); // whole batches of 7 records with 2 visits each
    }
};

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
