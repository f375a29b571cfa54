#include "store/CycleHistory.h"

#include "store/DatabaseConnection.h"
#include "store/StoreError.h"
#include "store/WorklistSchema.h"

#include <QSqlQuery>
#include <QVariant>

#include <array>

namespace Lantir {

namespace {
constexpr std::array<const char*, 29> Columns { {
    "cycle",        "started_at",  "ok",         "error",           "full_export",    "dry_run",
    "duration_ms",  "fetch_ms",    "merge_ms",   "write_ms",        "http_requests",  "rows_fetched",
    "records",      "entries",     "inserted",   "updated",         "unchanged",      "skipped",
    "rss_start_kb", "rss_peak_kb", "rss_end_kb", "rss_released_kb", "heap_in_use_kb", "window_begin",
    "window_end",   "cancelled",   "restored",   "purged",          "source",
} };

// Columns added after the first release, with how ALTER TABLE adds them to an older table (rows
// recorded before the upgrade read as 0).
constexpr std::array<std::pair<const char*, const char*>, 4> AddedColumns { {
    { "cancelled", "INTEGER NOT NULL DEFAULT 0" },
    { "restored", "INTEGER NOT NULL DEFAULT 0" },
    { "purged", "INTEGER NOT NULL DEFAULT 0" },
    { "source", "TEXT NOT NULL DEFAULT ''" },
} };

bool isAdded(const QString& column)
{
    for (const auto& added : AddedColumns) {
        if (column == QLatin1String(added.first))
            return true;
    }
    return false;
}

QString columnList()
{
    QString list;
    for (const char* column : Columns) {
        if (!list.isEmpty())
            list += QLatin1String(", ");
        list += QLatin1String(column);
    }
    return list;
}

QString utcText(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QVariant nullString()
{
    return QVariant(QMetaType::fromType<QString>());
}

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}

QVariant kbValue(qint64 kb)
{
    return kb < 0 ? nullInt() : QVariant(kb);
}

qint64 kbFrom(const QVariant& value)
{
    return value.isNull() ? -1 : value.toLongLong();
}

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? nullString() : QVariant(text);
}

Error notOpen()
{
    return makeError(
        Error::Kind::Database,
        QStringLiteral("The worklist database is not open, so the sync history cannot be used."));
}
} // namespace

CycleHistory::CycleHistory(const QSqlDatabase& db)
    : m_db(db)
{
}

QStringList CycleHistory::columnNames()
{
    QStringList names { QStringLiteral("id") };
    for (const char* column : Columns)
        names.append(QLatin1String(column));
    return names;
}

QStringList CycleHistory::requiredColumnNames()
{
    QStringList names;
    for (const QString& name : columnNames()) {
        if (!isAdded(name))
            names.append(name);
    }
    return names;
}

QStringList CycleHistory::missingAddedColumns(const QStringList& present)
{
    QStringList missing;
    for (const auto& added : AddedColumns) {
        if (!present.contains(QLatin1String(added.first)))
            missing.append(QLatin1String(added.first));
    }
    return missing;
}

Result<void> CycleHistory::addMissingColumns(QSqlDatabase& db, const QStringList& present)
{
    QSqlQuery query(db);
    for (const auto& added : AddedColumns) {
        if (present.contains(QLatin1String(added.first)))
            continue;
        if (!query.exec(QStringLiteral("ALTER TABLE sync_cycles ADD COLUMN %1 %2")
                            .arg(QLatin1String(added.first), QLatin1String(added.second))))
            return StoreError::fromSql(
                db, query.lastError(),
                QStringLiteral("Adding column %1 to table sync_cycles").arg(QLatin1String(added.first)));
    }
    return {};
}

