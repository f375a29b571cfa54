#pragma once

#include <QList>
#include <QString>

namespace Lantir::Bench {

struct BenchOptions
{
    QList<int> projectSizes { 10000, 20000, 100000 };
    QList<int> batchSizes { 500 };
    int cycles = 30; // full-export cycles per matrix cell
    int scansPerRecord = 2; // 3 rows per record with the baseline
    int soakCycles = 0; // > 0: one long run (20,000 records, batch 500) for the flatness figure
    int soakRecords = 20000;
    // > 1: every cell and the soak run again with this many REDCap projects (each its own
    // simulator of the same size, its own token) synced by one lantir-sync into one database.
    int sources = 1;
    // Every cell again with the worklist in a PostgreSQL server the bench starts (initdb and
    // pg_ctl on 127.0.0.1), beside the SQLite run.
    bool postgres = false;
    // > 0: only the churn soak (records change before every cycle, the truth checked at the end).
    int churnSoakCycles = 0;
    int churnRecords = 2000;
    int churnChanges = 20; // changes per cycle
    quint32 churnSeed = 1;
    int churnOverlapSeconds = 0;
    // > 0: only the desktop soak: the real app offscreen for N cycles (full exports back to back).
    int desktopCycles = 0;
    int desktopRecords = 2000;
    QString outputDir = QStringLiteral("bench-results");
    QString syncBinary; // lantir-sync; default: next to this program's build tree
    QString simulatorBinary; // lantir-redcap-sim
    QString desktopBinary; // lantir (the desktop app), for --desktop

    bool parse(const QStringList& arguments, QString* error);
};

} // namespace Lantir::Bench
