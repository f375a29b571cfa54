// lantir-sync's worklist server killed with SIGKILL at random moments (seeded) while a scanner
// client starts and completes steps: the database stays intact, every MPPS message the server
// acknowledged is in it (lantir_mpps and the worklist item's status), and none is half-written.
// LANTIR_MPPS_KILL9_RUNS (default 12) and LANTIR_MPPS_KILL9_SEED (default 4242) set the run.
#include "DicomTestClient.h"
#include "TestEnvironment.h"

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <thread>

using Lantir::Test::DicomTestClient;
using Lantir::Test::TestEnvironment;

class TestMppsKillNine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QHash<QString, QString> m_acknowledged; // MPPS instance -> the status the server acknowledged
    QHash<QString, qint64> m_itemOf;

    QVariant scalar(const QString& sql)
    {
        QVariant value;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            db.setDatabaseName(m_db);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql) && q.next())
                    value = q.value(0);
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        return value;
    }

    void seedRows(int count)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
        db.setDatabaseName(m_db);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("BEGIN")));
        for (int i = 1; i <= count; ++i)
            QVERIFY(q.exec(QStringLiteral("INSERT INTO worklist_items (id, patient_name, patient_id, "
                                          "study_instance_uid, performed_procedure_step_status) VALUES "
                                          "(%1, 'P^%1', 'sub_%1', '2.25.%1', 'SCHEDULED')")
                               .arg(i)));
        QVERIFY(q.exec(QStringLiteral("COMMIT")));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("seed"));
    }

    QString writeConfig()
    {
        const QString path = m_dir.filePath(QStringLiteral("lantir.json"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QStringLiteral("{\"database\": {\"path\": \"%1\"}}").arg(m_db).toUtf8());
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    // One run: start the server, send steps until the kill cuts the association.
    void runOnce(quint16 port, int killAfterMs, qint64& nextItem)
    {
        QProcess sync;
        sync.setProcessChannelMode(QProcess::MergedChannels);
        sync.start(TestEnvironment::lantirSyncBinary(),
                   { QStringLiteral("--config"), writeConfig(), QStringLiteral("--no-sync"),
                     QStringLiteral("--dicom-port"), QString::number(port) });
        QVERIFY(sync.waitForStarted());
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += sync.readAll()).contains("Worklist server listening"),
                                 int(TestEnvironment::scaledMs(10000)));
        const qint64 pid = sync.processId();
        std::thread killer([pid, killAfterMs] {
            std::this_thread::sleep_for(std::chrono::milliseconds(killAfterMs));
            ::kill(pid_t(pid), SIGKILL);
        });
        DicomTestClient client(port);
        if (client.connect()) {
            for (;; ++nextItem) {
                const QString uid = QStringLiteral("1.2.826.0.1.3680043.10.9.%1").arg(nextItem);
                m_itemOf.insert(uid, nextItem);
                auto created = Lantir::Test::mppsInProgress(QStringLiteral("2.25.%1").arg(nextItem),
                                                            QStringLiteral("SPS%1").arg(nextItem));
                if (client.nCreate(uid, *created) != 0)
                    break;
                m_acknowledged.insert(uid, QStringLiteral("IN PROGRESS"));
                auto done = Lantir::Test::mppsFinal(QStringLiteral("COMPLETED"));
                if (client.nSet(uid, *done) != 0)
                    break;
                m_acknowledged.insert(uid, QStringLiteral("COMPLETED"));
            }
            ++nextItem;
        }
        killer.join();
        sync.waitForFinished(int(TestEnvironment::scaledMs(5000)));
    }

private Q_SLOTS:
    void acknowledgedStepsSurviveSigkill()
    {
        m_db = m_dir.filePath(QStringLiteral("worklist.db"));
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        // The first start creates the tables.
        {
            QProcess sync;
            sync.start(TestEnvironment::lantirSyncBinary(),
                       { QStringLiteral("--config"), writeConfig(), QStringLiteral("--no-sync"),
                         QStringLiteral("--dicom-port"), QString::number(port) });
            QVERIFY(sync.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                                           "'lantir_mpps'"))
                                             .toInt()
                                         == 1,
                                     int(TestEnvironment::scaledMs(10000)));
            sync.terminate();
            QVERIFY(sync.waitForFinished(int(TestEnvironment::scaledMs(5000))));
        }
        seedRows(5000);
        const int runs = TestEnvironment::positiveInt("LANTIR_MPPS_KILL9_RUNS", 12);
        QRandomGenerator random(quint32(TestEnvironment::positiveInt("LANTIR_MPPS_KILL9_SEED", 4242)));
        qint64 nextItem = 1;
        for (int run = 0; run < runs && nextItem < 4900; ++run) {
            runOnce(port, int(TestEnvironment::scaledMs(100 + random.bounded(500))), nextItem);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        }
        QVERIFY2(!m_acknowledged.isEmpty(), "no MPPS message was acknowledged before the kills");
        for (auto it = m_acknowledged.cbegin(); it != m_acknowledged.cend(); ++it) {
            const QString stored
                = scalar(QStringLiteral("SELECT status FROM lantir_mpps WHERE sop_instance_uid = '%1'")
                             .arg(it.key()))
                      .toString();
            // An N-SET may have been committed with its answer lost to the kill: never behind, though.
            if (stored != it.value())
                QCOMPARE(stored, QStringLiteral("COMPLETED"));
            const QString item
                = scalar(QStringLiteral("SELECT performed_procedure_step_status FROM worklist_items "
                                        "WHERE id = %1")
                             .arg(m_itemOf.value(it.key())))
                      .toString();
            // The step's row and the worklist item change in one transaction.
            QCOMPARE(item,
                     stored == QLatin1String("COMPLETED") ? QStringLiteral("COMPLETED")
                                                          : QStringLiteral("IN_PROGRESS"));
        }
        qInfo("%d runs killed, %lld MPPS messages acknowledged and found intact", runs,
              qint64(m_acknowledged.size()));
    }
};

QTEST_GUILESS_MAIN(TestMppsKillNine)
#include "tst_mppskillnine.moc"
