#include "ChurnSoakBench.h"

#include "BenchFigures.h"
#include "ChurnSoak.h"
#include "RssPlot.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdlib>

namespace Lantir::Bench {

namespace {

QString kb(qint64 value)
{
    return value < 0 ? QStringLiteral("-") : QString::number(value);
}

QString signedKb(qint64 from, qint64 to)
{
    if (from < 0 || to < 0)
        return QStringLiteral("-");
    const qint64 delta = to - from;
    return (delta > 0 ? QStringLiteral("+") : QString()) + QString::number(delta);
}

} // namespace

ChurnSoakFigures ChurnSoakFigures::compute(const QList<CycleReport>& reports)
{
    ChurnSoakFigures f;
    f.cycles = static_cast<int>(reports.size());
    auto at = [&reports](int cycle) -> const CycleReport* {
        return cycle >= 1 && cycle <= reports.size() ? &reports[cycle - 1] : nullptr;
    };
    if (const CycleReport* r = at(10)) {
        f.endKb10 = r->rssEndKb;
        f.releasedKb10 = r->rssReleasedKb;
        f.heapKb10 = r->heapInUseKb;
    }
    if (const CycleReport* r = at(1000)) {
        f.endKb1000 = r->rssEndKb;
        f.releasedKb1000 = r->rssReleasedKb;
    }
    if (!reports.isEmpty()) {
        f.endKbLast = reports.constLast().rssEndKb;
        f.releasedKbLast = reports.constLast().rssReleasedKb;
        f.heapKbLast = reports.constLast().heapInUseKb;
    }
    QList<double> durations;
    QList<double> requests;
    QList<double> records;
    for (qsizetype i = 0; i < reports.size(); ++i) {
        const CycleReport& r = reports[i];
        if (i > 0) { // cycle 1 is the first full sync
            durations.append(static_cast<double>(r.durationMs));
            requests.append(r.httpRequests);
            records.append(static_cast<double>(r.records));
        }
        if (i >= 9 && r.heapInUseKb >= 0) {
            f.heapMinKb = f.heapMinKb < 0 ? r.heapInUseKb : std::min(f.heapMinKb, r.heapInUseKb);
            f.heapMaxKb = std::max(f.heapMaxKb, r.heapInUseKb);
        }
    }
    QList<double> plateau;
    for (qsizetype i = 999; i < reports.size(); ++i) {
        const qint64 released = reports[i].rssReleasedKb;
        f.plateauMinKb = f.plateauMinKb < 0 ? released : std::min(f.plateauMinKb, released);
        f.plateauMaxKb = std::max(f.plateauMaxKb, released);
        plateau.append(static_cast<double>(released));
    }
    if (!plateau.isEmpty())
        f.plateauMedianKb = median(plateau);
    f.medianMs = median(durations);
    f.medianRequests = median(requests);
    f.medianRecords = median(records);
    if (!durations.isEmpty()) {
        std::sort(durations.begin(), durations.end());
        f.p95Ms = durations.at(static_cast<qsizetype>(0.95 * static_cast<double>(durations.size() - 1)));
        f.maxMs = durations.constLast();
    }
    return f;
}

int ChurnSoakBench::run(const BenchOptions& options, QTextStream& out)
{
    const QDir outDir(options.outputDir);
    const QString workName
        = QStringLiteral("churn-soak-%1x%2").arg(options.churnRecords).arg(options.churnSoakCycles);
    outDir.mkpath(workName);

    Test::ChurnSoakOptions soak;
    soak.lantirSync = options.syncBinary;
    soak.workDir = outDir.filePath(workName);
    soak.cycles = options.churnSoakCycles;
    soak.records = options.churnRecords;
    soak.scansPerRecord = options.scansPerRecord;
    soak.changesPerCycle = options.churnChanges;
    soak.seed = options.churnSeed;
    soak.batchSize = options.batchSizes.constFirst();
    soak.overlapSeconds = options.churnOverlapSeconds;
    soak.maxDiff = 20;
    QElapsedTimer wall;
    wall.start();
    soak.progress = [&out, &wall, &soak](int done) {
        out << "  " << done << " / " << soak.cycles << " cycles, " << wall.elapsed() / 1000 << " s"
            << Qt::endl;
    };
    soak.progressIntervalMs = 30000;

    const QString setup
        = QStringLiteral("%1 cycles, %2 records at the start (%3 scans each), %4 changes per cycle, seed %5, "
                         "batch %6, overlap %7 s")
              .arg(soak.cycles)
              .arg(soak.records)
              .arg(soak.scansPerRecord)
              .arg(soak.changesPerCycle)
              .arg(soak.seed)
              .arg(soak.batchSize)
              .arg(soak.overlapSeconds);
    out << "Churn soak: " << setup << Qt::endl
        << "  work folder " << QDir::toNativeSeparators(soak.workDir) << Qt::endl;
    const Test::ChurnSoakResult result = Test::ChurnSoak::run(soak);
    const ChurnSoakFigures f = ChurnSoakFigures::compute(result.reports);

    int warnings = 0;
    QStringList warningParts;
    for (auto it = result.warningsByCategory.cbegin(); it != result.warningsByCategory.cend(); ++it) {
        warnings += it.value();
        warningParts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    }
    const int errors
        = result.failedCycles + (result.exitCode == 0 ? 0 : 1) + (result.error.isEmpty() ? 0 : 1);
    const qint64 endGrowth = f.endKb10 >= 0 && f.endKb1000 >= 0 ? f.endKb1000 - f.endKb10 : 0;
    const qint64 releasedGrowth
        = f.releasedKb10 >= 0 && f.releasedKb1000 >= 0 ? f.releasedKb1000 - f.releasedKb10 : 0;
    const bool flat
        = f.releasedKb1000 >= 0 && std::abs(releasedGrowth) <= 1024 && std::abs(endGrowth) <= 1024;

    QStringList lines;
    lines << QStringLiteral("Churn soak: %1").arg(setup);
    lines << QStringLiteral("- lantir-sync: exit %1, %2 cycles reported, %3 failed, wall %4 s%5")
                 .arg(result.exitCode)
                 .arg(f.cycles)
                 .arg(result.failedCycles)
                 .arg(result.wallMs / 1000.0, 0, 'f', 1)
                 .arg(result.error.isEmpty() ? QString()
                                             : QStringLiteral(" (") + result.error + QLatin1Char(')'));
    lines << QStringLiteral("- errors: %1").arg(errors);
    lines << QStringLiteral("- warnings in the log: %1%2")
                 .arg(warnings)
                 .arg(warningParts.isEmpty() ? QString()
                                             : QStringLiteral(" (") + warningParts.join(QStringLiteral(", "))
                              + QLatin1Char(')'));
    lines << QStringLiteral("- churn: %1").arg(result.churn.summary());
    lines << QStringLiteral("- checker: %1 (%2 retired visits in the truth)")
                 .arg(result.check.summary())
                 .arg(result.truth.retired.size());
    for (const QString& line : result.check.diff)
        lines << QStringLiteral("    ") + line;
    lines << QStringLiteral("- RSS at cycle end, KiB: cycle 10 %1, cycle 1000 %2, cycle %3 %4")
                 .arg(kb(f.endKb10), kb(f.endKb1000))
                 .arg(f.cycles)
                 .arg(kb(f.endKbLast));
    lines << QStringLiteral("- RSS after release, KiB: cycle 10 %1, cycle 1000 %2, cycle %3 %4")
                 .arg(kb(f.releasedKb10), kb(f.releasedKb1000))
                 .arg(f.cycles)
                 .arg(kb(f.releasedKbLast));
    lines << QStringLiteral("- RSS cycle 1000 minus cycle 10: end %1 KiB, released %2 KiB (within 1 MB: %3); "
                            "cycle %4 minus 10: "
                            "end %5 KiB, released %6 KiB")
                 .arg(signedKb(f.endKb10, f.endKb1000), signedKb(f.releasedKb10, f.releasedKb1000),
                      f.releasedKb1000 < 0 ? QStringLiteral("fewer than 1000 cycles")
                          : flat           ? QStringLiteral("yes")
                                           : QStringLiteral("NO"))
                 .arg(f.cycles)
                 .arg(signedKb(f.endKb10, f.endKbLast), signedKb(f.releasedKb10, f.releasedKbLast));
    if (f.plateauMedianKb >= 0)
        lines << QStringLiteral(
                     "- RSS after release over cycles 1000..%1: min %2 KiB, median %3 KiB, max %4 KiB")
                     .arg(f.cycles)
                     .arg(kb(f.plateauMinKb))
                     .arg(f.plateauMedianKb, 0, 'f', 0)
                     .arg(kb(f.plateauMaxKb));
    lines << QStringLiteral("- heap in use, cycles 10..%1: min %2 KiB, max %3 KiB, spread %4 KiB; cycle 10 "
                            "%5 KiB, cycle %1 %6 KiB")
                 .arg(f.cycles)
                 .arg(kb(f.heapMinKb), kb(f.heapMaxKb), kb(f.heapMaxKb >= 0 ? f.heapMaxKb - f.heapMinKb : -1),
                      kb(f.heapKb10), kb(f.heapKbLast));
    lines << QStringLiteral("- cycle time (cycles 2..%1): median %2 ms, 95th percentile %3 ms, max %4 ms; "
                            "median %5 HTTP requests and %6 records exported")
                 .arg(f.cycles)
                 .arg(f.medianMs, 0, 'f', 0)
                 .arg(f.p95Ms, 0, 'f', 0)
                 .arg(f.maxMs, 0, 'f', 0)
                 .arg(f.medianRequests, 0, 'f', 0)
                 .arg(f.medianRecords, 0, 'f', 0);
    if (!result.firstWarnings.isEmpty()) {
        lines << QStringLiteral("- first warnings:");
        for (const QString& line : result.firstWarnings)
            lines << QStringLiteral("    ") + line;
    }

    // RSS over the run, for the documentation.
    QStringList table { QStringLiteral(
                            "| cycle | RSS end KiB | RSS released KiB | heap in use KiB | cycle ms |"),
                        QStringLiteral("|---:|---:|---:|---:|---:|") };
    QList<int> marks { 1, 2, 10, 100 };
    for (int c = 1000; c <= f.cycles; c += 1000)
        marks.append(c);
    if (!marks.contains(f.cycles))
        marks.append(f.cycles);
    for (const int c : std::as_const(marks)) {
        if (c < 1 || c > result.reports.size())
            continue;
        const CycleReport& r = result.reports[c - 1];
        table << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                     .arg(c)
                     .arg(r.rssEndKb)
                     .arg(r.rssReleasedKb)
                     .arg(r.heapInUseKb)
                     .arg(r.durationMs);
    }

    const QString text = lines.join(QLatin1Char('\n'));
    out << '\n' << text << "\n\n" << table.join(QLatin1Char('\n')) << Qt::endl;
    QFile results(outDir.filePath(QStringLiteral("churn-soak.md")));
    if (results.open(QIODevice::WriteOnly | QIODevice::Truncate))
        results.write(
            (text + QStringLiteral("\n\n") + table.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    const QString plot = outDir.filePath(QStringLiteral("rss-churn-soak.png"));
    if (!result.reports.isEmpty())
        drawRssPlot(result.reports,
                    QStringLiteral("lantir-sync RSS per cycle: churn soak, %1 records, %2 changes per cycle")
                        .arg(soak.records)
                        .arg(soak.changesPerCycle),
                    plot);
    return errors == 0 && result.check.equal() ? 0 : 1;
}

} // namespace Lantir::Bench
