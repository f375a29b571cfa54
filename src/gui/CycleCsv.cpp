#include "CycleCsv.h"

#include <QSaveFile>
#include <QStringList>

namespace Lantir {

namespace {
QString field(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"'))
        && !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString kb(qint64 value)
{
    return value < 0 ? QString() : QString::number(value);
}

QString flag(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
} // namespace

QByteArray CycleCsv::header()
{
    return QByteArrayLiteral(
        "started_at,cycle,ok,error,full,dry_run,duration_ms,fetch_ms,merge_ms,write_ms,"
        "http_requests,rows_fetched,records,entries,inserted,updated,unchanged,skipped,"
        "rss_start_kb,rss_peak_kb,rss_end_kb,rss_released_kb,heap_in_use_kb,window_begin,"
        "window_end,cancelled,restored,purged,source\r\n");
}

QByteArray CycleCsv::line(const CycleReport& r)
{
    const QStringList fields {
        r.startedAt.toUTC().toString(Qt::ISODateWithMs),
        QString::number(r.cycle),
        flag(r.ok),
        field(r.error),
        flag(r.full),
        flag(r.dryRun),
        QString::number(r.durationMs),
        QString::number(r.fetchMs),
        QString::number(r.mergeMs),
        QString::number(r.writeMs),
        QString::number(r.httpRequests),
        QString::number(r.rowsFetched),
        QString::number(r.records),
        QString::number(r.entries),
        QString::number(r.inserted),
        QString::number(r.updated),
        QString::number(r.unchanged),
        QString::number(r.skipped),
        kb(r.rssStartKb),
        kb(r.rssPeakKb),
        kb(r.rssEndKb),
        kb(r.rssReleasedKb),
        kb(r.heapInUseKb),
        field(r.windowBegin),
        field(r.windowEnd),
        QString::number(r.cancelled),
        QString::number(r.restored),
        QString::number(r.purged),
        field(r.source),
    };
    return fields.join(QLatin1Char(',')).toUtf8() + QByteArrayLiteral("\r\n");
}

QByteArray CycleCsv::toCsv(const QList<CycleReport>& reports)
{
    QByteArray out = header();
    for (const CycleReport& r : reports)
        out += line(r);
    return out;
}

Result<void> CycleCsv::write(const QString& path, const QList<CycleReport>& reports)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(
            Error::Kind::Config,
            tr("Could not write %1: %2. Choose a folder you may write to.").arg(path, file.errorString()));
    }
    file.write(header());
    for (const CycleReport& r : reports)
        file.write(line(r));
    if (!file.commit()) {
        return makeError(
            Error::Kind::Config,
            tr("Could not save %1: %2. Check the free space and permissions.").arg(path, file.errorString()));
    }
    return {};
}

} // namespace Lantir
