// lantir-bench: the memory and speed benchmark of docs/PERFORMANCE.md.
//   build/bench/lantir-bench                         short matrix (10k, 20k, 100k records; batch 500; 30
//   cycles) build/bench/lantir-bench --soak 1000             adds the long flatness soak (20,000 records,
//   1,000 cycles) build/bench/lantir-bench --churn-soak 10000 --records 2000 --churn 20
//                                                    only the churn soak, checked against the simulator's
//                                                    truth
#include "BenchFigures.h"
#include "BenchOptions.h"
#include "BenchRun.h"
#include "ChurnSoakBench.h"
#include "RssPlot.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

using namespace Lantir::Bench;

namespace {
QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

bool runCell(const BenchOptions& options, int records, int batch, int cycles, const QString& plotPath,
             CellFigures* figures)
{
    QTemporaryDir work;
    SimulatorProcess simulator(options.simulatorBinary, work.path());
    QString error;
    if (!simulator.start(records, options.scansPerRecord, &error)) {
        out() << "simulator: " << error << Qt::endl;
        return false;
    }
    const QString db = QDir(work.path()).filePath(QStringLiteral("worklist.db"));
    out() << "  " << records << " records, batch " << batch << ": " << cycles << " full cycles ..."
          << Qt::flush;
    const SyncRun full
        = runSync(options.syncBinary, simulator, work.path(), db, batch,
                  { QStringLiteral("--cycles"), QString::number(cycles), QStringLiteral("--full") });
    out() << " incremental ..." << Qt::flush;
    const SyncRun incremental = runSync(options.syncBinary, simulator, work.path(), db, batch,
                                        { QStringLiteral("--cycles"), QStringLiteral("5") });
    out() << " done" << Qt::endl;
    if (!full.error.isEmpty() || !incremental.error.isEmpty())
        out() << "  warning: " << full.error << ' ' << incremental.error << Qt::endl;
    *figures = computeFigures(records, batch, full.reports, incremental.reports);
    if (!plotPath.isEmpty()) {
        drawRssPlot(full.reports,
                    QStringLiteral("lantir-sync RSS per cycle: %1 records, batch %2, full export every cycle")
                        .arg(records)
                        .arg(batch),
                    plotPath);
    }
    return !full.reports.isEmpty();
}
} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    BenchOptions options;
    QString error;
    if (!options.parse(QCoreApplication::arguments(), &error)) {
        QTextStream(stderr) << "lantir-bench: " << error << '\n';
        return 2;
    }
    QDir().mkpath(options.outputDir);
    const QDir outDir(options.outputDir);

    out() << "Machine: " << QSysInfo::prettyProductName() << ", " << QThread::idealThreadCount() << " cores, "
          << QSysInfo::currentCpuArchitecture() << Qt::endl;
    if (options.churnSoakCycles > 0)
        return ChurnSoakBench::run(options, out());
    QStringList rows { figuresTableHeader() };
    bool ok = true;
    for (const int records : options.projectSizes) {
        for (const int batch : options.batchSizes) {
            CellFigures figures;
            const QString plot = outDir.filePath(QStringLiteral("rss-%1-%2.png").arg(records).arg(batch));
            ok = runCell(options, records, batch, options.cycles, plot, &figures) && ok;
            rows.append(figuresTableRow(figures));
        }
    }
    if (options.soakCycles > 0) {
        out() << "Soak:" << Qt::endl;
        CellFigures figures;
        ok = runCell(options, options.soakRecords, 500, options.soakCycles,
                     outDir.filePath(QStringLiteral("rss-soak.png")), &figures)
            && ok;
        rows.append(figuresTableRow(figures));
    }
    const QString table = rows.join(QLatin1Char('\n'));
    out() << '\n' << table << Qt::endl;
    QFile results(outDir.filePath(QStringLiteral("results.md")));
    if (results.open(QIODevice::WriteOnly | QIODevice::Truncate))
        results.write(table.toUtf8() + '\n');
    return ok ? 0 : 1;
}
