#include "DesktopSoakBench.h"

#include "BenchFigures.h"
#include "BenchRun.h"
#include "RssPlot.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace Lantir::Bench {

namespace {
constexpr double TargetGrowthKb = 1024;

double medianOf(const QList<qint64>& values, int first, int last)
{
    QList<double> stretch;
    for (int i = first; i <= last && i <= values.size(); ++i) {
        if (values.at(i - 1) >= 0)
            stretch.append(double(values.at(i - 1)));
    }
    return stretch.isEmpty() ? -1 : median(stretch);
}

bool writeCsv(const SyncRun& run, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    QTextStream csv(&file);
    csv << "cycle,app_rss_kb,app_heap_kb,rss_end_kb,rss_released_kb,duration_ms,ok\n";
    for (int i = 0; i < run.reports.size(); ++i) {
        const CycleReport& r = run.reports.at(i);
        csv << i + 1 << ',' << run.appRssKb.value(i, -1) << ',' << run.appHeapKb.value(i, -1) << ','
            << r.rssEndKb << ',' << r.rssReleasedKb << ',' << r.durationMs << ',' << (r.ok ? 1 : 0) << '\n';
    }
    return csv.status() == QTextStream::Ok;
}

QString figuresText(const BenchOptions& options, const DesktopSoakFigures& f)
{
    const auto mb = [](double kb) { return QString::number(kb / 1024.0, 'f', 2); };
    const bool met = f.earlyRssKb >= 0 && f.lateRssKb >= 0 && f.growthKb() <= TargetGrowthKb;
    return QStringLiteral(
               "Desktop app offscreen, %1 records, a full export every cycle, %2 cycles (%3 failed), median "
               "cycle %4 ms\n\n"
               "| | cycles | RSS median | heap in use median |\n|---|---|---|---|\n"
               "| early | %5-%6 | %7 MB | %8 MB |\n| late | %9-%10 | %11 MB | %12 MB |\n\n"
               "Growth of the RSS median: %13 KB (target at most 1,024 KB): %14\n")
        .arg(options.desktopRecords)
        .arg(f.cycles)
        .arg(f.failed)
        .arg(f.medianCycleMs, 0, 'f', 0)
        .arg(f.earlyFirst)
        .arg(f.earlyLast)
        .arg(mb(f.earlyRssKb), mb(f.earlyHeapKb))
        .arg(f.lateFirst)
        .arg(f.lateLast)
        .arg(mb(f.lateRssKb), mb(f.lateHeapKb))
        .arg(f.growthKb(), 0, 'f', 0)
        .arg(met ? QStringLiteral("met") : QStringLiteral("NOT met"));
}
} // namespace

DesktopSoakFigures DesktopSoakFigures::compute(const SyncRun& run)
{
    DesktopSoakFigures f;
    f.cycles = int(run.reports.size());
    QList<double> durations;
    for (const CycleReport& r : run.reports) {
        f.failed += r.ok ? 0 : 1;
        durations.append(double(r.durationMs));
    }
    f.medianCycleMs = durations.isEmpty() ? 0 : median(durations);
    const int tenth = qMax(1, f.cycles / 10);
    f.earlyFirst = f.cycles >= 1000 ? 100 : tenth + 1;
    f.earlyLast = f.cycles >= 1000 ? 199 : 2 * tenth;
    f.lateFirst = f.cycles >= 1000 ? f.cycles - 99 : f.cycles - tenth + 1;
    f.lateLast = f.cycles;
    f.earlyRssKb = medianOf(run.appRssKb, f.earlyFirst, f.earlyLast);
    f.lateRssKb = medianOf(run.appRssKb, f.lateFirst, f.lateLast);
    f.earlyHeapKb = medianOf(run.appHeapKb, f.earlyFirst, f.earlyLast);
    f.lateHeapKb = medianOf(run.appHeapKb, f.lateFirst, f.lateLast);
    return f;
}

int DesktopSoakBench::run(const BenchOptions& options, QTextStream& out)
{
    QTemporaryDir work;
    SimulatorProcess simulator(options.simulatorBinary, work.path());
    QString error;
    if (!simulator.start(options.desktopRecords, options.scansPerRecord, &error)) {
        out << "simulator: " << error << Qt::endl;
        return 1;
    }
    const QDir dir(work.path());
    out << "Desktop soak: " << options.desktopCycles << " cycles of " << options.desktopRecords
        << " records ..." << Qt::flush;
    // The app logs as it always does (its log view holds the lines); they go to a file here.
    const QDir outDir(options.outputDir);
    const QString log = outDir.filePath(QStringLiteral("desktop-soak.log"));
    const SyncRun run = runSync(
        options.desktopBinary, { &simulator }, work.path(), dir.filePath(QStringLiteral("worklist.db")), 500,
        { QStringLiteral("--cycles"), QString::number(options.desktopCycles), QStringLiteral("--full"),
          QStringLiteral("--settings"), dir.filePath(QStringLiteral("lantir.ini")) },
        log);
    out << " done (" << run.wallMs / 1000 << " s; its log in " << log << ")" << Qt::endl;
    if (!run.error.isEmpty())
        out << "  warning: " << run.error << Qt::endl;
    const DesktopSoakFigures figures = DesktopSoakFigures::compute(run);
    const QString text = figuresText(options, figures);
    out << '\n' << text << Qt::endl;

    QFile md(outDir.filePath(QStringLiteral("desktop-soak.md")));
    if (md.open(QIODevice::WriteOnly | QIODevice::Truncate))
        md.write(text.toUtf8());
    if (!writeCsv(run, outDir.filePath(QStringLiteral("desktop-soak.csv"))))
        out << "  warning: cannot write desktop-soak.csv" << Qt::endl;
    drawRssPlot(
        run.reports,
        QStringLiteral("lantir (desktop, offscreen) RSS per cycle: %1 records, full export every cycle")
            .arg(options.desktopRecords),
        outDir.filePath(QStringLiteral("rss-desktop.png")));
    const bool complete = figures.cycles == options.desktopCycles && figures.failed == 0 && run.exitCode == 0;
    return complete ? 0 : 1;
}

} // namespace Lantir::Bench
