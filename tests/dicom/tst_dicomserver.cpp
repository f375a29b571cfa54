// The worklist server end to end on 127.0.0.1: DCMTK's echoscu and findscu as the scanner's query
// side, a DcmSCU client for MPPS and C-CANCEL, real SQLite files, the server's own threads.
#include "DicomTestClient.h"
#include "DicomTools.h"
#include "TestEnvironment.h"
#include "dicom/DicomServer.h"
#include "store/WorklistStore.h"

#include <QDate>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>

using Lantir::DicomConfig;
using Lantir::Dicom::DicomServer;
using Lantir::Test::DicomTestClient;
using Lantir::Test::DicomTools;
using Lantir::Test::TestEnvironment;

namespace {
const QString Today = QDate::currentDate().toString(QStringLiteral("yyyyMMdd"));
const QString TodayStored = QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd"));
const QString Sps = QStringLiteral("(0040,0100)[0].");
} // namespace

class TestDicomServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<Lantir::WorklistStore> m_store;

    QSqlDatabase db() { return m_store->database(); }

    qint64 insertRow(const QString& name, const QString& id, const QString& date, const QString& time,
                     const QString& station, const QString& weight = QStringLiteral("150"),
                     const QString& status = QStringLiteral("SCHEDULED"), const QString& uid = QString())
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("INSERT INTO worklist_items (patient_name, patient_id, patient_weight_lb, "
                                 "modality, scheduled_start_date, "
                                 "scheduled_start_time, scheduled_station_aetitle, "
                                 "performed_procedure_step_status, study_instance_uid, "
                                 "accession_number) VALUES (?, ?, ?, 'MR', ?, ?, ?, ?, ?, ?)"));
        for (const QString& v : { name, id, weight, date, time, station, status })
            q.addBindValue(v.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(v));
        q.addBindValue(uid.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(uid));
        q.addBindValue(QStringLiteral("ACC-%1").arg(id));
        if (!q.exec())
            qFatal("insert failed");
        return q.lastInsertId().toLongLong();
    }

    QString status(qint64 id)
    {
        QSqlQuery q(db());
        q.exec(QStringLiteral("SELECT performed_procedure_step_status FROM worklist_items WHERE id = %1")
                   .arg(id));
        return q.next() ? q.value(0).toString() : QString();
    }

    DicomConfig config()
    {
        DicomConfig c;
        c.enabled = true;
        c.port = 0;
        c.bindAddress = QStringLiteral("127.0.0.1");
        return c;
    }

    bool requireTools()
    {
        const QString missing = DicomTools::missing();
        if (missing.isEmpty())
            return true;
        if (qgetenv("CI") == "true")
            qFatal("%s", qPrintable(missing));
        return false;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("wl-%1.db").arg(QLatin1String(QTest::currentTestFunction())));
        m_store = std::make_unique<Lantir::WorklistStore>();
        QVERIFY(m_store->open(m_db).ok());
    }
    void cleanup() { m_store.reset(); }

    void echoAndTodaysWorklistWithFindscu()
    {
        if (!requireTools())
            QSKIP("echoscu/findscu not installed");
        insertRow(QStringLiteral("cpip-id-01^fa-02"), QStringLiteral("sub_01"), TodayStored,
                  QStringLiteral("10:30"), QStringLiteral("MRI1"), QStringLiteral("100"),
                  QStringLiteral("SCHEDULED"), QStringLiteral("2.25.11"));
        insertRow(QStringLiteral("cpip-id-02^fa-02"), QStringLiteral("sub_02"), Today, QStringLiteral("1130"),
                  QStringLiteral("MRI2"));
        insertRow(QStringLiteral("cpip-id-03^fa-02"), QStringLiteral("sub_03"), QStringLiteral("2020-01-01"),
                  QStringLiteral("09:00"), QStringLiteral("MRI1"));
        insertRow(QStringLiteral("cpip-id-04^fa-02"), QStringLiteral("sub_04"), TodayStored,
                  QStringLiteral("12:00"), QStringLiteral("MRI1"), QString(), QStringLiteral("COMPLETED"));
        DicomServer server;
        QVERIFY(server.start(config(), m_db).ok());
        const DicomTools::Run echo = DicomTools::echo(server.port());
        QVERIFY2(echo.exitCode == 0, qPrintable(echo.output));

        DicomTools::Run run;
        auto answers = DicomTools::find(
            server.port(),
            { QStringLiteral("PatientName="), QStringLiteral("PatientID="), QStringLiteral("PatientWeight="),
              QStringLiteral("StudyInstanceUID="), QStringLiteral("RequestedProcedureID="),
              QStringLiteral("SpecificCharacterSet="),
              Sps + QStringLiteral("ScheduledProcedureStepStartDate=") + Today,
              Sps + QStringLiteral("ScheduledProcedureStepStartTime="),
              Sps + QStringLiteral("ScheduledStationAETitle=MRI1"), Sps + QStringLiteral("Modality="),
              Sps + QStringLiteral("ScheduledProcedureStepID=") },
            m_dir.filePath(QStringLiteral("today")), &run);
        QVERIFY2(run.output.contains(QLatin1String("Received Final Find Response (Success)")),
                 qPrintable(run.output));
        QCOMPARE(answers.size(), std::size_t(1)); // not another day, another scanner or a completed step
        DcmDataset& a = *answers.front();
        QCOMPARE(DicomTools::value(a, DCM_PatientID), QStringLiteral("sub_01"));
        QCOMPARE(DicomTools::value(a, DCM_PatientWeight), QStringLiteral("45.4"));
        QCOMPARE(DicomTools::value(a, DCM_StudyInstanceUID), QStringLiteral("2.25.11"));
        QVERIFY(DicomTools::value(a, DCM_RequestedProcedureID).startsWith(QLatin1String("RP")));
        QCOMPARE(DicomTools::stepValue(a, DCM_ScheduledProcedureStepStartDate), Today);
        QCOMPARE(DicomTools::stepValue(a, DCM_ScheduledProcedureStepStartTime), QStringLiteral("103000"));
        QCOMPARE(DicomTools::stepValue(a, DCM_ScheduledStationAETitle), QStringLiteral("MRI1"));
        QCOMPARE(DicomTools::stepValue(a, DCM_Modality), QStringLiteral("MR"));
        QVERIFY(DicomTools::stepValue(a, DCM_ScheduledProcedureStepID).startsWith(QLatin1String("SPS")));

        // pylantir's blind spots: a wildcard and a name query now match.
        auto wild = DicomTools::find(
            server.port(), { QStringLiteral("PatientName=cpip-id-0*"), QStringLiteral("PatientID=") },
            m_dir.filePath(QStringLiteral("wild")));
        QCOMPARE(wild.size(), std::size_t(3));
    }

    void associationPolicy()
    {
        if (!requireTools())
            QSKIP("echoscu/findscu not installed");
        DicomConfig c = config();
        c.allowedCallingAets = { QStringLiteral("MRI1") };
        DicomServer server;
        QVERIFY(server.start(c, m_db).ok());
        QCOMPARE(DicomTools::echo(server.port(), QStringLiteral("MRI1")).exitCode, 0);
        const DicomTools::Run wrongCaller = DicomTools::echo(server.port(), QStringLiteral("OTHER"));
        QVERIFY(wrongCaller.exitCode != 0);
        QVERIFY2(wrongCaller.output.contains(QLatin1String("Calling AE Title Not Recognized")),
                 qPrintable(wrongCaller.output));
        const DicomTools::Run wrongCalled
            = DicomTools::echo(server.port(), QStringLiteral("MRI1"), QStringLiteral("NOTUS"));
        QVERIFY(wrongCalled.exitCode != 0);
        QVERIFY2(wrongCalled.output.contains(QLatin1String("Called AE Title Not Recognized")),
                 qPrintable(wrongCalled.output));
        // Patient Root Query/Retrieve is not served: no presentation context is accepted.
        const DicomTools::Run patientRoot = DicomTools::run(
            QStringLiteral("findscu"),
            { QStringLiteral("-P"), QStringLiteral("-aet"), QStringLiteral("MRI1"), QStringLiteral("-aec"),
              QStringLiteral("LANTIR"), QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=PATIENT"),
              QStringLiteral("127.0.0.1"), QString::number(server.port()) });
        QVERIFY2(patientRoot.exitCode != 0, qPrintable(patientRoot.output));
    }

    void maxAnswersAndCancel()
    {
        for (int i = 0; i < 400; ++i)
            insertRow(QStringLiteral("P^%1").arg(i), QStringLiteral("id%1").arg(i), TodayStored,
                      QStringLiteral("08:00"), QStringLiteral("MRI1"));
        DicomConfig c = config();
        c.maxAnswers = 5;
        DicomServer limited;
        QVERIFY(limited.start(c, m_db).ok());
        auto query = std::make_unique<DcmDataset>();
        query->insertEmptyElement(DCM_PatientID);
        {
            DicomTestClient client(limited.port());
            QVERIFY(client.connect());
            const auto outcome = client.find(*query);
            QCOMPARE(outcome.finalStatus, 0xFE00);
            QCOMPARE(outcome.answers.size(), std::size_t(5));
            // The association goes on after it.
            QCOMPARE(client.find(*query).answers.size(), std::size_t(5));
            client.release();
        }
        limited.stop();
        DicomServer server;
        QVERIFY(server.start(config(), m_db).ok());
        DicomTestClient client(server.port());
        QVERIFY(client.connect());
        const auto cancelled = client.find(*query, 1);
        QCOMPARE(cancelled.finalStatus, 0xFE00);
        QVERIFY2(cancelled.answers.size() < 400, qPrintable(QString::number(cancelled.answers.size())));
        const auto all = client.find(*query);
        QCOMPARE(all.finalStatus, 0x0000);
        QCOMPARE(all.answers.size(), std::size_t(400));
        client.release();
    }

    void mppsStartsAndCompletesAStep()
    {
        const qint64 id = insertRow(QStringLiteral("A^B"), QStringLiteral("sub_01"), TodayStored,
                                    QStringLiteral("10:30"), QStringLiteral("MRI1"), QString(),
                                    QStringLiteral("SCHEDULED"), QStringLiteral("2.25.77"));
        const QString spsId = QStringLiteral("SPS%1").arg(id);
        const QString pps = QStringLiteral("1.2.826.0.1.3680043.10.1.1");
        {
            DicomServer server;
            QVERIFY(server.start(config(), m_db).ok());
            QSignalSpy changes(&server, &DicomServer::mppsChanged);
            DicomTestClient client(server.port());
            QVERIFY(client.connect());
            auto created = Lantir::Test::mppsInProgress(QStringLiteral("2.25.77"), spsId);
            QCOMPARE(client.nCreate(pps, *created), 0x0000);
            QCOMPARE(status(id), QStringLiteral("IN_PROGRESS"));
            QCOMPARE(client.nCreate(pps, *created), 0x0111); // duplicate instance
            auto unknown = Lantir::Test::mppsFinal(QStringLiteral("COMPLETED"));
            QCOMPARE(client.nSet(QStringLiteral("1.2.3.999"), *unknown), 0x0112); // unknown instance
            client.release();
            QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, int(TestEnvironment::scaledMs(5000)));
        }
        // A restart keeps the instance: N-SET after it still finds it.
        DicomServer server;
        QVERIFY(server.start(config(), m_db).ok());
        DicomTestClient client(server.port());
        QVERIFY(client.connect());
        auto completed = Lantir::Test::mppsFinal(QStringLiteral("COMPLETED"));
        QCOMPARE(client.nSet(pps, *completed), 0x0000);
        QCOMPARE(status(id), QStringLiteral("COMPLETED"));
        auto again = Lantir::Test::mppsFinal(QStringLiteral("DISCONTINUED"));
        QCOMPARE(client.nSet(pps, *again), 0x0110); // final already
        QCOMPARE(status(id), QStringLiteral("COMPLETED"));
        // A new step for the completed item never reopens it.
        auto reopen = Lantir::Test::mppsInProgress(QStringLiteral("2.25.77"), spsId);
        QCOMPARE(client.nCreate(QStringLiteral("1.2.826.0.1.3680043.10.1.2"), *reopen), 0x0000);
        QCOMPARE(status(id), QStringLiteral("COMPLETED"));
        // The completed step has left the worklist.
        auto query = std::make_unique<DcmDataset>();
        query->putAndInsertString(DCM_PatientID, "sub_01");
        QCOMPARE(client.find(*query).answers.size(), std::size_t(0));
        client.release();
        QSqlQuery q(db());
        QVERIFY(q.exec(
            QStringLiteral("SELECT status, worklist_item_id FROM lantir_mpps WHERE sop_instance_uid = '%1'")
                .arg(pps)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("COMPLETED"));
        QCOMPARE(q.value(1).toLongLong(), id);
    }

    void mppsFindsTheItemByAccessionOrPatient()
    {
        const qint64 old
            = insertRow(QStringLiteral("A^B"), QStringLiteral("sub_09"), QStringLiteral("2020-01-01"),
                        QStringLiteral("10:30"), QStringLiteral("MRI1"));
        const qint64 today = insertRow(QStringLiteral("A^B"), QStringLiteral("sub_09"), TodayStored,
                                       QStringLiteral("10:30"), QStringLiteral("MRI1"));
        const qint64 byAccession = insertRow(QStringLiteral("C^D"), QStringLiteral("sub_10"), TodayStored,
                                             QStringLiteral("11:30"), QStringLiteral("MRI1"));
        DicomServer server;
        QVERIFY(server.start(config(), m_db).ok());
        DicomTestClient client(server.port());
        QVERIFY(client.connect());
        auto viaAccession = Lantir::Test::mppsInProgress(QString(), QString(), QStringLiteral("ACC-sub_10"));
        QCOMPARE(client.nCreate(QStringLiteral("1.2.3.4.1"), *viaAccession), 0x0000);
        QCOMPARE(status(byAccession), QStringLiteral("IN_PROGRESS"));
        auto viaPatient
            = Lantir::Test::mppsInProgress(QString(), QString(), QString(), QStringLiteral("sub_09"));
        QCOMPARE(client.nCreate(QStringLiteral("1.2.3.4.2"), *viaPatient), 0x0000);
        QCOMPARE(status(today), QStringLiteral("IN_PROGRESS")); // the nearest scheduled date
        QCOMPARE(status(old), QStringLiteral("SCHEDULED"));
        client.release();
    }

    void eightAssociationsAtOnceThenRefusalAndFastStop()
    {
        insertRow(QStringLiteral("A^B"), QStringLiteral("sub_01"), TodayStored, QStringLiteral("10:30"),
                  QStringLiteral("MRI1"));
        DicomServer server;
        QVERIFY(server.start(config(), m_db).ok());
        std::vector<std::unique_ptr<DicomTestClient>> clients;
        auto query = std::make_unique<DcmDataset>();
        query->insertEmptyElement(DCM_PatientID);
        for (int i = 0; i < 8; ++i) {
            clients.push_back(
                std::make_unique<DicomTestClient>(server.port(), QStringLiteral("SCANNER%1").arg(i)));
            QVERIFY(clients.back()->connect());
        }
        // Eight silent peers hold their associations; each still gets its answer when it asks.
        for (auto& client : clients)
            QCOMPARE(client->find(*query).answers.size(), std::size_t(1));
        QTRY_COMPARE_WITH_TIMEOUT(server.activeAssociations(), 8, int(TestEnvironment::scaledMs(5000)));
        DicomTestClient ninth(server.port(), QStringLiteral("NINTH"));
        QString why;
        QVERIFY(!ninth.connect(&why));
        QElapsedTimer timer;
        timer.start();
        server.stop(); // with eight associations open and silent
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(1500),
                 qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!server.isRunning());
    }

    // A peer that connects and sends nothing, one that sends half an association request, and one
    // that announces a huge one: none holds up a real scanner, and stop() stays prompt.
    void silentAndSlowPeersBlockNobody()
    {
        DicomConfig c = config();
        c.acseTimeoutSeconds = 30;
        DicomServer server;
        QVERIFY(server.start(c, m_db).ok());
        QTcpSocket silent;
        QTcpSocket slow;
        QTcpSocket huge;
        for (QTcpSocket* socket : { &silent, &slow, &huge }) {
            socket->connectToHost(QHostAddress::LocalHost, server.port());
            QVERIFY(socket->waitForConnected(5000));
        }
        slow.write(QByteArray::fromHex("010000000044")); // an A-ASSOCIATE-RQ header, then nothing
        huge.write(QByteArray::fromHex("01007fffffff")); // announces 2 GiB
        QVERIFY(slow.waitForBytesWritten(1000) && huge.waitForBytesWritten(1000));
        QTRY_COMPARE_WITH_TIMEOUT(huge.state(), QAbstractSocket::UnconnectedState,
                                  int(TestEnvironment::scaledMs(5000)));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 3; ++i) {
            DicomTestClient client(server.port(), QStringLiteral("SCANNER%1").arg(i));
            QString why;
            QVERIFY2(client.connect(&why), qPrintable(why));
        }
        // Each association is served at once, though the ACSE timeout the peers hold is 30 s.
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(3000),
                 qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(silent.state(), QAbstractSocket::ConnectedState);
        timer.restart();
        server.stop();
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(1500),
                 qPrintable(QString::number(timer.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState,
                                  int(TestEnvironment::scaledMs(3000)));
    }

    // dicom.bind is the address the server listens on, and only there.
    void listensOnTheBindAddressOnly()
    {
        DicomConfig c = config();
        c.bindAddress = QStringLiteral("127.0.0.2");
        DicomServer server;
        QVERIFY(server.start(c, m_db).ok());
        QCOMPARE(server.listenAddress(), QStringLiteral("127.0.0.2:%1").arg(server.port()));
        QTcpSocket elsewhere;
        elsewhere.connectToHost(QHostAddress(QStringLiteral("127.0.0.1")), server.port());
        QVERIFY(!elsewhere.waitForConnected(2000));
        QTcpSocket there;
        there.connectToHost(QHostAddress(QStringLiteral("127.0.0.2")), server.port());
        QVERIFY(there.waitForConnected(2000));
    }

    void portInUseIsAClearError()
    {
        DicomServer first;
        QVERIFY(first.start(config(), m_db).ok());
        DicomConfig c = config();
        c.port = first.port();
        DicomServer second;
        const auto started = second.start(c, m_db);
        QVERIFY(!started.ok());
        QVERIFY2(started.error().message.contains(QLatin1String("in use")),
                 qPrintable(started.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDicomServer)
#include "tst_dicomserver.moc"