Result<void> CycleHistory::createTable(QSqlDatabase& db)
{
    QSqlQuery query(db);
    const QString table = QStringLiteral("CREATE TABLE IF NOT EXISTS sync_cycles (\n"
                                         "    id INTEGER PRIMARY KEY,\n"
                                         "    cycle INTEGER NOT NULL,\n"
                                         "    started_at TEXT,\n"
                                         "    ok INTEGER NOT NULL,\n"
                                         "    error TEXT,\n"
                                         "    full_export INTEGER NOT NULL,\n"
                                         "    dry_run INTEGER NOT NULL,\n"
                                         "    duration_ms INTEGER NOT NULL,\n"
                                         "    fetch_ms INTEGER NOT NULL,\n"
                                         "    merge_ms INTEGER NOT NULL,\n"
                                         "    write_ms INTEGER NOT NULL,\n"
                                         "    http_requests INTEGER NOT NULL,\n"
                                         "    rows_fetched INTEGER NOT NULL,\n"
                                         "    records INTEGER NOT NULL,\n"
                                         "    entries INTEGER NOT NULL,\n"
                                         "    inserted INTEGER NOT NULL,\n"
                                         "    updated INTEGER NOT NULL,\n"
                                         "    unchanged INTEGER NOT NULL,\n"
                                         "    skipped INTEGER NOT NULL,\n"
                                         "    rss_start_kb INTEGER,\n"
                                         "    rss_peak_kb INTEGER,\n"
                                         "    rss_end_kb INTEGER,\n"
                                         "    rss_released_kb INTEGER,\n"
                                         "    heap_in_use_kb INTEGER,\n"
                                         "    window_begin TEXT,\n"
                                         "    window_end TEXT,\n"
                                         "    cancelled INTEGER NOT NULL DEFAULT 0,\n"
                                         "    restored INTEGER NOT NULL DEFAULT 0,\n"
                                         "    purged INTEGER NOT NULL DEFAULT 0,\n"
                                         "    source TEXT NOT NULL DEFAULT ''\n"
                                         ")");
    QString ddl = table;
    if (DatabaseConnection::isPostgres(db))
        ddl.replace(QLatin1String("id INTEGER PRIMARY KEY"), QLatin1String("id BIGSERIAL PRIMARY KEY"));
    if (!query.exec(ddl))
        return StoreError::fromSql(db, query.lastError(), QStringLiteral("Creating table sync_cycles"));
    if (!query.exec(
            QStringLiteral("CREATE INDEX IF NOT EXISTS sync_cycles_started_at ON sync_cycles (started_at)")))
        return StoreError::fromSql(db, query.lastError(), QStringLiteral("Creating table sync_cycles"));
    return {};
}

Result<void> CycleHistory::append(CycleReport& report)
{
    if (!m_db.isOpen())
        return notOpen();
    QString placeholders;
    for (std::size_t i = 0; i < Columns.size(); ++i)
        placeholders += i == 0 ? QLatin1String("?") : QLatin1String(", ?");
    QSqlQuery query(m_db);
    if (!query.prepare(QLatin1String("INSERT INTO sync_cycles (") + columnList() + QLatin1String(") VALUES (")
                       + placeholders + QLatin1Char(')')))
        return StoreError::fromSql(m_db, query.lastError(), QStringLiteral("Recording the sync cycle"));

    const QVariantList values {
        report.cycle,
        report.startedAt.isValid() ? QVariant(utcText(report.startedAt)) : nullString(),
        report.ok ? 1 : 0,
        report.ok ? nullString() : QVariant(report.error),
        report.full ? 1 : 0,
        report.dryRun ? 1 : 0,
        report.durationMs,
        report.fetchMs,
        report.mergeMs,
        report.writeMs,
        report.httpRequests,
        report.rowsFetched,
        report.records,
        report.entries,
        report.inserted,
        report.updated,
        report.unchanged,
        report.skipped,
        kbValue(report.rssStartKb),
        kbValue(report.rssPeakKb),
        kbValue(report.rssEndKb),
        kbValue(report.rssReleasedKb),
        kbValue(report.heapInUseKb),
        textOrNull(report.windowBegin),
        textOrNull(report.windowEnd),
        report.cancelled,
        report.restored,
        report.purged,
        // A null QString binds as SQL NULL; the column is NOT NULL with '' for "no source".
        report.source.isNull() ? QStringLiteral("") : report.source,
    };
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec())
        return StoreError::fromSql(m_db, query.lastError(), QStringLiteral("Recording the sync cycle"));
    report.rowId = query.lastInsertId().toLongLong();
    return {};
}

