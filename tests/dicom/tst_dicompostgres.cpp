// The worklist server on a PostgreSQL database, end to end on 127.0.0.1: a private PostgreSQL
// server (one fresh database per test, the password through PGPASSFILE as on a site), rows written
// by WorklistStore::upsert as the sync writes them, DCMTK's echoscu and findscu as the scanner's
// query side and the DcmSCU client for MPPS. The same queries against a SQLite file holding the
// same rows give the same answers; two servers on one database (two nodes) answer alike and see
// each other's MPPS; a database that cannot be reached stops start() with a clear error, and a
// database server that restarts under open associations costs no more than the requests made
// while it is down.
#include "DicomTestClient.h"
#include "DicomTools.h"
#include "PostgresTestServer.h"
#include "TestEnvironment.h"
#include "WorklistColumnSets.h"
#include "dicom/DicomServer.h"
#include "store/DatabaseConnection.h"
#include "store/WorklistStore.h"

#include <QDate>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <sstream>
#include <thread>
#include <vector>

using namespace Lantir;
using Lantir::Dicom::DicomServer;
using Lantir::Test::allWritable;
using Lantir::Test::DicomTestClient;
using Lantir::Test::DicomTools;
using Lantir::Test::PostgresTestServer;
using Lantir::Test::TestEnvironment;

namespace {
const QDate TodayDate = QDate::currentDate();
const QString Today = TodayDate.toString(QStringLiteral("yyyyMMdd"));
const QString NextWeek = TodayDate.addDays(7).toString(QStringLiteral("yyyyMMdd"));
const QString Sps = QStringLiteral("(0040,0100)[0].");
const QString Source = QStringLiteral("REDCap");

using Answers = std::vector<std::unique_ptr<DcmDataset>>;

WorklistEntry visit(const QString& record, const QString& name, const QString& date, const QString& time,
                    const QString& station, const QString& weightLb = QString())
{
    WorklistEntry e;
    e.key = EntryKey { Source, record, QString(), QStringLiteral("1") };
    e[Worklist::PatientId] = QStringLiteral("sub_%1").arg(record);
    e[Worklist::PatientName] = name;
    e[Worklist::PatientWeightLb] = weightLb;
    e[Worklist::AccessionNumber] = QStringLiteral("ACC-%1").arg(record);
    e[Worklist::Modality] = QStringLiteral("MR");
    e[Worklist::ScheduledStationAeTitle] = station;
    e[Worklist::ScheduledStartDate] = date;
    e[Worklist::ScheduledStartTime] = time;
    e[Worklist::ProtocolName] = QStringLiteral("BRAIN_MRI_3T");
    e[Worklist::DataSource] = Source;
    return e;
}

// Today twice (in both date forms a worklist database holds), one in 2020, one next week.
QList<WorklistEntry> fourVisits()
{
    return {
        visit(QStringLiteral("01"), QStringLiteral("cpip-id-01^fa-02"), TodayDate.toString(Qt::ISODate),
              QStringLiteral("10:30"), QStringLiteral("MRI1"), QStringLiteral("100")),
        visit(QStringLiteral("02"), QStringLiteral("cpip-id-02^fa-02"), Today, QStringLiteral("1130"),
              QStringLiteral("MRI2")),
        visit(QStringLiteral("03"), QStringLiteral("cpip-id-03^fa-02"), QStringLiteral("2020-01-01"),
              QStringLiteral("09:00"), QStringLiteral("MRI1")),
        visit(QStringLiteral("04"), QStringLiteral("other^person"),
              TodayDate.addDays(7).toString(Qt::ISODate), QStringLiteral("08:00"), QStringLiteral("MRI1")),
    };
}

// Runs `sql` on a connection of its own (so it works across restarts of the database server): the
// first column of its first row, or "<error>".
QString query(const DatabaseTarget& target, const QString& sql)
{
    static int connections = 0;
    QSqlDatabase db;
    {
        Result<QSqlDatabase> opened
            = DatabaseConnection::open(target, QStringLiteral("dicompg-check-%1").arg(++connections));
        if (!opened)
            return QLatin1Char('<') + opened.error().message + QLatin1Char('>');
        db = opened.value();
    }
    QString value;
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            value = QLatin1Char('<') + q.lastError().text() + QLatin1Char('>');
        else if (q.next())
            value = q.value(0).toString();
    }
    DatabaseConnection::closeAndRemove(db);
    return value;
}

QString itemStatus(const DatabaseTarget& target, const QString& patientId)
{
    return query(target,
                 QStringLiteral("SELECT performed_procedure_step_status FROM worklist_items WHERE "
                                "patient_id = '%1'")
                     .arg(patientId));
}

QString studyUid(const DatabaseTarget& target, const QString& patientId)
{
    return query(target,
                 QStringLiteral("SELECT study_instance_uid FROM worklist_items WHERE patient_id = '%1'")
                     .arg(patientId));
}

