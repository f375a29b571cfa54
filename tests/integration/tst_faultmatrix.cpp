#include "DatabaseSnapshot.h"
#include "RedcapSimulator.h"
#include "ScopedSqlConnection.h"
#include "SimulatorThread.h"
#include "SqlProbe.h"
#include "TestEnvironment.h"
#include "TestSync.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::TestEnvironment;

using Lantir::Test::TestSync;
using namespace Lantir;
using Lantir::Test::DatabaseSnapshot;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Fault = Lantir::Test::RedcapSimulator::Fault;

using Lantir::Test::SqlProbe;

namespace {

QString highWaterMark(const QString& path)
{
    return SqlProbe::scalar(path,
                            QStringLiteral("SELECT group_concat(key || '=' || value) FROM lantir_state"))
        .toString();
}

// Every worklist row as text, keyed by its stable identity, without the ids and UIDs a database
// assigns: two databases with the same content compare equal.
} // namespace

// The remaining faults of the reliability matrix: each cycle fails with a clear message, or
// succeeds with exactly the right rows; a failed cycle leaves the database as it was and the
// high-water mark where it was, and the next good cycle ends in the correct state.
class TestFaultMatrix : public QObject
{
    Q_OBJECT

private:
    static SyncConfig configFor(const QUrl& url, const QString& dbPath)
    {
        return TestSync::config(url, dbPath, 4, 3, true);
    }

