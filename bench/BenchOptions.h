#pragma once

#include <QList>
#include <QString>

namespace Lantir::Bench {

struct BenchOptions
{
    QList<int> projectSizes { 10000, 20000, 100000 };
    QList<int> batchSizes { 500 };
    int cycles = 30;          // full-export cycles per matrix cell
    int scansPerRecord = 2;   // 3 rows per record with the baseline
    int soakCycles = 0;       // > 0: one long run (20,000 records, batch 500) for the flatness figure
    int soakRecords = 20000;
    QString outputDir = QStringLiteral("bench-results");
    QString syncBinary;       // lantir-sync; default: next to this program's build tree
    QString simulatorBinary;  // lantir-redcap-sim

    bool parse(const QStringList& arguments, QString* error);
};

} // namespace Lantir::Bench
