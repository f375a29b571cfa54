// lantir-dicom-bench: the worklist server's C-FIND times and memory, for docs/PERFORMANCE.md.
// A worklist of 100,000 rows (about 20 per day) in a real SQLite file, the server on 127.0.0.1 and a
// scanner client on the same host (times are round trips, an upper bound of the server's share):
//   - one day's worklist (a date key, about 20 answers), p50 and p95;
//   - a universal query answering max_answers = 1,000, p50 and p95;
//   - RSS of the process before the server starts, with it idle, and across 10,000 queries.
//   lantir-dicom-bench [--rows N] [--queries N] [--folder DIR]
#include "DicomTestClient.h"
#include "dicom/DicomServer.h"
#include "memory/MemoryProbe.h"
#include "store/WorklistStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <mutex>
#include <vector>

using namespace Lantir;

namespace {
QTextStream out(stdout);

bool fill(const QString& path, int rows)
{
    WorklistStore store;
    if (!store.open(path))
        return false;
    QSqlDatabase db = store.database();
    QSqlQuery q(db);
    q.exec(QStringLiteral("BEGIN"));
    q.prepare(
        QStringLiteral("INSERT INTO worklist_items (patient_name, patient_id, patient_weight_lb, modality, "
                       "study_instance_uid, scheduled_start_date, scheduled_start_time, "
                       "scheduled_station_aetitle, performed_procedure_step_status) VALUES "
                       "(?, ?, '150', 'MR', ?, ?, ?, 'MRI1', 'SCHEDULED')"));
    const QDate first(2020, 1, 1);
    for (int i = 0; i < rows; ++i) {
        q.addBindValue(QStringLiteral("cpip-id-%1^fa-%2").arg(i).arg(i % 97));
        q.addBindValue(QStringLiteral("sub_%1_ses_1_fam_%2_site_792").arg(i).arg(i % 97));
        q.addBindValue(QStringLiteral("2.25.%1").arg(1000000 + i));
        q.addBindValue(first.addDays(i / 20).toString(QStringLiteral("yyyy-MM-dd")));
        q.addBindValue(QStringLiteral("%1:%2")
                           .arg(8 + (i % 20) / 2, 2, 10, QLatin1Char('0'))
                           .arg((i % 2) * 30, 2, 10, QLatin1Char('0')));
        if (!q.exec())
            return false;
    }
    return q.exec(QStringLiteral("COMMIT"));
}

// Server-side times (request received to final answer sent), as the server reports them.
std::mutex s_serverMutex;
std::vector<double> s_serverMs;

struct Percentiles
{
    double p50 = 0;
    double p95 = 0;
    std::size_t answers = 0;
    double roundTripP50 = 0;
    double roundTripP95 = 0;
};

Percentiles timeQueries(Test::DicomTestClient& client, DcmDataset& query, int runs)
{
    std::vector<double> ms;
    std::size_t answers = 0;
    {
        std::lock_guard<std::mutex> lock(s_serverMutex);
        s_serverMs.clear();
    }
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        answers = client.find(query).answers.size();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::lock_guard<std::mutex> lock(s_serverMutex);
    std::sort(ms.begin(), ms.end());
    std::sort(s_serverMs.begin(), s_serverMs.end());
    auto p = [](const std::vector<double>& v, std::size_t pct) {
        return v.empty() ? 0.0 : v[std::min(v.size() - 1, v.size() * pct / 100)];
    };
    return { p(s_serverMs, 50), p(s_serverMs, 95), answers, p(ms, 50), p(ms, 95) };
}

std::unique_ptr<DcmDataset> dayQuery(const QString& day)
{
    auto query = std::make_unique<DcmDataset>();
    for (const DcmTagKey& key : { DCM_PatientName, DCM_PatientID, DCM_PatientWeight, DCM_StudyInstanceUID,
                                  DCM_AccessionNumber, DCM_RequestedProcedureID })
        query->insertEmptyElement(key);
    DcmItem* step = nullptr;
    query->findOrCreateSequenceItem(DCM_ScheduledProcedureStepSequence, step);
    step->putAndInsertString(DCM_ScheduledProcedureStepStartDate, day.toLatin1().constData());
    step->putAndInsertString(DCM_ScheduledStationAETitle, "MRI1");
    step->insertEmptyElement(DCM_ScheduledProcedureStepStartTime);
    step->insertEmptyElement(DCM_Modality);
    step->insertEmptyElement(DCM_ScheduledProcedureStepID);
    return query;
}
} // namespace

