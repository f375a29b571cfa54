#include "store/CycleReport.h"

#include <QJsonValue>

namespace Lantir {

namespace {
QJsonValue countOrNull(qint64 value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

qint64 countFrom(const QJsonValue& value)
{
    return value.isDouble() ? static_cast<qint64>(value.toDouble()) : -1;
}

QString megabytes(qint64 kb)
{
    return kb < 0 ? QStringLiteral("?") : QString::number(kb / 1024.0, 'f', 1);
}
} // namespace

QJsonObject CycleReport::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("cycle"), cycle);
    o.insert(QLatin1String("source"), source);
    o.insert(QLatin1String("started_at"), startedAt.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QLatin1String("ok"), ok);
    o.insert(QLatin1String("error"), ok ? QJsonValue(QJsonValue::Null) : QJsonValue(error));
    if (!syncedElsewhereBy.isEmpty())
        o.insert(QLatin1String("synced_elsewhere_by"), syncedElsewhereBy);
    o.insert(QLatin1String("full"), full);
    o.insert(QLatin1String("dry_run"), dryRun);
    o.insert(QLatin1String("duration_ms"), durationMs);
    o.insert(QLatin1String("fetch_ms"), fetchMs);
    o.insert(QLatin1String("merge_ms"), mergeMs);
    o.insert(QLatin1String("write_ms"), writeMs);
    o.insert(QLatin1String("http_requests"), httpRequests);
    o.insert(QLatin1String("cpu_user_us"), countOrNull(cpuUserUs));
    o.insert(QLatin1String("cpu_system_us"), countOrNull(cpuSystemUs));
    o.insert(QLatin1String("rows_fetched"), rowsFetched);
    o.insert(QLatin1String("records"), records);
    o.insert(QLatin1String("entries"), entries);
    o.insert(QLatin1String("inserted"), inserted);
    o.insert(QLatin1String("updated"), updated);
    o.insert(QLatin1String("unchanged"), unchanged);
    o.insert(QLatin1String("skipped"), skipped);
    o.insert(QLatin1String("cancelled"), cancelled);
    o.insert(QLatin1String("restored"), restored);
    o.insert(QLatin1String("purged"), purged);
    o.insert(QLatin1String("cancel_blocked"), cancelBlocked);
    o.insert(QLatin1String("rss_start_kb"), countOrNull(rssStartKb));
    o.insert(QLatin1String("rss_peak_kb"), countOrNull(rssPeakKb));
    o.insert(QLatin1String("rss_end_kb"), countOrNull(rssEndKb));
    o.insert(QLatin1String("rss_released_kb"), countOrNull(rssReleasedKb));
    o.insert(QLatin1String("heap_in_use_kb"), countOrNull(heapInUseKb));
    o.insert(QLatin1String("window_begin"),
             windowBegin.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(windowBegin));
    o.insert(QLatin1String("window_end"),
             windowEnd.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(windowEnd));
    return o;
}

CycleReport CycleReport::fromJson(const QJsonObject& o)
{
    CycleReport r;
    r.cycle = static_cast<qint64>(o.value(QLatin1String("cycle")).toDouble());
    r.source = o.value(QLatin1String("source")).toString();
    r.startedAt = QDateTime::fromString(o.value(QLatin1String("started_at")).toString(), Qt::ISODateWithMs);
    r.ok = o.value(QLatin1String("ok")).toBool();
    r.error = o.value(QLatin1String("error")).toString();
    r.syncedElsewhereBy = o.value(QLatin1String("synced_elsewhere_by")).toString();
    r.full = o.value(QLatin1String("full")).toBool();
    r.dryRun = o.value(QLatin1String("dry_run")).toBool();
    r.durationMs = static_cast<qint64>(o.value(QLatin1String("duration_ms")).toDouble());
    r.fetchMs = static_cast<qint64>(o.value(QLatin1String("fetch_ms")).toDouble());
    r.mergeMs = static_cast<qint64>(o.value(QLatin1String("merge_ms")).toDouble());
    r.writeMs = static_cast<qint64>(o.value(QLatin1String("write_ms")).toDouble());
    r.httpRequests = o.value(QLatin1String("http_requests")).toInt();
    r.cpuUserUs = countFrom(o.value(QLatin1String("cpu_user_us")));
    r.cpuSystemUs = countFrom(o.value(QLatin1String("cpu_system_us")));
    r.rowsFetched = static_cast<qint64>(o.value(QLatin1String("rows_fetched")).toDouble());
    r.records = static_cast<qint64>(o.value(QLatin1String("records")).toDouble());
    r.entries = static_cast<qint64>(o.value(QLatin1String("entries")).toDouble());
    r.inserted = static_cast<qint64>(o.value(QLatin1String("inserted")).toDouble());
    r.updated = static_cast<qint64>(o.value(QLatin1String("updated")).toDouble());
    r.unchanged = static_cast<qint64>(o.value(QLatin1String("unchanged")).toDouble());
    r.skipped = static_cast<qint64>(o.value(QLatin1String("skipped")).toDouble());
    r.cancelled = static_cast<qint64>(o.value(QLatin1String("cancelled")).toDouble());
    r.restored = static_cast<qint64>(o.value(QLatin1String("restored")).toDouble());
    r.purged = static_cast<qint64>(o.value(QLatin1String("purged")).toDouble());
    r.cancelBlocked = o.value(QLatin1String("cancel_blocked")).toBool();
    r.rssStartKb = countFrom(o.value(QLatin1String("rss_start_kb")));
    r.rssPeakKb = countFrom(o.value(QLatin1String("rss_peak_kb")));
    r.rssEndKb = countFrom(o.value(QLatin1String("rss_end_kb")));
    r.rssReleasedKb = countFrom(o.value(QLatin1String("rss_released_kb")));
    r.heapInUseKb = countFrom(o.value(QLatin1String("heap_in_use_kb")));
    r.windowBegin = o.value(QLatin1String("window_begin")).toString();
    r.windowEnd = o.value(QLatin1String("window_end")).toString();
    return r;
}

QString CycleReport::summaryLine() const
{
    // "source 'name' cycle 3 ok ..." so that every line names its source.
    const QString name = source.isEmpty() ? QString() : QStringLiteral("source '%1' ").arg(source);
    if (!syncedElsewhereBy.isEmpty())
        return name + QStringLiteral("cycle %1 skipped: %2 syncs it").arg(cycle).arg(syncedElsewhereBy);
    const QString head = name
        + QStringLiteral("cycle %1 %2 in %3 ms")
              .arg(cycle)
              .arg(ok ? QStringLiteral("ok") : QStringLiteral("FAILED"))
              .arg(durationMs);
    const QString counts
        = QStringLiteral(
              "fetched %1 rows, %2 records, %3 entries: %4 inserted, %5 updated, %6 unchanged, %7 skipped, "
              "%8 cancelled, %9 restored, %10 purged")
              .arg(rowsFetched)
              .arg(records)
              .arg(entries)
              .arg(inserted)
              .arg(updated)
              .arg(unchanged)
              .arg(skipped)
              .arg(cancelled)
              .arg(restored)
              .arg(purged);
    const QString memory = QStringLiteral("RSS start %1 MB, peak %2 MB, end %3 MB")
                               .arg(megabytes(rssStartKb), megabytes(rssPeakKb), megabytes(rssEndKb));
    QString line = head + QLatin1String(": ") + counts + QLatin1String("; ") + memory;
    if (!ok)
        line += QLatin1String(" — ") + error;
    return line;
}

} // namespace Lantir