qint64 itemId(const DatabaseTarget& target, const QString& patientId)
{
    return query(target,
                 QStringLiteral("SELECT id FROM worklist_items WHERE patient_id = '%1'").arg(patientId))
        .toLongLong();
}

// Each answer as DCMTK prints it, element by element.
QStringList printed(const Answers& answers)
{
    QStringList out;
    for (const auto& answer : answers) {
        std::ostringstream text;
        answer->print(text);
        out << QString::fromStdString(text.str());
    }
    return out;
}

QStringList ids(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* id : list)
        out << QLatin1String(id);
    return out;
}

QStringList patientIds(const Answers& answers)
{
    QStringList ids;
    for (const auto& answer : answers)
        ids << DicomTools::value(*answer, DCM_PatientID);
    return ids;
}

// What a scanner asks for: the patient, the study and the scheduled step, plus `keys`.
QStringList findKeys(const QStringList& keys)
{
    QStringList all { QStringLiteral("PatientName="),
                      QStringLiteral("PatientID="),
                      QStringLiteral("PatientWeight="),
                      QStringLiteral("AccessionNumber="),
                      QStringLiteral("StudyInstanceUID="),
                      QStringLiteral("RequestedProcedureID="),
                      QStringLiteral("SpecificCharacterSet="),
                      Sps + QStringLiteral("ScheduledProcedureStepStartDate="),
                      Sps + QStringLiteral("ScheduledProcedureStepStartTime="),
                      Sps + QStringLiteral("ScheduledStationAETitle="),
                      Sps + QStringLiteral("Modality="),
                      Sps + QStringLiteral("ScheduledProcedureStepID="),
                      Sps + QStringLiteral("ScheduledProcedureStepStatus=") };
    // A key given again overrides the empty one above (findscu keeps the last value).
    return all + keys;
}

// The same query as a DcmSCU client sends it.
std::unique_ptr<DcmDataset> clientQuery()
{
    auto query = std::make_unique<DcmDataset>();
    query->insertEmptyElement(DCM_PatientID);
    query->insertEmptyElement(DCM_StudyInstanceUID);
    DcmItem* step = nullptr;
    query->findOrCreateSequenceItem(DCM_ScheduledProcedureStepSequence, step);
    step->insertEmptyElement(DCM_ScheduledProcedureStepID);
    step->insertEmptyElement(DCM_ScheduledProcedureStepStatus);
    return query;
}

#define VERIFY_OK(result) QVERIFY2((result).ok(), qPrintable((result).error().message))
} // namespace

class TestDicomPostgres : public QObject
{
    Q_OBJECT

private:
    PostgresTestServer m_server;
    QTemporaryDir m_dir;
    int m_counter = 0;

    DatabaseTarget newDatabase()
    {
        return m_server.newDatabase(QStringLiteral("dicom_%1").arg(++m_counter), 5000);
    }

    DatabaseTarget newSqliteFile()
    {
        DatabaseTarget target;
        target.path = m_dir.filePath(QStringLiteral("worklist-%1.db").arg(++m_counter));
        return target;
    }

    // Writes `entries` as the sync does, then gives every row a fixed Study Instance UID, so that
    // two databases written alike answer alike to the byte.
    static bool write(const DatabaseTarget& target, const QList<WorklistEntry>& entries, QString* error)
    {
        WorklistStore store;
        Result<void> opened = store.open(target);
        if (!opened) {
            *error = opened.error().message;
            return false;
        }
        const Result<UpsertStats> written = store.upsert(entries, allWritable());
        if (!written) {
            *error = written.error().message;
            return false;
        }
        QSqlQuery fixed(store.database());
        if (!fixed.exec(QStringLiteral("UPDATE worklist_items SET study_instance_uid = '2.25.4242' || id"))) {
            *error = fixed.lastError().text();
            return false;
        }
        if (written.value().inserted != entries.size()) {
            *error = QStringLiteral("%1 rows inserted instead of %2")
                         .arg(written.value().inserted)
                         .arg(entries.size());
            return false;
        }
        return true;
    }

    static DicomConfig config()
    {
        DicomConfig c;
        c.enabled = true;
        c.port = 0;
        c.bindAddress = QStringLiteral("127.0.0.1");
        return c;
    }

    Answers find(const DicomServer& server, const QStringList& keys, const QString& folder,
                 DicomTools::Run* run = nullptr)
    {
        return DicomTools::find(server.port(), findKeys(keys), m_dir.filePath(folder), run);
    }