int main(int argc, char** argv)
{
    Dicom::preferStandardDictionary(); // as lantir-sync and lantir do
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("Worklist rows."),
                                     QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption queriesOpt(QStringLiteral("queries"), QStringLiteral("Queries for the RSS run."),
                                        QStringLiteral("N"), QStringLiteral("10000"));
    parser.addOptions({ rowsOpt, queriesOpt });
    parser.addHelpOption();
    parser.process(app);
    const int rows = parser.value(rowsOpt).toInt();
    const int queries = parser.value(queriesOpt).toInt();

    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("worklist.db"));
    if (!fill(db, rows)) {
        out << "could not fill " << db << "\n";
        return 1;
    }
    MemoryProbe::releaseFreeMemoryKb();
    const qint64 before = MemoryProbe::currentRssKb();
    // DCMTK's data dictionary, which any DICOM code of the process loads once, on its own.
    if (!Dicom::checkDataDictionary().ok())
        return 1;
    MemoryProbe::releaseFreeMemoryKb();
    const qint64 dictionary = MemoryProbe::currentRssKb();
    DicomConfig config;
    config.enabled = true;
    config.port = 0;
    config.bindAddress = QStringLiteral("127.0.0.1");
    Dicom::DicomServer server;
    if (const auto started = server.start(config, db); !started) {
        out << started.error().message << "\n";
        return 1;
    }
    MemoryProbe::releaseFreeMemoryKb();
    const qint64 idle = MemoryProbe::currentRssKb();

    QObject::connect(
        &server, &Dicom::DicomServer::queryAnswered, &server,
        [](const QString&, int, qint64 elapsedUs) {
            std::lock_guard<std::mutex> lock(s_serverMutex);
            s_serverMs.push_back(double(elapsedUs) / 1000.0);
        },
        Qt::DirectConnection);
    Test::DicomTestClient client(server.port());
    if (!client.connect())
        return 1;
    auto day = dayQuery(QDate(2020, 1, 1).addDays(rows / 40).toString(QStringLiteral("yyyyMMdd")));
    const Percentiles oneDay = timeQueries(client, *day, 200);
    DcmDataset universal;
    universal.insertEmptyElement(DCM_PatientID);
    universal.insertEmptyElement(DCM_PatientName);
    DcmItem* step = nullptr;
    universal.findOrCreateSequenceItem(DCM_ScheduledProcedureStepSequence, step);
    const Percentiles thousand = timeQueries(client, universal, 30);

    for (int i = 0; i < 200; ++i) // warm-up: allocator pools, statement caches
        client.find(*day);
    MemoryProbe::releaseFreeMemoryKb();
    const qint64 warm = MemoryProbe::currentRssKb();
    for (int i = 0; i < queries; ++i)
        client.find(*day);
    MemoryProbe::releaseFreeMemoryKb();
    const qint64 after = MemoryProbe::currentRssKb();
    client.release();
    server.stop();

    out << QStringLiteral("rows %1\n").arg(rows);
    for (const auto& [name, figures] :
         { std::pair { "one day", oneDay }, std::pair { "universal", thousand } })
        out << QStringLiteral(
                   "%1 (%2 answers): server p50 %3 ms, p95 %4 ms; round trip p50 %5 ms, p95 %6 ms\n")
                   .arg(QLatin1String(name))
                   .arg(figures.answers)
                   .arg(figures.p50, 0, 'f', 2)
                   .arg(figures.p95, 0, 'f', 2)
                   .arg(figures.roundTripP50, 0, 'f', 2)
                   .arg(figures.roundTripP95, 0, 'f', 2);
    out << QStringLiteral(
               "RSS: before the server %1 KB, with DCMTK's dictionary %2 KB (+%3 KB), server idle %4 "
               "KB (+%5 KB more); %6 queries: %7 KB -> %8 KB (%9 KB)\n")
               .arg(before)
               .arg(dictionary)
               .arg(dictionary - before)
               .arg(idle)
               .arg(idle - dictionary)
               .arg(queries)
               .arg(warm)
               .arg(after)
               .arg(after - warm);
    return 0;
}
