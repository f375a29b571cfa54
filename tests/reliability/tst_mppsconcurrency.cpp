#include "RedcapSimulator.h"
#include "ScopedSqlConnection.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::RedcapSimulator;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

using Lantir::Test::TestEnvironment;

// lantir-sync runs back-to-back cycles with churn while this process plays pylantir's DICOM
// server on its own connection: it keeps reading the worklist and moving random rows through
// SCHEDULED -> IN_PROGRESS -> COMPLETED as MPPS messages would. Afterwards every status it set is
// still there, nothing is duplicated, and every cycle succeeded (a busy database was waited for,
// never reported as a failed cycle).
// LANTIR_MPPS_CYCLES (default 200) sets the number of cycles.
class TestMppsConcurrency : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(TestEnvironment::lantirSyncBinary()))
            QSKIP("lantir-sync is not built");
    }

    void statusUpdatesDuringCyclesAreNeverLost()
    {
        const int cycles = TestEnvironment::positiveInt("LANTIR_MPPS_CYCLES", 200);
        SimulatorThread sim(SimulatorProject { 20, 2, 23, false });
        QVERIFY(sim.isListening());
        const QString db = path(QStringLiteral("worklist.db"));
        const QString report = path(QStringLiteral("report.jsonl"));
        QFile config(path(QStringLiteral("lantir.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            QStringLiteral(
                R"({"source": {"api_url": "%1", "batch_size": 4, "request_timeout_s": 10, "max_tries": 2,
                                                   "retry_base_delay_ms": 10},
                                        "database": {"path": "%2", "busy_timeout_ms": 10000},
                                        "mapping": {"site": "792", "protocol": "BRAIN_MRI_3T"}})")
                .arg(sim->apiUrl().toString(), db)
                .toUtf8());
        config.close();

        // The first cycle fills the worklist; then churn keeps each cycle writing.
        QProcess first;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REDCAP_API_TOKEN"), RedcapSimulator::defaultToken());
        first.setProcessEnvironment(env);
        first.start(TestEnvironment::lantirSyncBinary(),
                    { QStringLiteral("--config"), config.fileName(), QStringLiteral("--once") });
        QVERIFY(first.waitForFinished(TestEnvironment::scaledMs(60000)));
        QCOMPARE(first.exitCode(), 0);
        sim->setChurn(3);

        QProcess sync;
        sync.setProcessEnvironment(env);
        sync.setProcessChannelMode(QProcess::MergedChannels);
        sync.start(TestEnvironment::lantirSyncBinary(),
                   { QStringLiteral("--config"), config.fileName(), QStringLiteral("--cycles"),
                     QString::number(cycles), QStringLiteral("--report"), report });
        QVERIFY(sync.waitForStarted(TestEnvironment::scaledMs(10000)));

        // The DICOM server's side: its own connection, its own busy timeout (SQLAlchemy's default 5 s).
        ScopedSqlConnection mpps(db, QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        QVERIFY(mpps.isOpen());
        QHash<qint64, QString> expected; // item id -> the status this side set last
        QRandomGenerator random(4242);
        int reads = 0;
        int updates = 0;
        int busyHere = 0;
        while (sync.state() != QProcess::NotRunning) {
            QSqlQuery read(mpps.db());
            read.setForwardOnly(true);
            if (read.exec(QStringLiteral(
                    "SELECT id, performed_procedure_step_status FROM worklist_items ORDER BY id"))) {
                QList<QPair<qint64, QString>> rows;
                while (read.next())
                    rows.append({ read.value(0).toLongLong(), read.value(1).toString() });
                read.finish();
                ++reads;
                for (const auto& row : std::as_const(rows)) {
                    if (expected.contains(row.first))
                        QVERIFY2(expected.value(row.first) == row.second,
                                 qPrintable(QStringLiteral("row %1 lost its status %2 (now %3)")
                                                .arg(row.first)
                                                .arg(expected.value(row.first), row.second)));
                }
                if (!rows.isEmpty()) {
                    const auto& pick = rows.at(int(random.bounded(quint32(rows.size()))));
                    const QString next = pick.second == QLatin1String("SCHEDULED")
                        ? QStringLiteral("IN_PROGRESS")
                        : pick.second == QLatin1String("IN_PROGRESS") ? QStringLiteral("COMPLETED")
                                                                      : QString();
                    if (!next.isEmpty()) {
                        QSqlQuery update(mpps.db());
                        update.prepare(QStringLiteral(
                            "UPDATE worklist_items SET performed_procedure_step_status = ? WHERE id = ?"));
                        update.addBindValue(next);
                        update.addBindValue(pick.first);
                        if (update.exec()) {
                            expected.insert(pick.first, next);
                            ++updates;
                        } else {
                            ++busyHere; // this side's own busy timeout ran out; the MPPS server would retry
                        }
                    }
                }
            } else {
                ++busyHere;
            }
            sync.waitForFinished(3);
        }
        QCOMPARE(sync.exitStatus(), QProcess::NormalExit);
        const QString output = QString::fromUtf8(sync.readAll());
        QVERIFY2(sync.exitCode() == 0, qPrintable(output.right(2000)));
        qInfo("%d cycles; MPPS side: %d reads, %d status updates, %d busy timeouts of its own", cycles, reads,
              updates, busyHere);
        QVERIFY(updates > 0);

        // Every cycle succeeded: a locked database was waited for, not reported.
        QFile lines(report);
        QVERIFY(lines.open(QIODevice::ReadOnly));
        int reported = 0;
        while (!lines.atEnd()) {
            const QJsonObject cycle = QJsonDocument::fromJson(lines.readLine()).object();
            QVERIFY2(cycle.value(QStringLiteral("ok")).toBool(),
                     qPrintable(cycle.value(QStringLiteral("error")).toString()));
            ++reported;
        }
        QCOMPARE(reported, cycles);
        QVERIFY2(!output.contains(QLatin1String("locked")), qPrintable(output.right(2000)));

        // No status update lost, no entry duplicated.
        QSqlQuery check(mpps.db());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            check.prepare(
                QStringLiteral("SELECT performed_procedure_step_status FROM worklist_items WHERE id = ?"));
            check.addBindValue(it.key());
            QVERIFY(check.exec() && check.next());
            QCOMPARE(check.value(0).toString(), it.value());
        }
        QVERIFY(check.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT patient_id), COUNT(DISTINCT "
                                          "study_instance_uid) FROM worklist_items"))
                && check.next());
        QCOMPARE(check.value(0).toInt(), 40);
        QCOMPARE(check.value(1).toInt(), 40);
        QCOMPARE(check.value(2).toInt(), 40);
        QVERIFY(check.exec(QStringLiteral("SELECT COUNT(*) FROM lantir_entry_keys")) && check.next());
        QCOMPARE(check.value(0).toInt(), 40);
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestMppsConcurrency)
#include "tst_mppsconcurrency.moc"