    // The same simulator data synced once, without faults, into a fresh file: the expected state.
    static QStringList referenceContent(RedcapSimulator* sim, const QString& dbPath)
    {
        SyncEngine engine(configFor(sim->apiUrl(), dbPath), RedcapSimulator::defaultToken());
        const CycleReport report = TestSync::run(engine, true);
        if (!report.ok)
            return { report.error };
        return SqlProbe::worklistContent(dbPath);
    }

private Q_SLOTS:
    void httpStatus_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("retried");
        QTest::addColumn<QString>("words");
        QTest::newRow("400 bad request") << 400 << false << QStringLiteral("invalid");
        QTest::newRow("401 unauthorized") << 401 << false << QStringLiteral("token");
        QTest::newRow("404 not found") << 404 << false << QStringLiteral("/api/");
        QTest::newRow("408 request timeout") << 408 << true << QStringLiteral("stopped waiting");
        QTest::newRow("429 too many requests") << 429 << true << QStringLiteral("limiting");
        QTest::newRow("502 bad gateway") << 502 << true << QStringLiteral("502");
        QTest::newRow("504 gateway timeout") << 504 << true << QStringLiteral("504");
    }

    // Persisting: 4xx other than 408/429 fail at once; the others are retried up to max_tries and
    // then fail. Either way nothing is written and the mark stays.
    void httpStatus()
    {
        QFETCH(int, status);
        QFETCH(bool, retried);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 10, 2, 5, false });
        const SyncConfig config = configFor(sim->apiUrl(), db);
        SyncEngine engine(config, RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);

        sim->setValue(QStringLiteral("3"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("0915"));
        const DatabaseSnapshot before = DatabaseSnapshot::take(db);
        const QString mark = highWaterMark(db);
        sim->injectFault(Fault::Status, 10, QStringLiteral("record"), status);
        sim->resetRequestLog();
        const CycleReport failed = TestSync::run(engine);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(words, Qt::CaseInsensitive), qPrintable(failed.error));
        QVERIFY2(!failed.error.contains(RedcapSimulator::defaultToken()), qPrintable(failed.error));
        QCOMPARE(sim->requestCount(QStringLiteral("record")), retried ? config.sources.first().maxTries : 1);
        QVERIFY2(DatabaseSnapshot::take(db) == before, "a failed cycle changed the database");
        QCOMPARE(highWaterMark(db), mark);

        sim->clearFaults();
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(recovered.updated, 1);
        QCOMPARE(
            SqlProbe::scalar(
                db,
                QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE scheduled_start_time = '09:15'"))
                .toInt(),
            1);
        QVERIFY(highWaterMark(db) != mark);
    }

    void transientStatusIsRetriedAndTheCycleSucceeds_data()
    {
        QTest::addColumn<int>("status");
        for (int status : { 408, 429, 500, 502, 503, 504 })
            QTest::newRow(qPrintable(QString::number(status))) << status;
    }

    void transientStatusIsRetriedAndTheCycleSucceeds()
    {
        QFETCH(int, status);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 6, 2, 5, false });
        SyncEngine engine(configFor(sim->apiUrl(), db), RedcapSimulator::defaultToken());
        sim->injectFault(Fault::Status, 2, QStringLiteral("record"), status); // max_tries is 3
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.inserted, 12);
        QCOMPARE(sim->pendingFaults(), 0);
    }

    // A fault in a later batch: the batches before it are whole and committed, the failing one
    // wrote nothing, the mark did not move, and the redone cycle completes the picture.
    void aFaultInALaterBatchKeepsEarlierWholeBatchesAndHoldsTheMark()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        const QString reference = dir.filePath(QStringLiteral("reference.db"));
        SimulatorThread sim(SimulatorProject { 12, 2, 8, false });
        SyncEngine engine(configFor(sim->apiUrl(), db), RedcapSimulator::defaultToken());
        // ids export, batch 1 served normally, batch 2 broken on every try.
        sim->injectFault(Fault::None, 2, QStringLiteral("record"));
        sim->injectFault(Fault::MalformedJson, 1, QStringLiteral("record"));
        const CycleReport failed = TestSync::run(engine);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(QLatin1String("JSON")), qPrintable(failed.error));
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(),
                 8); // 4 records x 2
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral("SELECT COUNT(*) FROM (SELECT record_id FROM lantir_entry_keys GROUP "
                                    "BY record_id HAVING COUNT(*) <> 2)"))
                     .toInt(),
                 0);
        QCOMPARE(highWaterMark(db), QString());

        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QVERIFY(recovered.full); // no mark yet: everything again
        QCOMPARE(recovered.inserted, 16);
        QCOMPARE(recovered.unchanged, 8);
        QCOMPARE(SqlProbe::worklistContent(db), referenceContent(sim.get(), reference));
    }

    void malformedAnswers_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("param");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QString>("words");
        // 64 bytes every 5 ms: slow, but well inside the 3 s timeout.
        QTest::newRow("slow trickle within the timeout") << int(Fault::Trickle) << 5 << true << QString();
        // 64 bytes every 400 ms: the 1.5 s timeout ends it, on every try.
        QTest::newRow("trickle slower than the timeout")
            << int(Fault::Trickle) << 400 << false << QStringLiteral("time");
        QTest::newRow("rows of an unrequested record")
            << int(Fault::ForeignRecordRows) << 0 << false << QStringLiteral("not requested");
        QTest::newRow("duplicate rows") << int(Fault::DuplicateRows) << 0 << true << QString();
        QTest::newRow("unknown fields") << int(Fault::UnknownFields) << 0 << true << QString();
        QTest::newRow("non-UTF-8 bytes") << int(Fault::NonUtf8) << 0 << false << QStringLiteral("UTF8");
    }

    void malformedAnswers()
    {
        QFETCH(int, fault);
        QFETCH(int, param);
        QFETCH(bool, succeeds);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        const QString reference = dir.filePath(QStringLiteral("reference.db"));
        SimulatorThread sim(SimulatorProject { 10, 2, 5, false });
        SyncConfig config = configFor(sim->apiUrl(), db);
        config.sources.first().requestTimeoutMs = 1500;
        config.sources.first().maxTries = 2;
        SyncEngine engine(config, RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);

        sim->setValue(QStringLiteral("2"), QStringLiteral("mri"), 2, QStringLiteral("mri_date"),
                      QStringLiteral("2031-01-02"));
        sim->setValue(QStringLiteral("7"), QString(), 0, QStringLiteral("family_id"),
                      QStringLiteral("FAM-0777"));
        const DatabaseSnapshot before = DatabaseSnapshot::take(db);
        const QString mark = highWaterMark(db);
        // Skip the ids export; every record batch is affected (all tries).
        sim->injectFault(Fault::None, 1, QStringLiteral("record"));
        sim->injectFault(static_cast<Fault>(fault), 20, QStringLiteral("record"), param);
        const CycleReport report = TestSync::run(engine);
        if (succeeds) {
            QVERIFY2(report.ok, qPrintable(report.error));
            QCOMPARE(report.updated, 3);
            QCOMPARE(report.inserted, 0);
        } else {
            QVERIFY(!report.ok);
            QVERIFY2(report.error.contains(words, Qt::CaseInsensitive), qPrintable(report.error));
            QVERIFY2(DatabaseSnapshot::take(db) == before, "a failed cycle changed the database");
            QCOMPARE(highWaterMark(db), mark);
            sim->clearFaults();
            const CycleReport recovered = TestSync::run(engine);
            QVERIFY2(recovered.ok, qPrintable(recovered.error));
            QCOMPARE(recovered.updated, 3);
        }
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 20);
        QCOMPARE(SqlProbe::worklistContent(db), referenceContent(sim.get(), reference));
    }

    // A requested record whose rows do not come back is indistinguishable from a record deleted
    // between the two exports: nothing is written for it, nothing else is disturbed, and its rows
    // stay as they were (the sync never deletes worklist rows).
    void aRequestedRecordWithoutRowsChangesNothingForIt()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 6, 2, 5, false });
        SyncEngine engine(configFor(sim->apiUrl(), db), RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);
        const QStringList before = SqlProbe::worklistContent(db);
        sim->setValue(QStringLiteral("1"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("1111"));
        sim->setValue(QStringLiteral("4"), QStringLiteral("mri"), 1, QStringLiteral("mri_time"),
                      QStringLiteral("1212"));
        sim->injectFault(Fault::None, 1, QStringLiteral("record"));
        sim->injectFault(Fault::MissingRecordRows, 1, QStringLiteral("record")); // drops record 1
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.records, 1);
        QCOMPARE(report.updated, 1);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 12);
        QCOMPARE(
            SqlProbe::scalar(
                db,
                QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE scheduled_start_time = '11:11'"))
                .toInt(),
            0);
        QCOMPARE(
            SqlProbe::scalar(
                db,
                QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE scheduled_start_time = '12:12'"))
                .toInt(),
            1);
        // A full sync (as after --full or a lost mark) brings the missed edit in.
        const CycleReport full = TestSync::run(engine, true);
        QVERIFY2(full.ok, qPrintable(full.error));
        QCOMPARE(full.updated, 1);
        QVERIFY(SqlProbe::worklistContent(db) != before);
    }

    // Quotes, semicolons and SQL in every field are data: stored verbatim, nothing executed.
    void hostileTextIsStoredVerbatim()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 3, 1, 5, false });
        const QString evil = QStringLiteral("x'); DROP TABLE worklist_items;-- \"q\" ;");
        const QString record = QStringLiteral("r'); DROP TABLE worklist_items;--");
        sim->setValue(record, QString(), 0, QStringLiteral("study_id"),
                      QStringLiteral("CPIP-")
                          + QStringLiteral("0'; DELETE FROM lantir_entry_keys; SELECT '"));
        sim->setValue(record, QString(), 0, QStringLiteral("family_id"),
                      QStringLiteral("FAM-\"); DROP TABLE sync_cycles; /*"));
        sim->setValue(record, QString(), 0, QStringLiteral("youth_dob_y"), evil);
        sim->setValue(record, QString(), 0, QStringLiteral("demo_sex"), evil);
        sim->setValue(record, QStringLiteral("mri"), 1, QStringLiteral("mri_instance"),
                      QStringLiteral("1;'\""));
        sim->setValue(record, QStringLiteral("mri"), 1, QStringLiteral("mri_date"), evil);
        sim->setValue(record, QStringLiteral("mri"), 1, QStringLiteral("mri_time"), evil);

        SyncEngine engine(configFor(sim->apiUrl(), db), RedcapSimulator::defaultToken());
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.inserted, 4);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 4);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM lantir_entry_keys")).toInt(), 4);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM sync_cycles")).toInt(), 1);

        ScopedSqlConnection connection(db);
        QSqlQuery query(connection.db());
        query.prepare(
            QStringLiteral("SELECT w.patient_name, w.patient_id, w.patient_birth_date, w.patient_sex, "
                           "w.scheduled_start_date, w.scheduled_start_time FROM worklist_items w JOIN "
                           "lantir_entry_keys k ON k.item_id = w.id WHERE k.record_id = ?"));
        query.addBindValue(record);
        QVERIFY(query.exec());
        QVERIFY(query.next());
        QCOMPARE(
            query.value(0).toString(),
            QStringLiteral(
                "cpip-id-0'; DELETE FROM lantir_entry_keys; SELECT '^fa-\"); DROP TABLE sync_cycles; /*"));
        QCOMPARE(query.value(1).toString(),
                 QStringLiteral("sub_0'; DELETE FROM lantir_entry_keys; SELECT '_ses_1;'\"_fam_\"); DROP "
                                "TABLE sync_cycles; /*_site_792"));
        QCOMPARE(query.value(2).toString(), evil);
        QCOMPARE(query.value(3).toString(), evil);
        QCOMPARE(query.value(4).toString(), evil);
        QCOMPARE(query.value(5).toString(), evil);
        query.finish(); // an open read cursor would hold a shared lock the writer waits for

        // A second cycle finds the hostile row unchanged: it compares equal to what it wrote.
        const CycleReport again = TestSync::run(engine, true);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.unchanged, 4);
    }

    // A 1 MB text value is stored whole, and a later normal value replaces it.
    void aOneMegabyteValueIsStoredWhole()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 4, 1, 5, false });
        const QString huge = QString(1024 * 1024, QLatin1Char('A')) + QStringLiteral("\u00e9nd");
        sim->setValue(QStringLiteral("2"), QString(), 0, QStringLiteral("demo_sex"), huge);
        SyncEngine engine(configFor(sim->apiUrl(), db), RedcapSimulator::defaultToken());
        const CycleReport report = TestSync::run(engine);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.inserted, 4);
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral(
                         "SELECT length(patient_sex) FROM worklist_items WHERE patient_sex LIKE 'AAA%'"))
                     .toInt(),
                 huge.size());
        QCOMPARE(
            SqlProbe::scalar(
                db, QStringLiteral("SELECT patient_sex FROM worklist_items WHERE patient_sex LIKE 'AAA%'"))
                .toString(),
            huge);

        sim->setValue(QStringLiteral("2"), QString(), 0, QStringLiteral("demo_sex"), QStringLiteral("F"));
        const CycleReport next = TestSync::run(engine);
        QVERIFY2(next.ok, qPrintable(next.error));
        QCOMPARE(next.updated, 1);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT MAX(length(patient_sex)) FROM worklist_items"))
                     .toInt(),
                 1);
    }

    void unreachableServer_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("words");
        // A port that was just free: nothing listens there.
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            closedPort = probe.serverPort();
        }
        QTest::newRow("connection refused")
            << QStringLiteral("http://127.0.0.1:%1/api/").arg(closedPort) << QStringLiteral("refused");
        // .invalid never resolves (RFC 2606); no request leaves this machine.
        QTest::newRow("DNS failure") << QStringLiteral("https://redcap.lantir-test.invalid/api/")
                                     << QStringLiteral("redcap.lantir-test.invalid");
    }

    void unreachableServer()
    {
        QFETCH(QString, url);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 5, 2, 5, false });
        SyncEngine engine(configFor(sim->apiUrl(), db), RedcapSimulator::defaultToken());
        QVERIFY(TestSync::run(engine).ok);
        sim->setValue(QStringLiteral("5"), QStringLiteral("mri"), 2, QStringLiteral("mri_time"),
                      QStringLiteral("2222"));
        const DatabaseSnapshot before = DatabaseSnapshot::take(db);
        const QString mark = highWaterMark(db);

        engine.setConfig(configFor(QUrl(url), db), RedcapSimulator::defaultToken());
        QElapsedTimer timer;
        timer.start();
        const CycleReport failed = TestSync::run(engine);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.contains(words, Qt::CaseInsensitive), qPrintable(failed.error));
        QVERIFY2(!failed.error.contains(RedcapSimulator::defaultToken()), qPrintable(failed.error));
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(15000),
                 qPrintable(QString::number(timer.elapsed())));
        QVERIFY(DatabaseSnapshot::take(db) == before);
        QCOMPARE(highWaterMark(db), mark);

        engine.setConfig(configFor(sim->apiUrl(), db), RedcapSimulator::defaultToken());
        const CycleReport recovered = TestSync::run(engine);
        QVERIFY2(recovered.ok, qPrintable(recovered.error));
        QCOMPARE(recovered.updated, 1);
        QCOMPARE(
            SqlProbe::scalar(
                db,
                QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE scheduled_start_time = '22:22'"))
                .toInt(),
            1);
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