    // Restarts PostgreSQL; false, saying why, unless it is back on the port the targets name.
    bool restartPostgres(QString* why)
    {
        const quint16 before = m_server.port();
        if (!m_server.restart()) {
            *why = m_server.errorString();
            return false;
        }
        if (m_server.port() != before) {
            *why = QStringLiteral("PostgreSQL came back on port %1 instead of %2 (another program took it)")
                       .arg(m_server.port())
                       .arg(before);
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        LANTIR_REQUIRE_POSTGRES(m_server);
        qputenv("PGPASSFILE", m_server.passFile().toLocal8Bit());
    }

    // The rows the store wrote into PostgreSQL, answered to echoscu and findscu exactly as the
    // same rows in a SQLite file: today's list, name wildcards, date ranges and combinations.
    void echoAndFindscuAnswerFromPostgresAsFromSqlite()
    {
        QString tool;
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("echoscu"));
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("findscu"));
        const DatabaseTarget pg = newDatabase();
        const DatabaseTarget sqlite = newSqliteFile();
        QString error;
        QVERIFY2(write(pg, fourVisits(), &error), qPrintable(error));
        QVERIFY2(write(sqlite, fourVisits(), &error), qPrintable(error));
        DicomServer fromPg;
        VERIFY_OK(fromPg.start(config(), pg));
        DicomServer fromSqlite;
        VERIFY_OK(fromSqlite.start(config(), sqlite));

        const DicomTools::Run echo = DicomTools::echo(fromPg.port());
        QCOMPARE(echo.exitCode, 0);

        DicomTools::Run run;
        const Answers today
            = find(fromPg, { Sps + QStringLiteral("ScheduledProcedureStepStartDate=") + Today },
                   QStringLiteral("pg-today"), &run);
        QVERIFY2(run.output.contains(QLatin1String("Received Final Find Response (Success)")),
                 qPrintable(run.output));
        QCOMPARE(patientIds(today), ids({ "sub_01", "sub_02" }));
        DcmDataset& first = *today.front();
        const qint64 firstId = itemId(pg, QStringLiteral("sub_01"));
        QVERIFY(firstId > 0);
        QCOMPARE(DicomTools::value(first, DCM_PatientName), QStringLiteral("cpip-id-01^fa-02"));
        QCOMPARE(DicomTools::value(first, DCM_PatientWeight), QStringLiteral("45.4"));
        QCOMPARE(DicomTools::value(first, DCM_AccessionNumber), QStringLiteral("ACC-01"));
        QCOMPARE(DicomTools::value(first, DCM_StudyInstanceUID), QStringLiteral("2.25.4242%1").arg(firstId));
        QCOMPARE(DicomTools::value(first, DCM_StudyInstanceUID), studyUid(pg, QStringLiteral("sub_01")));
        QCOMPARE(DicomTools::value(first, DCM_RequestedProcedureID), QStringLiteral("RP%1").arg(firstId));
        QCOMPARE(DicomTools::stepValue(first, DCM_ScheduledProcedureStepStartDate), Today);
        QCOMPARE(DicomTools::stepValue(first, DCM_ScheduledProcedureStepStartTime), QStringLiteral("103000"));
        QCOMPARE(DicomTools::stepValue(first, DCM_ScheduledStationAETitle), QStringLiteral("MRI1"));
        QCOMPARE(DicomTools::stepValue(first, DCM_Modality), QStringLiteral("MR"));
        QCOMPARE(DicomTools::stepValue(first, DCM_ScheduledProcedureStepID),
                 QStringLiteral("SPS%1").arg(firstId));
        QCOMPARE(DicomTools::stepValue(first, DCM_ScheduledProcedureStepStatus), QStringLiteral("SCHEDULED"));
        QCOMPARE(DicomTools::stepValue(*today.back(), DCM_ScheduledProcedureStepStartTime),
                 QStringLiteral("113000"));

