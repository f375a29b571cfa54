#pragma once

#include "RecordChurn.h"
#include "SimulatorTruth.h"
#include "WorklistTruthChecker.h"
#include "store/CycleReport.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

namespace Lantir::Test {

struct ChurnSoakOptions
{
    QString lantirSync; // the lantir-sync executable
    QString workDir; // config, token, database, report and log go here (it must exist)
    int cycles = 10000;
    int records = 2000; // records of the simulated project at the start
    int scansPerRecord = 2;
    int changesPerCycle = 20; // RecordChurn changes when each cycle starts (from cycle 2 on)
    quint32 seed = 1; // of the project and of the churn
    int batchSize = 500;
    int overlapSeconds = 0; // schedule.overlap_s: 0 leaves no margin for a window that misses an edit
    int maxDiff = 20; // lines of the checker's diff
    int timeoutMs = -1; // for the whole lantir-sync run; -1: none
    // Called about every `progressIntervalMs` while lantir-sync runs, with the cycles reported so far.
    std::function<void(int cyclesDone)> progress;
    int progressIntervalMs = 10000;
};

struct ChurnSoakResult
{
    QString error; // why the soak could not run or did not finish (empty when it did)
    int exitCode = -1; // of lantir-sync
    qint64 wallMs = 0; // lantir-sync from start to exit
    QList<CycleReport> reports; // one per cycle, from --report
    int failedCycles = 0;
    QMap<QString, int> warningsByCategory; // log lines at warning level or above, per logging category
    QStringList firstWarnings; // the first few of them
    RecordChurn::Stats churn;
    SimulatorTruth truth;
    TruthCheck check;
    QString databasePath;
    QString logPath;

    bool passed(int cycles) const;
};

// The churn soak shared by lantir-bench --churn-soak and tst_churnsoak: a REDCap simulator
// (in this process, on its own thread) whose records change before every cycle (RecordChurn),
// the real `lantir-sync --cycles N --report` against it into a new database, then
// WorklistTruthChecker against the simulator's truth.
class ChurnSoak
{
public:
    static ChurnSoakResult run(const ChurnSoakOptions& options);
};

} // namespace Lantir::Test
