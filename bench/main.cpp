// lantir-bench: the memory and speed benchmark of docs/PERFORMANCE.md.
//   build/bench/lantir-bench
//       short matrix (10k, 20k, 100k records; batch 500; 30 cycles)
//   build/bench/lantir-bench --soak 1000
//       adds the long flatness soak (20,000 records, 1,000 cycles)
//   build/bench/lantir-bench --sizes 2000 --soak 500 --soak-records 2000 --sources 2
//       every cell and the soak once with one REDCap project, then with two in one lantir.json
//   build/bench/lantir-bench --churn-soak 10000 --records 2000 --churn 20
//       only the churn soak, checked against the simulator's truth
//   build/bench/lantir-bench --desktop 1000 --desktop-records 2000
//       only the desktop app's soak: the real app offscreen, its RSS per cycle
//   build/bench/lantir-bench --sizes 10000,20000,100000 --cycles 8 --postgresql
//       every cell on SQLite, then into a PostgreSQL server the bench starts on 127.0.0.1
#include "BenchFigures.h"
#include "BenchOptions.h"
#include "BenchRun.h"
#include "ChurnSoakBench.h"
#include "DesktopSoakBench.h"
#include "PostgresTestServer.h"
#include "RssPlot.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <memory>
#include <vector>

using namespace Lantir::Bench;