Result<QList<CycleReport>> CycleHistory::load(const QDateTime& sinceUtc, int limit) const
{
    if (!m_db.isOpen())
        return notOpen();
    // A table of an earlier version, read before it was upgraded (the desktop app reads the
    // history read-only, possibly before the sync opened the file): its missing columns read as
    // their defaults once added (counts 0, the source '').
    const Result<QStringList> present = WorklistSchema::tableColumns(m_db, TableName);
    if (!present)
        return present.error();
    QString columns = QLatin1String("id, ") + columnList();
    for (const auto& added : AddedColumns) {
        const QString name = QLatin1String(added.first);
        if (present.value().contains(name))
            continue;
        const QString definition = QLatin1String(added.second);
        const QString value = definition.mid(definition.indexOf(QLatin1String("DEFAULT ")) + 8);
        columns.replace(QLatin1String(", ") + name,
                        QLatin1String(", ") + value + QLatin1String(" AS ") + name);
    }
    QString inner = QLatin1String("SELECT ") + columns + QLatin1String(" FROM sync_cycles");
    if (sinceUtc.isValid())
        inner += QLatin1String(" WHERE started_at >= ?");
    inner += QLatin1String(" ORDER BY id DESC");
    if (limit >= 0)
        inner += QLatin1String(" LIMIT ?");
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(QLatin1String("SELECT ") + columns + QLatin1String(" FROM (") + inner
                       + QLatin1String(") AS recent ORDER BY id ASC")))
        return StoreError::fromSql(m_db, query.lastError(), QStringLiteral("Reading the sync history"));
    int bind = 0;
    if (sinceUtc.isValid())
        query.bindValue(bind++, utcText(sinceUtc));
    if (limit >= 0)
        query.bindValue(bind++, limit);
    if (!query.exec())
        return StoreError::fromSql(m_db, query.lastError(), QStringLiteral("Reading the sync history"));

    QList<CycleReport> reports;
    while (query.next()) {
        CycleReport r;
        int c = 0;
        r.rowId = query.value(c++).toLongLong();
        r.cycle = query.value(c++).toLongLong();
        const QVariant started = query.value(c++);
        r.startedAt
            = started.isNull() ? QDateTime() : QDateTime::fromString(started.toString(), Qt::ISODateWithMs);
        r.ok = query.value(c++).toLongLong() != 0;
        r.error = query.value(c++).toString();
        r.full = query.value(c++).toLongLong() != 0;
        r.dryRun = query.value(c++).toLongLong() != 0;
        r.durationMs = query.value(c++).toLongLong();
        r.fetchMs = query.value(c++).toLongLong();
        r.mergeMs = query.value(c++).toLongLong();
        r.writeMs = query.value(c++).toLongLong();
        r.httpRequests = query.value(c++).toInt();
        r.rowsFetched = query.value(c++).toLongLong();
        r.records = query.value(c++).toLongLong();
        r.entries = query.value(c++).toLongLong();
        r.inserted = query.value(c++).toLongLong();
        r.updated = query.value(c++).toLongLong();
        r.unchanged = query.value(c++).toLongLong();
        r.skipped = query.value(c++).toLongLong();
        r.rssStartKb = kbFrom(query.value(c++));
        r.rssPeakKb = kbFrom(query.value(c++));
        r.rssEndKb = kbFrom(query.value(c++));
        r.rssReleasedKb = kbFrom(query.value(c++));
        r.heapInUseKb = kbFrom(query.value(c++));
        r.windowBegin = query.value(c++).toString();
        r.windowEnd = query.value(c++).toString();
        r.cancelled = query.value(c++).toLongLong();
        r.restored = query.value(c++).toLongLong();
        r.purged = query.value(c++).toLongLong();
        r.source = query.value(c++).toString();
        reports.append(r);
    }
    if (query.lastError().isValid())
        return StoreError::fromSql(m_db, query.lastError(), QStringLiteral("Reading the sync history"));
    return reports;
}

Result<void> CycleHistory::prune(int keepNewest)
{
    if (keepNewest < 0)
        return makeError(
            Error::Kind::Config,
            QStringLiteral("The number of sync cycles to keep must be 0 or more, not %1.").arg(keepNewest));
    if (!m_db.isOpen())
        return notOpen();
    QSqlQuery query(m_db);
    bool ok = false;
    if (keepNewest == 0) {
        ok = query.exec(QStringLiteral("DELETE FROM sync_cycles"));
    } else {
        // Everything older than the keepNewest-th newest row; nothing when there are fewer rows
        // (the subquery is then NULL and `id < NULL` is never true).
        ok = query.prepare(QStringLiteral("DELETE FROM sync_cycles WHERE id < "
                                          "(SELECT id FROM sync_cycles ORDER BY id DESC LIMIT 1 OFFSET ?)"));
        if (ok) {
            query.bindValue(0, keepNewest - 1);
            ok = query.exec();
        }
    }
    if (!ok)
        return StoreError::fromSql(m_db, query.lastError(), QStringLiteral("Pruning the sync history"));
    return {};
}

} // namespace Lantir
