#include "RedcapSimulator.h"
#include "ScopedSqlConnection.h"
#include "SimulatorThread.h"
#include "SqlProbe.h"
#include "TestEnvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::RedcapSimulator;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

using Lantir::Test::SqlProbe;
using Lantir::Test::TestEnvironment;

namespace {

// Every worklist row with its identity, without what a database assigns (id, UID).
} // namespace

// lantir-sync killed with SIGKILL at random moments (seeded) while it writes, again and again:
// the file stays a sound SQLite database, no entry is duplicated, no batch is half written, and a
// final full sync ends exactly where an uninterrupted one does.
// LANTIR_KILL9_RUNS (default 100) and LANTIR_KILL9_SEED (default 20250) set the run.
class TestKillNine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString writeConfig(const QUrl& url) const
    {
        QFile file(path(QStringLiteral("lantir.json")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(
            QStringLiteral(
                R"({"source": {"api_url": "%1", "batch_size": 3, "request_timeout_s": 10, "max_tries": 2,
                                                 "retry_base_delay_ms": 10},
                                      "database": {"busy_timeout_ms": 5000},
                                      "schedule": {"overlap_s": 0},
                                      "mapping": {"site": "792", "protocol": "BRAIN_MRI_3T",
                                                  "field_mapping": {"demo_sex": "patient_sex", "youth_dob_y": "patient_birth_date"}}})")
                .arg(url.toString())
                .toUtf8());
        return file.fileName();
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REDCAP_API_TOKEN"), RedcapSimulator::defaultToken());
        env.remove(QStringLiteral("REDCAP_API_URL"));
        return env;
    }

    QStringList args(const QString& config, const QString& db, const QStringList& more) const
    {
        return QStringList { QStringLiteral("--config"), config, QStringLiteral("--db"), db } + more;
    }

    // Runs lantir-sync to its end; its exit code, or -1.
    int runToEnd(const QStringList& arguments, QString* output = nullptr) const
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(TestEnvironment::lantirSyncBinary(), arguments);
        if (!process.waitForFinished(TestEnvironment::scaledMs(60000)))
            process.kill();
        process.waitForFinished(TestEnvironment::scaledMs(5000));
        if (output)
            *output = QString::fromUtf8(process.readAll());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(TestEnvironment::lantirSyncBinary()))
            QSKIP("lantir-sync is not built");
    }

    void killedAtRandomMomentsLosesAndDuplicatesNothing()
    {
        const int runs = TestEnvironment::positiveInt("LANTIR_KILL9_RUNS", 100);
        const quint32 seed = quint32(TestEnvironment::positiveInt("LANTIR_KILL9_SEED", 20250));
        QRandomGenerator random(seed);

        SimulatorThread sim(SimulatorProject { 24, 2, 17, false });
        QVERIFY(sim.isListening());
        const QString config = writeConfig(sim->apiUrl());
        const QString db = path(QStringLiteral("killed.db"));

        // One uninterrupted full cycle sets the time scale of the random moments.
        QElapsedTimer timer;
        timer.start();
        QString output;
        QCOMPARE(runToEnd(args(config, path(QStringLiteral("scale.db")),
                               { QStringLiteral("--once"), QStringLiteral("--full") }),
                          &output),
                 0);
        const int cycleMs = qMax(20, int(timer.elapsed()));
        qInfo("one full cycle, process start to exit: %d ms; %d runs, seed %u", cycleMs, runs, seed);

        sim->setChurn(2); // records keep changing under the syncs
        int killed = 0;
        int endedAlone = 0;
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setProcessChannelMode(QProcess::MergedChannels);
        for (int run = 0; run < runs; ++run) {
            QStringList more { QStringLiteral("--cycles"), QStringLiteral("50") };
            if (run % 3 == 0)
                more.append(QStringLiteral("--full"));
            process.start(TestEnvironment::lantirSyncBinary(), args(config, db, more));
            QVERIFY2(process.waitForStarted(TestEnvironment::scaledMs(10000)),
                     qPrintable(process.errorString()));
            // Anywhere from start-up to a few cycles in: the random moment is the point of the test.
            QTest::qWait(int(random.bounded(quint32(cycleMs * 3))));
            if (process.state() == QProcess::Running) {
                process.kill(); // SIGKILL: no handler, no cleanup
                ++killed;
            } else {
                ++endedAlone;
            }
            // waitForFinished() is false for a process that has already finished on its own.
            QVERIFY(process.state() == QProcess::NotRunning
                    || process.waitForFinished(TestEnvironment::scaledMs(10000)));
            process.readAll();
            if (run % 25 == 24)
                QCOMPARE(SqlProbe::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(),
                         QStringLiteral("ok"));
        }
        qInfo("%d runs killed with SIGKILL, %d ended before the kill", killed, endedAlone);
        QVERIFY2(killed >= runs * 3 / 4, "too few runs were killed mid-way; the timing is off");
        // The kills fell among real work: cycles completed (and wrote) between them.
        const int cyclesDone
            = SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM sync_cycles")).toInt();
        qInfo("%d cycles completed between the kills", cyclesDone);
        QVERIFY2(cyclesDone >= runs / 4, "the kills came before any cycle could complete; the timing is off");

        // The file is sound, with no duplicate entries and only whole records.
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral("SELECT COUNT(*) FROM (SELECT item_id FROM lantir_entry_keys GROUP BY "
                                    "item_id HAVING COUNT(*) > 1)"))
                     .toInt(),
                 0);
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE id NOT IN (SELECT item_id "
                                    "FROM lantir_entry_keys)"))
                     .toInt(),
                 0);
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral("SELECT COUNT(*) FROM lantir_entry_keys WHERE item_id NOT IN (SELECT "
                                    "id FROM worklist_items)"))
                     .toInt(),
                 0);
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral("SELECT COUNT(*) FROM (SELECT patient_id FROM worklist_items GROUP BY "
                                    "patient_id HAVING COUNT(*) > 1)"))
                     .toInt(),
                 0);
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral("SELECT COUNT(*) FROM (SELECT study_instance_uid FROM worklist_items "
                                    "GROUP BY study_instance_uid HAVING COUNT(*) > 1)"))
                     .toInt(),
                 0);
        // Every record has both its scans or none (each record of the project has two).
        QCOMPARE(SqlProbe::scalar(
                     db,
                     QStringLiteral("SELECT COUNT(*) FROM (SELECT record_id FROM lantir_entry_keys GROUP "
                                    "BY record_id HAVING COUNT(*) <> 2)"))
                     .toInt(),
                 0);

        // The final full sync, uninterrupted, ends where a sync of the same data into a new file does.
        sim->setChurn(0);
        QCOMPARE(runToEnd(args(config, db, { QStringLiteral("--once"), QStringLiteral("--full") }), &output),
                 0);
        const QString reference = path(QStringLiteral("reference.db"));
        QCOMPARE(runToEnd(args(config, reference, { QStringLiteral("--once"), QStringLiteral("--full") }),
                          &output),
                 0);
        const QStringList expected = SqlProbe::worklistContent(reference);
        QCOMPARE(expected.size(), 48);
        QCOMPARE(SqlProbe::worklistContent(db), expected);
        QCOMPARE(SqlProbe::scalar(db, QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt(), 48);
    }

    // Killed while a full cycle reconciles deleted records and cancels their rows: the cancel is
    // one transaction, so after every kill either all of the removed visits are CANCELED or none.
    void killedDuringAReconcileCancelsAllOrNothing()
    {
        const int runs = TestEnvironment::positiveInt("LANTIR_KILL9_RECONCILE_RUNS", 30);
        QRandomGenerator random(quint32(TestEnvironment::positiveInt("LANTIR_KILL9_SEED", 20250)));
        SimulatorThread sim(SimulatorProject { 40, 2, 23, false });
        QVERIFY(sim.isListening());
        const QString config = writeConfig(sim->apiUrl());
        const QString db = path(QStringLiteral("reconcile.db"));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runToEnd(args(config, db, { QStringLiteral("--once"), QStringLiteral("--full") })), 0);
        const int cycleMs = qMax(20, int(timer.elapsed()));
        for (const char* record : { "3", "9", "14", "22", "31", "38" })
            sim->removeRecord(QString::fromLatin1(record)); // 12 of 80 rows: under the 20% stop

        const QString cancelled = QStringLiteral(
            "SELECT COUNT(*) FROM worklist_items WHERE performed_procedure_step_status = 'CANCELED'");
        int killed = 0;
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setProcessChannelMode(QProcess::MergedChannels);
        for (int run = 0; run < runs; ++run) {
            process.start(TestEnvironment::lantirSyncBinary(),
                          args(config, db, { QStringLiteral("--once"), QStringLiteral("--full") }));
            QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
            QTest::qWait(int(random.bounded(quint32(cycleMs * 2))));
            if (process.state() == QProcess::Running) {
                process.kill();
                ++killed;
            }
            QVERIFY(process.state() == QProcess::NotRunning || process.waitForFinished(10000));
            process.readAll();
            QCOMPARE(SqlProbe::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
            const int now = SqlProbe::scalar(db, cancelled).toInt();
            QVERIFY2(now == 0 || now == 12, qPrintable(QString::number(now)));
            if (now == 12)
                break; // a run got through; the next ones have nothing left to cancel
        }
        qInfo("%d runs killed before the cancel was committed", killed);
        QCOMPARE(runToEnd(args(config, db, { QStringLiteral("--once"), QStringLiteral("--full") })), 0);
        QCOMPARE(SqlProbe::scalar(db, cancelled).toInt(), 12);
        QCOMPARE(SqlProbe::scalar(db,
                                  QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE "
                                                 "performed_procedure_step_status = 'SCHEDULED'"))
                     .toInt(),
                 68);
    }
};

QTEST_GUILESS_MAIN(TestKillNine)
#include "tst_killnine.moc"
