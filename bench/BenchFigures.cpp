#include "BenchFigures.h"

#include <algorithm>

namespace Lantir::Bench {

namespace {
// -1 where the report has no CPU figures (a lantir-sync from before they were measured).
double cpuMs(const CycleReport& r)
{
    return r.cpuUserUs < 0 || r.cpuSystemUs < 0 ? -1 : double(r.cpuUserUs + r.cpuSystemUs) / 1000.0;
}

double systemMs(const CycleReport& r)
{
    return r.cpuSystemUs < 0 ? -1 : double(r.cpuSystemUs) / 1000.0;
}

QString cpuText(double ms, int decimals = 0)
{
    return ms < 0 ? QStringLiteral("n/a") : QString::number(ms, 'f', decimals);
}
} // namespace

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

CellFigures computeFigures(int records, int batchSize, const QList<CycleReport>& full,
                           const QList<CycleReport>& incremental, int sources)
{
    CellFigures f;
    f.records = records;
    f.sources = std::max(1, sources);
    f.batchSize = batchSize;
    const qsizetype perRound = f.sources;
    f.cycles = static_cast<int>(full.size() / perRound);
    if (full.isEmpty())
        return f;
    const double idleKb = static_cast<double>(full.constFirst().rssStartKb);
    f.idleRssMb = idleKb / 1024.0;
    double peakKb = 0;
    QList<double> resync, fetch, merge, write, resyncCpu, resyncSystem;
    for (qsizetype i = 0; i < full.size(); ++i) {
        const CycleReport& r = full[i];
        if (!r.ok)
            ++f.failedCycles;
        peakKb = std::max(peakKb, static_cast<double>(r.rssPeakKb));
        if (i < perRound) {
            f.firstSyncMs = std::max(f.firstSyncMs, static_cast<double>(r.durationMs));
            const bool known = f.firstSyncCpuMs >= 0 && cpuMs(r) >= 0;
            f.firstSyncCpuMs = known ? f.firstSyncCpuMs + cpuMs(r) : -1;
            f.firstSyncSystemMs = known ? f.firstSyncSystemMs + systemMs(r) : -1;
        } else {
            resyncCpu.append(cpuMs(r));
            resyncSystem.append(systemMs(r));
            resync.append(static_cast<double>(r.durationMs));
            fetch.append(static_cast<double>(r.fetchMs));
            merge.append(static_cast<double>(r.mergeMs));
            write.append(static_cast<double>(r.writeMs));
        }
    }
    f.peakAboveIdleMb = (peakKb - idleKb) / 1024.0;
    f.resyncMedianMs = median(resync);
    f.fetchMedianMs = median(fetch);
    f.mergeMedianMs = median(merge);
    f.writeMedianMs = median(write);
    f.resyncCpuMedianMs = median(resyncCpu);
    f.resyncSystemMedianMs = median(resyncSystem);
    // The end of round 10 (or of round 2 with fewer than 11 rounds) against the last cycle.
    const qsizetype rounds = full.size() / perRound;
    const qsizetype baseRound = rounds > 10 ? 10 : std::min<qsizetype>(2, rounds);
    const qsizetype base = std::clamp<qsizetype>(baseRound * perRound - 1, 0, full.size() - 1);
    const CycleReport& from = full[base];
    const CycleReport& to = full.constLast();
    f.growthEndKb = static_cast<double>(to.rssEndKb - from.rssEndKb);
    f.growthReleasedKb = static_cast<double>(to.rssReleasedKb - from.rssReleasedKb);
    f.heapDeltaKb = static_cast<double>(to.heapInUseKb - from.heapInUseKb);
    if (rounds >= 30) {
        const auto releasedMedian = [&full](qsizetype first, qsizetype last) {
            QList<double> values;
            for (qsizetype i = first; i < last; ++i)
                values.append(static_cast<double>(full[i].rssReleasedKb));
            return median(values);
        };
        f.medianGrowthReleasedKb = releasedMedian(full.size() - 10 * perRound, full.size())
            - releasedMedian(9 * perRound, 19 * perRound);
    }

    QList<double> incr, incrCpu;
    for (const CycleReport& r : incremental) {
        incr.append(static_cast<double>(r.durationMs));
        incrCpu.append(cpuMs(r));
        f.incrementalMaxRequests = std::max(f.incrementalMaxRequests, r.httpRequests);
        if (!r.ok)
            ++f.failedCycles;
    }
    f.incrementalMedianMs = median(incr);
    f.incrementalCpuMedianMs = median(incrCpu);
    return f;
}

QString figuresTableHeader()
{
    return QStringLiteral(
        "| records | database | batch | cycles | idle RSS MB | peak above idle MB | first sync ms | re-sync "
        "median ms "
        "| fetch / merge / write ms | incremental ms (max requests) | RSS end growth KB | RSS released "
        "growth KB "
        "| heap delta KB | failed |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|");
}

QString figuresTableRow(const CellFigures& f)
{
    return QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 / %10 / %11 | %12 (%13) | %14 | %15 "
                          "| %16 | %17 |")
        .arg(f.sources > 1 ? QStringLiteral("%1 x %2").arg(f.sources).arg(f.records)
                           : QString::number(f.records),
             f.database)
        .arg(f.batchSize)
        .arg(f.cycles)
        .arg(f.idleRssMb, 0, 'f', 1)
        .arg(f.peakAboveIdleMb, 0, 'f', 1)
        .arg(f.firstSyncMs, 0, 'f', 0)
        .arg(f.resyncMedianMs, 0, 'f', 0)
        .arg(f.fetchMedianMs, 0, 'f', 0)
        .arg(f.mergeMedianMs, 0, 'f', 0)
        .arg(f.writeMedianMs, 0, 'f', 0)
        .arg(f.incrementalMedianMs, 0, 'f', 0)
        .arg(f.incrementalMaxRequests)
        .arg(f.growthEndKb, 0, 'f', 0)
        .arg(f.growthReleasedKb, 0, 'f', 0)
        .arg(f.heapDeltaKb, 0, 'f', 0)
        .arg(f.failedCycles);
}

QString cpuTableHeader()
{
    return QStringLiteral(
        "| records | database | batch | first sync CPU ms (system) | re-sync CPU median ms (system) "
        "| incremental CPU median ms | whole full-export run CPU ms (system) "
        "| PostgreSQL server CPU ms, whole run |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|");
}

QString cpuTableRow(const CellFigures& f)
{
    return QStringLiteral("| %1 | %2 | %3 | %4 (%5) | %6 (%7) | %8 | %9 (%10) | %11 |")
        .arg(f.sources > 1 ? QStringLiteral("%1 x %2").arg(f.sources).arg(f.records)
                           : QString::number(f.records),
             f.database)
        .arg(f.batchSize)
        .arg(cpuText(f.firstSyncCpuMs), cpuText(f.firstSyncSystemMs), cpuText(f.resyncCpuMedianMs),
             cpuText(f.resyncSystemMedianMs), cpuText(f.incrementalCpuMedianMs, 1), cpuText(f.fullRunCpuMs),
             cpuText(f.fullRunSystemMs), cpuText(f.fullRunServerCpuMs));
}

} // namespace Lantir::Bench
