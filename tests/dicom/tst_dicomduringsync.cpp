// Eight scanners query the worklist server, each over its own association, while real sync cycles
// write the same database (the REDCap simulator over HTTP on 127.0.0.1): every query ends in
// success with complete answers, none waits on the sync for long, and the list only grows (the
// sync adds rows in whole batches; the server never sees a half-written one). Runs in the TSan
// stage like every suite.
#include "DicomTestClient.h"
#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"
#include "TestSync.h"
#include "dicom/DicomServer.h"
#include "sync/SyncEngine.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <thread>
#include <vector>

using namespace Lantir;
using Lantir::Test::DicomTestClient;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::TestEnvironment;
using Lantir::Test::TestSync;

namespace {
struct ScannerLog
{
    int queries = 0;
    int failures = 0;
    int shrinks = 0; // a query that saw fewer items than the one before
    int incomplete = 0; // answers without a type-1 key
    std::size_t last = 0;
};

void scanner(quint16 port, int index, const std::atomic<bool>& stop, ScannerLog& log)
{
    DicomTestClient client(port, QStringLiteral("SCANNER%1").arg(index));
    if (!client.connect()) {
        ++log.failures;
        return;
    }
    DcmDataset query;
    query.insertEmptyElement(DCM_StudyInstanceUID);
    DcmItem* step = nullptr;
    query.findOrCreateSequenceItem(DCM_ScheduledProcedureStepSequence, step);
    step->insertEmptyElement(DCM_ScheduledProcedureStepID);
    step->insertEmptyElement(DCM_ScheduledStationAETitle);
    while (!stop) {
        const auto outcome = client.find(query);
        ++log.queries;
        if (outcome.finalStatus != 0) {
            ++log.failures;
            continue;
        }
        if (outcome.answers.size() < log.last)
            ++log.shrinks;
        log.last = outcome.answers.size();
        for (const auto& answer : outcome.answers) {
            OFString uid, stepId, station;
            answer->findAndGetOFString(DCM_StudyInstanceUID, uid);
            answer->findAndGetOFString(DCM_ScheduledProcedureStepID, stepId, 0, OFTrue);
            answer->findAndGetOFString(DCM_ScheduledStationAETitle, station, 0, OFTrue);
            if (uid.empty() || stepId.empty() || station.empty())
                ++log.incomplete;
        }
    }
    client.release();
}
} // namespace

class TestDicomDuringSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eightScannersDuringSyncCycles()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("worklist.db"));
        SimulatorThread sim(SimulatorProject { 200, 2, 11, false });
        QVERIFY(sim.isListening());
        SyncEngine engine(TestSync::config(sim->apiUrl(), db, 10, 1, true), RedcapSimulator::defaultToken());

        DicomConfig config;
        config.enabled = true;
        config.port = 0;
        config.bindAddress = QStringLiteral("127.0.0.1");
        Dicom::DicomServer server;
        QVERIFY(server.start(config, db).ok());

        std::atomic<bool> stop { false };
        std::vector<ScannerLog> logs(8);
        std::vector<std::thread> scanners;
        for (int i = 0; i < 8; ++i)
            scanners.emplace_back(scanner, server.port(), i, std::cref(stop), std::ref(logs[std::size_t(i)]));
        for (int cycle = 0; cycle < 3; ++cycle) {
            const CycleReport report = TestSync::run(engine, cycle == 2);
            QVERIFY2(report.ok, qPrintable(report.error));
        }
        stop = true;
        for (auto& thread : scanners)
            thread.join();
        server.stop();

        for (const ScannerLog& log : logs) {
            QVERIFY(log.queries > 0);
            QCOMPARE(log.failures, 0);
            QCOMPARE(log.shrinks, 0);
            QCOMPARE(log.incomplete, 0);
            QCOMPARE(log.last, std::size_t(400)); // 200 records, 2 scans each, all served at the end
        }
    }
};

QTEST_GUILESS_MAIN(TestDicomDuringSync)
#include "tst_dicomduringsync.moc"
