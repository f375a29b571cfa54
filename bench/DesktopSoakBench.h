#pragma once

#include "BenchOptions.h"

#include <QList>
#include <QTextStream>

namespace Lantir::Bench {

struct SyncRun;

// The desktop app's RSS over a long run: medians of an early and a late stretch of cycles
// (cycles 100-199 and the last hundred of a run of 1,000 or more; the second tenth and the last
// tenth of a shorter one), as measured on its GUI thread once the window had taken each cycle in.
struct DesktopSoakFigures
{
    int cycles = 0;
    int failed = 0;
    int earlyFirst = 0, earlyLast = 0, lateFirst = 0, lateLast = 0; // 1-based, inclusive
    double earlyRssKb = -1, lateRssKb = -1;
    double earlyHeapKb = -1, lateHeapKb = -1;
    double medianCycleMs = 0;

    static DesktopSoakFigures compute(const SyncRun& run);
    double growthKb() const { return lateRssKb - earlyRssKb; }
};

// lantir-bench --desktop N: starts the simulator with --desktop-records records, runs the real
// desktop app `lantir` offscreen with --cycles N --full --report, and prints the figures above
// against the target (at most 1 MB between the two medians); writes desktop-soak.md, the
// per-cycle desktop-soak.csv and the plot rss-desktop.png to the output folder. Returns 0 when
// every cycle ran and succeeded.
class DesktopSoakBench
{
public:
    static int run(const BenchOptions& options, QTextStream& out);
};

} // namespace Lantir::Bench
