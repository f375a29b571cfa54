#pragma once

#include "BenchOptions.h"
#include "store/CycleReport.h"

#include <QList>
#include <QString>
#include <QTextStream>

namespace Lantir::Bench {

// Memory and time over the cycles of a churn soak.
struct ChurnSoakFigures
{
    int cycles = 0;
    // RSS (KiB) at the end of cycle 10, 1,000 and the last, and after free heap went back to the
    // OS; -1 where the run had fewer cycles.
    qint64 endKb10 = -1, endKb1000 = -1, endKbLast = -1;
    qint64 releasedKb10 = -1, releasedKb1000 = -1, releasedKbLast = -1;
    // RSS after release over cycles 1,000..last: the plateau (-1 with fewer cycles).
    qint64 plateauMinKb = -1, plateauMaxKb = -1;
    double plateauMedianKb = -1;
    // Heap in use over cycles 10..last.
    qint64 heapMinKb = -1, heapMaxKb = -1, heapKb10 = -1, heapKbLast = -1;
    double medianMs = 0, p95Ms = 0, maxMs = 0;
    double medianRequests = 0;
    double medianRecords = 0; // records exported per cycle (the window is whole seconds)

    static ChurnSoakFigures compute(const QList<CycleReport>& reports);
};

// lantir-bench --churn-soak N: runs Lantir::Test::ChurnSoak (lantir-sync --cycles N against the
// churning simulator, then the truth checker), prints errors, the checker's verdict, RSS after
// cycles 10 / 1,000 / N, the heap-in-use spread and cycle times, writes churn-soak.md and the
// RSS plot to the output folder. Returns the exit status: 0 when no cycle failed and the
// database equals the truth.
class ChurnSoakBench
{
public:
    static int run(const BenchOptions& options, QTextStream& out);
};

} // namespace Lantir::Bench