namespace {
QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

// The token project `index` (1-based) of a run with several accepts: 32 hexadecimal digits.
QString projectToken(int index)
{
    return QString(32, QLatin1Char("0123456789ABCDEF"[index % 16]));
}

// One cell: `sources` projects of `records` records each (one simulator each), synced by one
// lantir-sync into one database, `cycles` rounds of full exports, then 5 incremental rounds.
bool runCell(const BenchOptions& options, int records, int batch, int cycles, int sources,
             const BenchDatabase& where, const QString& plotPath, CellFigures* figures)
{
    QTemporaryDir work;
    std::vector<std::unique_ptr<SimulatorProcess>> simulators;
    QList<const SimulatorProcess*> projects;
    for (int i = 1; i <= sources; ++i) {
        const QString name = sources == 1 ? QStringLiteral("simulator") : QStringLiteral("project_%1").arg(i);
        simulators.push_back(std::make_unique<SimulatorProcess>(options.simulatorBinary, work.path(), name,
                                                                sources == 1 ? QString() : projectToken(i)));
        QString error;
        if (!simulators.back()->start(records, options.scansPerRecord, &error, quint32(i))) {
            out() << "simulator: " << error << Qt::endl;
            return false;
        }
        projects.append(simulators.back().get());
    }
    const BenchDatabase db = where.isPostgres()
        ? where
        : BenchDatabase(QDir(work.path()).filePath(QStringLiteral("worklist.db")));
    out() << "  " << (sources > 1 ? QStringLiteral("%1 projects x ").arg(sources) : QString()) << records
          << " records, batch " << batch << ", " << db.label() << ": " << cycles << " full cycles ..."
          << Qt::flush;
    const SyncRun full
        = runSync(options.syncBinary, projects, work.path(), db, batch,
                  { QStringLiteral("--cycles"), QString::number(cycles), QStringLiteral("--full") });
    out() << " incremental ..." << Qt::flush;
    const SyncRun incremental = runSync(options.syncBinary, projects, work.path(), db, batch,
                                        { QStringLiteral("--cycles"), QStringLiteral("5") });
    out() << " done (" << full.wallMs / 1000 << " s)" << Qt::endl;
    if (!full.error.isEmpty() || !incremental.error.isEmpty())
        out() << "  warning: " << full.error << ' ' << incremental.error << Qt::endl;
    *figures = computeFigures(records, batch, full.reports, incremental.reports, sources);
    figures->database = db.label();
    figures->fullRunCpuMs = full.cpuUserMs + full.cpuSystemMs;
    figures->fullRunSystemMs = full.cpuSystemMs;
    figures->fullRunServerCpuMs = full.serverCpuMs;
    if (!plotPath.isEmpty()) {
        const QString what = sources > 1
            ? QStringLiteral("%1 projects of %2 records").arg(sources).arg(records)
            : QStringLiteral("%1 records").arg(records);
        drawRssPlot(full.reports,
                    QStringLiteral("lantir-sync RSS per cycle: %1, batch %2, full export every cycle")
                        .arg(what)
                        .arg(batch),
                    plotPath);
    }
    return !full.reports.isEmpty();
}

// The plot of a cell: rss-<records>-<batch>.png, rss-<records>-<batch>-<n>sources.png, with
// -postgresql before .png for the PostgreSQL runs.
QString plotName(const QString& stem, int sources, const BenchDatabase& where = {})
{
    const QString suffix = where.isPostgres() ? QStringLiteral("-postgresql.png") : QStringLiteral(".png");
    return sources > 1 ? QStringLiteral("%1-%2sources%3").arg(stem).arg(sources).arg(suffix) : stem + suffix;
}

// The databases every cell runs on: SQLite, and with --postgresql a fresh database per cell in
// `server` (started here).
bool startPostgres(Lantir::Test::PostgresTestServer& server)
{
    if (server.start())
        return true;
    out() << "PostgreSQL: " << server.errorString() << Qt::endl;
    return false;
}

BenchDatabase postgresCell(Lantir::Test::PostgresTestServer& server, int records, int batch, int sources)
{
    static int cells = 0;
    BenchDatabase db;
    db.name = QStringLiteral("bench_%1_%2_%3_%4").arg(records).arg(batch).arg(sources).arg(++cells);
    if (!server.createDatabase(db.name))
        out() << "PostgreSQL: " << server.errorString() << Qt::endl;
    db.host = server.host();
    db.port = server.port();
    db.user = server.superuser();
    db.passFile = server.passFile();
    db.dataDir = server.dataDir();
    return db;
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
    if (options.desktopCycles > 0)
        return DesktopSoakBench::run(options, out());
    QStringList rows { figuresTableHeader() };
    QStringList cpuRows { cpuTableHeader() };
    bool ok = true;
    // One project, then (with --sources N) N projects, cell by cell: the pair ran side by side.
    QList<int> sourceCounts { 1 };
    if (options.sources > 1)
        sourceCounts.append(options.sources);
    Lantir::Test::PostgresTestServer postgres;
    if (options.postgres && !startPostgres(postgres))
        return 1;
    for (const int records : options.projectSizes) {
        for (const int batch : options.batchSizes) {
            for (const int sources : std::as_const(sourceCounts)) {
                QList<BenchDatabase> databases { BenchDatabase() };
                if (options.postgres)
                    databases.append(postgresCell(postgres, records, batch, sources));
                for (const BenchDatabase& where : std::as_const(databases)) {
                    CellFigures figures;
                    const QString plot = outDir.filePath(
                        plotName(QStringLiteral("rss-%1-%2").arg(records).arg(batch), sources, where));
                    ok = runCell(options, records, batch, options.cycles, sources, where, plot, &figures)
                        && ok;
                    rows.append(figuresTableRow(figures));
                    cpuRows.append(cpuTableRow(figures));
                }
            }
        }
    }
    if (options.soakCycles > 0) {
        out() << "Soak:" << Qt::endl;
        for (const int sources : std::as_const(sourceCounts)) {
            CellFigures figures;
            ok = runCell(options, options.soakRecords, 500, options.soakCycles, sources, BenchDatabase(),
                         outDir.filePath(plotName(QStringLiteral("rss-soak"), sources)), &figures)
                && ok;
            rows.append(figuresTableRow(figures));
            cpuRows.append(cpuTableRow(figures));
            out() << "  median RSS after release, last 10 rounds against rounds 10-19: "
                  << QString::number(figures.medianGrowthReleasedKb, 'f', 0) << " KB" << Qt::endl;
        }
    }
    const QString table = rows.join(QLatin1Char('\n')) + QStringLiteral("\n\nCPU of lantir-sync:\n\n")
        + cpuRows.join(QLatin1Char('\n'));
    out() << '\n' << table << Qt::endl;
    QFile results(outDir.filePath(QStringLiteral("results.md")));
    if (results.open(QIODevice::WriteOnly | QIODevice::Truncate))
        results.write(table.toUtf8() + '\n');
    return ok ? 0 : 1;
}
