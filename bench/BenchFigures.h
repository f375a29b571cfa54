#pragma once

#include "store/CycleReport.h"

#include <QList>
#include <QString>

namespace Lantir::Bench {

// The figures one matrix cell yields.
struct CellFigures
{
    int records = 0; // per project
    int sources = 1; // projects synced by the one lantir-sync, in turn
    int batchSize = 0;
    QString database = QStringLiteral("SQLite");
    int cycles = 0; // rounds: with several sources, one cycle of each
    double idleRssMb = 0; // RSS before the first cycle did any work
    double peakAboveIdleMb = 0; // highest cycle peak minus idle, over every full cycle
    double firstSyncMs = 0; // cycle 1: full export into an empty database
    double resyncMedianMs = 0; // cycles 2..N: full export, nothing changed
    double incrementalMedianMs = 0;
    int incrementalMaxRequests = 0;
    double fetchMedianMs = 0, mergeMedianMs = 0, writeMedianMs = 0; // re-sync cycles, by phase
    double growthEndKb = 0; // RSS at cycle end: cycle N minus cycle 10 (or 2 when N < 10)
    double growthReleasedKb = 0; // the same after free heap went back to the OS
    double heapDeltaKb = 0; // heap in use, cycle N minus cycle 10
    // With at least 30 rounds: the median RSS after release of the last ten rounds minus that of
    // rounds 10-19 (a soak's flatness, less sensitive to one noisy cycle); 0 otherwise.
    double medianGrowthReleasedKb = 0;
    int failedCycles = 0;
    // CPU time of lantir-sync, user + system, in ms (from each cycle's report), and its system part.
    double firstSyncCpuMs = 0, firstSyncSystemMs = 0; // the first round, every source
    double resyncCpuMedianMs = 0, resyncSystemMedianMs = 0;
    double incrementalCpuMedianMs = 0;
    // The whole `--cycles N --full` run of lantir-sync, start-up and exit included, as the kernel
    // counts it (also for a lantir-sync whose reports carry no CPU figures).
    double fullRunCpuMs = -1, fullRunSystemMs = -1;
    // The PostgreSQL server's CPU over that run (lantir-sync's sessions); -1 on SQLite.
    double fullRunServerCpuMs = -1;
};

double median(QList<double> values);
// `full` and `incremental` hold `sources` reports per round, in turn (one source: one per cycle).
// First sync: the first round (the longest of its cycles); growth: the last round against round 10.
CellFigures computeFigures(int records, int batchSize, const QList<CycleReport>& full,
                           const QList<CycleReport>& incremental, int sources = 1);
QString figuresTableHeader();
QString figuresTableRow(const CellFigures& f);
// The CPU figures, a table of their own.
QString cpuTableHeader();
QString cpuTableRow(const CellFigures& f);

} // namespace Lantir::Bench