        const struct
        {
            const char* name;
            QStringList keys;
            QStringList expected;
        } cases[] = {
            { "today",
              { Sps + QStringLiteral("ScheduledProcedureStepStartDate=") + Today },
              ids({ "sub_01", "sub_02" }) },
            { "everything", {}, ids({ "sub_01", "sub_02", "sub_03", "sub_04" }) },
            { "name wildcard",
              { QStringLiteral("PatientName=cpip-id-0*") },
              ids({ "sub_01", "sub_02", "sub_03" }) },
            { "name wildcard, other case",
              { QStringLiteral("PatientName=CPIP-ID-0?^FA*") },
              ids({ "sub_01", "sub_02", "sub_03" }) },
            { "exact name", { QStringLiteral("PatientName=other^person") }, ids({ "sub_04" }) },
            { "from today",
              { Sps + QStringLiteral("ScheduledProcedureStepStartDate=") + Today + QLatin1Char('-') },
              ids({ "sub_01", "sub_02", "sub_04" }) },
            { "up to 2020",
              { Sps + QStringLiteral("ScheduledProcedureStepStartDate=-20200630") },
              ids({ "sub_03" }) },
            { "closed range",
              { Sps + QStringLiteral("ScheduledProcedureStepStartDate=20191231-20200101") },
              ids({ "sub_03" }) },
            { "today to next week",
              { Sps + QStringLiteral("ScheduledProcedureStepStartDate=") + Today + QLatin1Char('-')
                + NextWeek },
              ids({ "sub_01", "sub_02", "sub_04" }) },
            { "wildcard and range",
              { QStringLiteral("PatientName=cpip*"),
                Sps + QStringLiteral("ScheduledProcedureStepStartDate=") + Today + QLatin1Char('-')
                    + NextWeek },
              ids({ "sub_01", "sub_02" }) },
            { "station", { Sps + QStringLiteral("ScheduledStationAETitle=MRI2") }, ids({ "sub_02" }) },
            { "no such day",
              { Sps + QStringLiteral("ScheduledProcedureStepStartDate=19990101") },
              QStringList() },
        };
        int index = 0;
        for (const auto& c : cases) {
            ++index;
            DicomTools::Run pgRun;
            const Answers fromPgAnswers = find(fromPg, c.keys, QStringLiteral("pg-%1").arg(index), &pgRun);
            QVERIFY2(pgRun.output.contains(QLatin1String("Received Final Find Response (Success)")),
                     qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.name), pgRun.output)));
            QVERIFY2(patientIds(fromPgAnswers) == c.expected,
                     qPrintable(QStringLiteral("%1: %2").arg(
                         QLatin1String(c.name), patientIds(fromPgAnswers).join(QLatin1Char(' ')))));
            const Answers fromSqliteAnswers
                = find(fromSqlite, c.keys, QStringLiteral("sqlite-%1").arg(index));
            QCOMPARE(printed(fromPgAnswers), printed(fromSqliteAnswers));
        }
    }

    // A row without a Study Instance UID (NULL or empty, as pylantir or a hand edit leaves it) gets
    // one on the first query that answers it, stored in PostgreSQL, and the same one ever after.
    void missingStudyUidIsStoredOnFirstQueryAndKept()
    {
        QString tool;
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("findscu"));
        const DatabaseTarget pg = newDatabase();
        QString error;
        QVERIFY2(write(pg, fourVisits(), &error), qPrintable(error));
        QCOMPARE(query(pg,
                       QStringLiteral("UPDATE worklist_items SET study_instance_uid = '' WHERE patient_id = "
                                      "'sub_01' RETURNING id")),
                 QString::number(itemId(pg, QStringLiteral("sub_01"))));
        QCOMPARE(query(pg,
                       QStringLiteral("UPDATE worklist_items SET study_instance_uid = NULL WHERE "
                                      "patient_id = 'sub_02' RETURNING id")),
                 QString::number(itemId(pg, QStringLiteral("sub_02"))));
        const QString keptUid = studyUid(pg, QStringLiteral("sub_03"));
        DicomServer server;
        VERIFY_OK(server.start(config(), pg));

        const Answers first = find(server, {}, QStringLiteral("first"));
        QCOMPARE(patientIds(first), ids({ "sub_01", "sub_02", "sub_03", "sub_04" }));
        const QString uid1 = DicomTools::value(*first[0], DCM_StudyInstanceUID);
        const QString uid2 = DicomTools::value(*first[1], DCM_StudyInstanceUID);
        QVERIFY2(uid1.startsWith(QLatin1String("2.25.")) && uid1.size() > 20, qPrintable(uid1));
        QVERIFY2(uid2.startsWith(QLatin1String("2.25.")) && uid2.size() > 20, qPrintable(uid2));
        QVERIFY(uid1 != uid2);
        QCOMPARE(studyUid(pg, QStringLiteral("sub_01")), uid1);
        QCOMPARE(studyUid(pg, QStringLiteral("sub_02")), uid2);
        QCOMPARE(DicomTools::value(*first[2], DCM_StudyInstanceUID), keptUid);

        const Answers second = find(server, {}, QStringLiteral("second"));
        QCOMPARE(printed(second), printed(first));
        QCOMPARE(studyUid(pg, QStringLiteral("sub_01")), uid1);
        // A query by the new UID finds its row.
        const Answers byUid
            = find(server, { QStringLiteral("StudyInstanceUID=") + uid2 }, QStringLiteral("byuid"));
        QCOMPARE(patientIds(byUid), ids({ "sub_02" }));
    }

    // N-CREATE (IN PROGRESS) then N-SET (COMPLETED): the MPPS instance in lantir_mpps and the
    // worklist item's status in PostgreSQL, the server's signals, and the answers after each step.
    void mppsInProgressThenCompletedIsRecordedInPostgres()
    {
        QString tool;
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("findscu"));
        const DatabaseTarget pg = newDatabase();
        QString error;
        QVERIFY2(write(pg, fourVisits(), &error), qPrintable(error));
        const qint64 id = itemId(pg, QStringLiteral("sub_01"));
        const QString uid = studyUid(pg, QStringLiteral("sub_01"));
        const QString pps = QStringLiteral("1.2.826.0.1.3680043.10.2.1");
        DicomServer server;
        VERIFY_OK(server.start(config(), pg));
        QSignalSpy changes(&server, &DicomServer::mppsChanged);
        DicomTestClient client(server.port());
        QVERIFY(client.connect());

        auto created = Lantir::Test::mppsInProgress(uid, QStringLiteral("SPS%1").arg(id));
        QCOMPARE(client.nCreate(pps, *created), 0x0000);
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_01")), QStringLiteral("IN_PROGRESS"));
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_02")), QStringLiteral("SCHEDULED"));
        const QString mpps
            = QStringLiteral(
                  "SELECT status || '|' || worklist_item_id || '|' || calling_aet || '|' || start_date "
                  "|| '|' || start_time || '|' || coalesce(end_date, '-') FROM lantir_mpps WHERE "
                  "sop_instance_uid = '%1'")
                  .arg(pps);
        QCOMPARE(query(pg, mpps), QStringLiteral("IN PROGRESS|%1|SCANNER|20250401|103500|-").arg(id));
        QCOMPARE(client.nCreate(pps, *created), 0x0111); // the same instance again

        const QStringList sub01 { QStringLiteral("PatientID=sub_01") };
        const Answers started = find(server, sub01, QStringLiteral("started"));
        QCOMPARE(started.size(), std::size_t(1));
        QCOMPARE(DicomTools::stepValue(*started.front(), DCM_ScheduledProcedureStepStatus),
                 QStringLiteral("STARTED"));

        auto completed = Lantir::Test::mppsFinal(QStringLiteral("COMPLETED"));
        QCOMPARE(client.nSet(pps, *completed), 0x0000);
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_01")), QStringLiteral("COMPLETED"));
        QCOMPARE(query(pg, mpps), QStringLiteral("COMPLETED|%1|SCANNER|20250401|103500|20250401").arg(id));
        QCOMPARE(
            query(pg,
                  QStringLiteral("SELECT end_time FROM lantir_mpps WHERE sop_instance_uid = '%1'").arg(pps)),
            QStringLiteral("110000"));
        auto discontinued = Lantir::Test::mppsFinal(QStringLiteral("DISCONTINUED"));
        QCOMPARE(client.nSet(pps, *discontinued), 0x0110); // final already
        QCOMPARE(client.nSet(QStringLiteral("1.2.3.999"), *discontinued), 0x0112); // unknown instance
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_01")), QStringLiteral("COMPLETED"));
        QCOMPARE(query(pg, QStringLiteral("SELECT count(*) FROM lantir_mpps")), QStringLiteral("1"));
        client.release();

        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, int(TestEnvironment::scaledMs(5000)));
        QCOMPARE(changes.at(0).at(0).toString(), pps);
        QCOMPARE(changes.at(0).at(1).toString(), QStringLiteral("IN PROGRESS"));
        QCOMPARE(changes.at(0).at(2).toLongLong(), id);
        QCOMPARE(changes.at(0).at(3).toString(), QStringLiteral("IN_PROGRESS"));
        QCOMPARE(changes.at(1).at(1).toString(), QStringLiteral("COMPLETED"));
        QCOMPARE(changes.at(1).at(3).toString(), QStringLiteral("COMPLETED"));
        // The completed step has left the worklist; the others are still on it.
        QCOMPARE(find(server, sub01, QStringLiteral("completed")).size(), std::size_t(0));
        QCOMPARE(patientIds(find(server, {}, QStringLiteral("rest"))), ids({ "sub_02", "sub_03", "sub_04" }));
    }

    // Two servers (two nodes) on one database: the same answers from both, a Study Instance UID
    // stored once when both answer the row at the same moment, an MPPS begun on one and finished on
    // the other, and the same instance created on both at once recorded exactly once.
    void twoNodesServeOneDatabase()
    {
        QString tool;
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("findscu"));
        const DatabaseTarget pg = newDatabase();
        QString error;
        QVERIFY2(write(pg, fourVisits(), &error), qPrintable(error));
        DicomServer nodeA;
        VERIFY_OK(nodeA.start(config(), pg));
        DicomServer nodeB;
        VERIFY_OK(nodeB.start(config(), pg));
        QVERIFY(nodeA.port() != nodeB.port());

        const Answers fromA = find(nodeA, {}, QStringLiteral("a"));
        const Answers fromB = find(nodeB, {}, QStringLiteral("b"));
        QCOMPARE(patientIds(fromA), ids({ "sub_01", "sub_02", "sub_03", "sub_04" }));
        QCOMPARE(printed(fromB), printed(fromA));

        // Both nodes answer a row without a UID at once, five times over: each time both give the
        // one UID that is stored.
        DicomTestClient scannerA(nodeA.port(), QStringLiteral("SCANNER_A"));
        DicomTestClient scannerB(nodeB.port(), QStringLiteral("SCANNER_B"));
        QVERIFY(scannerA.connect());
        QVERIFY(scannerB.connect());
        // Each thread sends its own dataset: DCMTK keeps encoding state in the dataset it writes.
        const std::unique_ptr<DcmDataset> byPatient[2] = { clientQuery(), clientQuery() };
        for (const auto& q : byPatient)
            q->putAndInsertString(DCM_PatientID, "sub_03");
        for (int round = 0; round < 5; ++round) {
            QCOMPARE(
                query(pg,
                      QStringLiteral("UPDATE worklist_items SET study_instance_uid = '' WHERE patient_id "
                                     "= 'sub_03' RETURNING patient_id")),
                QStringLiteral("sub_03"));
            DicomTestClient::FindOutcome outcomes[2];
            std::thread a([&] { outcomes[0] = scannerA.find(*byPatient[0]); });
            std::thread b([&] { outcomes[1] = scannerB.find(*byPatient[1]); });
            a.join();
            b.join();
            const QString stored = studyUid(pg, QStringLiteral("sub_03"));
            QVERIFY2(stored.startsWith(QLatin1String("2.25.")), qPrintable(stored));
            for (const auto& outcome : outcomes) {
                QCOMPARE(outcome.finalStatus, 0x0000);
                QCOMPARE(outcome.answers.size(), std::size_t(1));
                QCOMPARE(DicomTools::value(*outcome.answers.front(), DCM_StudyInstanceUID), stored);
            }
        }

        // An MPPS begun on node A shows on node B's worklist, and node B completes it.
        const qint64 id = itemId(pg, QStringLiteral("sub_01"));
        const QString pps = QStringLiteral("1.2.826.0.1.3680043.10.2.2");
        auto created = Lantir::Test::mppsInProgress(studyUid(pg, QStringLiteral("sub_01")),
                                                    QStringLiteral("SPS%1").arg(id));
        QCOMPARE(scannerA.nCreate(pps, *created), 0x0000);
        const QStringList sub01 { QStringLiteral("PatientID=sub_01") };
        const Answers startedOnB = find(nodeB, sub01, QStringLiteral("b-started"));
        QCOMPARE(startedOnB.size(), std::size_t(1));
        QCOMPARE(DicomTools::stepValue(*startedOnB.front(), DCM_ScheduledProcedureStepStatus),
                 QStringLiteral("STARTED"));
        auto completed = Lantir::Test::mppsFinal(QStringLiteral("COMPLETED"));
        QCOMPARE(scannerB.nSet(pps, *completed), 0x0000);
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_01")), QStringLiteral("COMPLETED"));
        QCOMPARE(query(pg,
                       QStringLiteral("SELECT status || '|' || worklist_item_id FROM lantir_mpps WHERE "
                                      "sop_instance_uid = '%1'")
                           .arg(pps)),
                 QStringLiteral("COMPLETED|%1").arg(id));
        QCOMPARE(find(nodeA, sub01, QStringLiteral("a-completed")).size(), std::size_t(0));
        QCOMPARE(patientIds(find(nodeA, {}, QStringLiteral("a-rest"))),
                 patientIds(find(nodeB, {}, QStringLiteral("b-rest"))));

        // The same instance sent to both nodes at once: one records it, the other finds it there
        // (the nodes' writes queue on PostgreSQL's write lock as on one SQLite file).
        const qint64 other = itemId(pg, QStringLiteral("sub_02"));
        const QString otherUid = studyUid(pg, QStringLiteral("sub_02"));
        const std::unique_ptr<DcmDataset> second[2]
            = { Lantir::Test::mppsInProgress(otherUid, QStringLiteral("SPS%1").arg(other)),
                Lantir::Test::mppsInProgress(otherUid, QStringLiteral("SPS%1").arg(other)) };
        for (int round = 0; round < 10; ++round) {
            const QString instance = QStringLiteral("1.2.826.0.1.3680043.10.3.%1").arg(round + 1);
            int statuses[2] = { -1, -1 };
            std::thread a([&] { statuses[0] = scannerA.nCreate(instance, *second[0]); });
            std::thread b([&] { statuses[1] = scannerB.nCreate(instance, *second[1]); });
            a.join();
            b.join();
            std::sort(std::begin(statuses), std::end(statuses));
            QCOMPARE(statuses[0], 0x0000);
            QCOMPARE(statuses[1], 0x0111);
            QCOMPARE(query(pg,
                           QStringLiteral("SELECT count(*) FROM lantir_mpps WHERE sop_instance_uid = '%1'")
                               .arg(instance)),
                     QStringLiteral("1"));
        }
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_02")), QStringLiteral("IN_PROGRESS"));
        QCOMPARE(query(pg, QStringLiteral("SELECT count(*) FROM lantir_mpps")), QStringLiteral("11"));
        scannerA.release();
        scannerB.release();
    }

    // A role that may read and write the worklist but not create anything (PostgreSQL 15 gives
    // others no CREATE on the public schema): once the database has every table, the worklist
    // server starts under that role and serves, without trying to create what exists.
    void serverRunsUnderARoleWithoutCreateRights()
    {
        QString tool;
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("findscu"));
        const DatabaseTarget owner = newDatabase();
        QString error;
        QVERIFY2(write(owner, fourVisits(), &error), qPrintable(error));
        {
            DicomServer prepared; // as the owner: creates lantir_mpps and the date index
            VERIFY_OK(prepared.start(config(), owner));
        }
        const QStringList grants {
            QStringLiteral("CREATE ROLE scanner_node LOGIN PASSWORD 'node-secret'"),
            QStringLiteral("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
            QStringLiteral("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO scanner_node"),
            QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO scanner_node"),
        };
        for (const QString& grant : grants)
            QCOMPARE(query(owner, grant), QString());
        DatabaseTarget node = owner;
        node.postgres.user = QStringLiteral("scanner_node");
        node.password = QStringLiteral("node-secret");
        QCOMPARE(query(node, QStringLiteral("SELECT has_schema_privilege('public', 'CREATE')")),
                 QStringLiteral("false"));
        DicomServer server;
        VERIFY_OK(server.start(config(), node));
        QCOMPARE(patientIds(find(server, {}, QStringLiteral("no-create"))),
                 ids({ "sub_01", "sub_02", "sub_03", "sub_04" }));
    }

    // A database that does not exist is the operator's to mend: start() fails at once and says
    // where it looked.
    void missingDatabaseFailsStart()
    {
        DatabaseTarget target = newDatabase();
        target.postgres.name = QStringLiteral("no_such_worklist");
        DicomServer server;
        QElapsedTimer timer;
        timer.start();
        const Result<void> started = server.start(config(), target);
        QVERIFY(!started.ok());
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(5000),
                 qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(started.error().kind, Error::Kind::Database);
        const QString message = started.error().message;
        QVERIFY2(message.contains(QLatin1String("does not exist")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("postgresql://lantir@127.0.0.1:%1/no_such_worklist")
                                      .arg(target.postgres.port)),
                 qPrintable(message));
        QVERIFY(!server.isRunning());
        QCOMPARE(server.activeAssociations(), 0);
    }

    // PostgreSQL is down when the worklist server starts (a machine booting before its database
    // server): it starts at once all the same and answers C-ECHO; C-FIND gets a failure status
    // until PostgreSQL is back, when the first association prepares the database (the MPPS table
    // and the date index) and is answered, with no restart of the worklist server.
    void unreachableDatabaseAtStartIsPreparedWhenReached()
    {
        QString tool;
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("findscu"));
        const DatabaseTarget pg = newDatabase();
        QString error;
        QVERIFY2(write(pg, fourVisits(), &error), qPrintable(error));
        QCOMPARE(query(pg, QStringLiteral("SELECT to_regclass('lantir_mpps') IS NULL")),
                 QStringLiteral("true"));
        QVERIFY2(m_server.stop(), qPrintable(m_server.errorString()));

        DicomServer server;
        QElapsedTimer timer;
        timer.start();
        VERIFY_OK(server.start(config(), pg));
        QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(5000),
                 qPrintable(QString::number(timer.elapsed())));
        QVERIFY(server.isRunning());
        QCOMPARE(DicomTools::echo(server.port()).exitCode, 0);
        DicomTools::Run run;
        QCOMPARE(find(server, {}, QStringLiteral("unreachable"), &run).size(), std::size_t(0));
        QVERIFY2(run.output.contains(QLatin1String("Received Final Find Response (Failed: UnableToProcess)")),
                 qPrintable(run.output));

        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QCOMPARE(m_server.port(), quint16(pg.postgres.port));
        QCOMPARE(patientIds(find(server, {}, QStringLiteral("reached"))),
                 ids({ "sub_01", "sub_02", "sub_03", "sub_04" }));
        QCOMPARE(query(pg, QStringLiteral("SELECT count(*) FROM lantir_mpps")), QStringLiteral("0"));
        QCOMPARE(
            query(pg, QStringLiteral("SELECT to_regclass('lantir_worklist_items_sps_date') IS NOT NULL")),
            QStringLiteral("true"));
    }

    // PostgreSQL restarts (cleanly, then after a crash) under a running server with associations
    // open: a new association is answered as before, and so is the next request on an association
    // that was open all along, C-FIND and MPPS alike. While the database is down a request gets a
    // failure status and the association goes on.
    void associationsAreAnsweredAgainAfterPostgresRestarts()
    {
        QString tool;
        LANTIR_REQUIRE_TOOL(tool, QStringLiteral("findscu"));
        const DatabaseTarget pg = newDatabase();
        QString error;
        QVERIFY2(write(pg, fourVisits(), &error), qPrintable(error));
        DicomServer server;
        VERIFY_OK(server.start(config(), pg));
        const Answers before = find(server, {}, QStringLiteral("before"));
        QCOMPARE(patientIds(before), ids({ "sub_01", "sub_02", "sub_03", "sub_04" }));
        DicomTestClient held(server.port(), QStringLiteral("HELD"));
        QVERIFY(held.connect());
        const auto everything = clientQuery();
        QCOMPARE(held.find(*everything).answers.size(), std::size_t(4));
        auto created
            = Lantir::Test::mppsInProgress(studyUid(pg, QStringLiteral("sub_01")),
                                           QStringLiteral("SPS%1").arg(itemId(pg, QStringLiteral("sub_01"))));
        QCOMPARE(held.nCreate(QStringLiteral("1.2.826.0.1.3680043.10.4.1"), *created), 0x0000);

        QString why;
        QVERIFY2(restartPostgres(&why), qPrintable(why));
        // A new association.
        DicomTools::Run run;
        const Answers fresh = find(server, {}, QStringLiteral("after-restart"), &run);
        QVERIFY2(run.output.contains(QLatin1String("Received Final Find Response (Success)")),
                 qPrintable(run.output));
        QCOMPARE(patientIds(fresh), patientIds(before));
        QCOMPARE(DicomTools::stepValue(*fresh.front(), DCM_ScheduledProcedureStepStatus),
                 QStringLiteral("STARTED"));
        // The association that was open across the restart.
        const DicomTestClient::FindOutcome again = held.find(*everything);
        QCOMPARE(again.finalStatus, 0x0000);
        QCOMPARE(again.answers.size(), std::size_t(4));
        auto completed = Lantir::Test::mppsFinal(QStringLiteral("COMPLETED"));
        QCOMPARE(held.nSet(QStringLiteral("1.2.826.0.1.3680043.10.4.1"), *completed), 0x0000);
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_01")), QStringLiteral("COMPLETED"));

        // An MPPS as the first request after a restart, on an association open across it.
        DicomTestClient mppsOnly(server.port(), QStringLiteral("MPPSONLY"));
        QVERIFY(mppsOnly.connect());
        auto unknown = Lantir::Test::mppsFinal(QStringLiteral("COMPLETED"));
        QCOMPARE(mppsOnly.nSet(QStringLiteral("1.2.3.999"), *unknown), 0x0112); // its connection is open
        auto second
            = Lantir::Test::mppsInProgress(studyUid(pg, QStringLiteral("sub_02")),
                                           QStringLiteral("SPS%1").arg(itemId(pg, QStringLiteral("sub_02"))));
        auto third
            = Lantir::Test::mppsInProgress(studyUid(pg, QStringLiteral("sub_03")),
                                           QStringLiteral("SPS%1").arg(itemId(pg, QStringLiteral("sub_03"))));
        QVERIFY2(restartPostgres(&why), qPrintable(why));
        QCOMPARE(mppsOnly.nCreate(QStringLiteral("1.2.826.0.1.3680043.10.4.2"), *second), 0x0000);
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_02")), QStringLiteral("IN_PROGRESS"));

        // Down: a failure status, on new and open associations alike, and nothing else breaks.
        QVERIFY2(m_server.kill(), qPrintable(m_server.errorString()));
        const Answers whileDown = find(server, {}, QStringLiteral("down"), &run);
        QCOMPARE(whileDown.size(), std::size_t(0));
        QVERIFY2(run.output.contains(QLatin1String("Received Final Find Response (Failed: UnableToProcess)")),
                 qPrintable(run.output));
        const DicomTestClient::FindOutcome down = held.find(*everything);
        QCOMPARE(down.finalStatus, int(STATUS_FIND_Failed_UnableToProcess));
        QCOMPARE(down.answers.size(), std::size_t(0));
        QCOMPARE(mppsOnly.nCreate(QStringLiteral("1.2.826.0.1.3680043.10.4.3"), *third), 0x0110);
        QCOMPARE(DicomTools::echo(server.port()).exitCode, 0);

        // Back after the crash, on the same port: both associations are served again.
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QCOMPARE(m_server.port(), quint16(pg.postgres.port));
        QCOMPARE(held.find(*everything).answers.size(), std::size_t(3));
        QCOMPARE(mppsOnly.nCreate(QStringLiteral("1.2.826.0.1.3680043.10.4.3"), *third), 0x0000);
        QCOMPARE(itemStatus(pg, QStringLiteral("sub_03")), QStringLiteral("IN_PROGRESS"));
        QCOMPARE(patientIds(find(server, {}, QStringLiteral("back"))), ids({ "sub_02", "sub_03", "sub_04" }));
        held.release();
        mppsOnly.release();
        QCOMPARE(query(pg,
                       QStringLiteral(
                           "SELECT string_agg(status, ',' ORDER BY sop_instance_uid) FROM lantir_mpps")),
                 QStringLiteral("COMPLETED,IN PROGRESS,IN PROGRESS"));
    }
};

QTEST_GUILESS_MAIN(TestDicomPostgres)
#include "tst_dicompostgres.moc"
