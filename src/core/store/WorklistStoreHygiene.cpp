// Worklist hygiene: the rows whose visit left REDCap (cancelled, or restored when it comes back)
// and the purge of old final rows. Part of WorklistStore.
#include "base/Logging.h"
#include "store/DatabaseConnection.h"
#include "store/SqlPlaceholders.h"
#include "store/StoreError.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"

#include <QDir>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Lantir {

namespace {
constexpr int IdChunk = 200; // bound values per statement
constexpr int PurgeChunk = 500; // rows per purge transaction
constexpr QChar Separator(u'\x1f');

QString entryKeyText(const QString& record, const QString& event, const QString& instance)
{
    return record + Separator + event + Separator + instance;
}

QString questionMarks(qsizetype count)
{
    QString text;
    for (qsizetype i = 0; i < count; ++i)
        text += i == 0 ? QLatin1String("?") : QLatin1String(", ?");
    return text;
}

// Rows scheduled before the cutoff (bound as YYYYMMDD) whose status is final. pylantir writes the
// date as YYYY-MM-DD, DICOM as YYYYMMDD: both are compared as their 8 digits; no date, no purge.
QString purgeCondition()
{
    return QStringLiteral("length(replace(scheduled_start_date, '-', '')) = 8 "
                          "AND replace(scheduled_start_date, '-', '') < ? "
                          "AND performed_procedure_step_status IN ('COMPLETED', 'DISCONTINUED', 'CANCELED')");
}
} // namespace

Result<void> WorklistStore::requireWritable(const QString& action) const
{
    if (!isOpen())
        return notOpenError(action);
    if (m_readOnly)
        return makeError(Error::Kind::Database,
                         QStringLiteral("%1 failed: the worklist database was opened read-only (dry run), "
                                        "so nothing may be written.")
                             .arg(action));
    return {};
}

Result<void> WorklistStore::restoreRow(qint64 id, bool dryRun, const QString& action,
                                       const WorklistEntry& entry)
{
    if (!dryRun) {
        QSqlQuery restore(m_db);
        restore.prepare(QStringLiteral("UPDATE worklist_items SET performed_procedure_step_status = ? "
                                       "WHERE id = ? AND performed_procedure_step_status = ?"));
        restore.bindValue(0, QString(Worklist::ScheduledStatus));
        restore.bindValue(1, id);
        restore.bindValue(2, QString(Worklist::CanceledStatus));
        if (!restore.exec())
            return entryError(restore, action, entry);
    }
    qCDebug(lcStore) << "Visit back in REDCap, row" << id << "SCHEDULED again: record" << entry.key.recordId
                     << "event" << entry.key.eventName << "instance" << entry.key.repeatInstance;
    return {};
}

Result<QList<qint64>> WorklistStore::scheduledRowsMissingFrom(const QString& source,
                                                              const QStringList& records,
                                                              const QList<WorklistEntry>& present)
{
    const QString action = QStringLiteral("Looking for visits removed in REDCap");
    if (!isOpen())
        return notOpenError(action);
    QSet<QString> kept;
    kept.reserve(present.size());
    for (const WorklistEntry& entry : present) {
        if (entry.key.source == source)
            kept.insert(entryKeyText(
                entry.key.recordId, entry.key.eventName.isNull() ? QString() : entry.key.eventName,
                entry.key.repeatInstance.isNull() ? QString() : entry.key.repeatInstance));
    }
    QList<qint64> missing;
    for (qsizetype first = 0; first < records.size(); first += IdChunk) {
        const QStringList chunk = records.mid(first, IdChunk);
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT k.record_id, k.event_name, k.repeat_instance, k.item_id "
                                     "FROM lantir_entry_keys k JOIN worklist_items w ON w.id = k.item_id "
                                     "WHERE k.source = ? AND w.performed_procedure_step_status = ? "
                                     "AND k.record_id IN (%1)")
                          .arg(questionMarks(chunk.size())));
        query.addBindValue(source);
        query.addBindValue(QString(Worklist::ScheduledStatus));
        for (const QString& record : chunk)
            query.addBindValue(record);
        if (!query.exec())
            return sqlError(query, action);
        while (query.next()) {
            if (!kept.contains(entryKeyText(query.value(0).toString(), query.value(1).toString(),
                                            query.value(2).toString())))
                missing.append(query.value(3).toLongLong());
        }
        if (query.lastError().isValid())
            return sqlError(query, action);
    }
    return missing;
}

Result<qint64> WorklistStore::scheduledRowCount(const QString& source)
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Counting the scheduled worklist rows"));
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT COUNT(*) FROM lantir_entry_keys k JOIN worklist_items w "
                       "ON w.id = k.item_id WHERE k.source = ? AND w.performed_procedure_step_status = ?"));
    query.addBindValue(source);
    query.addBindValue(QString(Worklist::ScheduledStatus));
    if (!query.exec() || !query.next())
        return sqlError(query, QStringLiteral("Counting the scheduled rows of %1").arg(source));
    return query.value(0).toLongLong();
}

Result<IdTally> WorklistStore::scheduledTally(const QString& source)
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Counting the scheduled worklist rows"));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(k.item_id), 0), COALESCE(SUM((k.item_id * "
                                 "2654435761) % 4294967291), 0) "
                                 "FROM lantir_entry_keys k JOIN worklist_items w ON w.id = k.item_id "
                                 "WHERE k.source = ? AND w.performed_procedure_step_status = ?"));
    query.addBindValue(source);
    query.addBindValue(QString(Worklist::ScheduledStatus));
    if (!query.exec() || !query.next())
        return sqlError(query, QStringLiteral("Counting the scheduled rows of %1").arg(source));
    IdTally tally;
    tally.count = query.value(0).toLongLong();
    tally.sum = query.value(1).toLongLong();
    tally.mixed = query.value(2).toLongLong();
    return tally;
}

Result<void> WorklistStore::clearRedcapRecordIds()
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Clearing the REDCap record ids"));
    if (Result<void> created = createRedcapIdsTable(); !created)
        return created;
    QSqlQuery query(m_db);
    if (!query.exec(QLatin1String("DELETE FROM ") + redcapIdsTable()))
        return sqlError(query, QStringLiteral("Preparing the list of REDCap's record ids"));
    return {};
}

Result<void> WorklistStore::createRedcapIdsTable()
{
    if (m_redcapIdsReady)
        return {};
    QSqlQuery query(m_db);
    // TEMP: private to this connection, allowed on a read-only one, never in the file.
    bool ok = false;
    if (m_postgres) {
        ok = query.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS lantir_redcap_ids "
                                       "(record_id TEXT NOT NULL PRIMARY KEY)"));
    } else {
        ok = query.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS lantir_redcap_ids "
                                       "(record_id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID"))
            // The temporary schema has a page cache of its own (SQLite's default, 2 MB): capped
            // like the main one, so 100,000 ids cost no more memory than 10,000.
            && query.exec(QStringLiteral("PRAGMA temp.cache_size = -%1").arg(PageCacheKiB));
    }
    if (!ok)
        return sqlError(query, QStringLiteral("Preparing the list of REDCap's record ids"));
    m_redcapIdsReady = true;
    return {};
}

Result<void> WorklistStore::addRedcapRecordIds(const QStringList& ids)
{
    const QString action = QStringLiteral("Keeping the list of REDCap's record ids");
    if (ids.isEmpty())
        return {};
    const Result<QSqlQuery*> prepared = redcapIdInsert();
    if (!prepared)
        return prepared.error();
    QSqlQuery& insert = *prepared.value();
    for (qsizetype first = 0; first < ids.size(); first += RedcapIdsPerInsert) {
        // The last chunk is padded by repeating an id, which the insert ignores.
        for (int i = 0; i < RedcapIdsPerInsert; ++i)
            Sql::bind(insert, i, ids.at(first + i < ids.size() ? first + i : first));
        if (!insert.exec())
            return sqlError(insert, action);
    }
    return {};
}

Result<QList<qint64>> WorklistStore::scheduledRowsOfDeletedRecords(const QString& source)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT k.item_id FROM lantir_entry_keys k JOIN worklist_items w "
                       "ON w.id = k.item_id WHERE k.source = ? AND w.performed_procedure_step_status = ? "
                       "AND NOT EXISTS (SELECT 1 FROM %1 r WHERE r.record_id = k.record_id)")
            .arg(redcapIdsTable()));
    query.addBindValue(source);
    query.addBindValue(QString(Worklist::ScheduledStatus));
    const QString action = QStringLiteral("Looking for records deleted in REDCap");
    if (!query.exec())
        return sqlError(query, action);
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    if (query.lastError().isValid())
        return sqlError(query, action);
    query.finish();
    QSqlQuery clear(m_db);
    if (!clear.exec(QLatin1String("DELETE FROM ") + redcapIdsTable()))
        qCWarning(lcStore) << "Could not empty the temporary list of record ids:" << clear.lastError().text();
    return ids;
}

Result<qint64> WorklistStore::cancelRows(const QList<qint64>& ids)
{
    const QString action
        = QStringLiteral("Cancelling %1 worklist rows whose visits left REDCap").arg(ids.size());
    if (Result<void> writable = requireWritable(action); !writable)
        return writable.error();
    if (ids.isEmpty())
        return qint64(0);
    QSqlQuery query(m_db);
    if (QSqlError failed; !DatabaseConnection::beginWrite(m_db, &failed))
        return StoreError::fromSql(m_db, failed, action);
    qint64 changed = 0;
    for (qsizetype first = 0; first < ids.size(); first += IdChunk) {
        const qsizetype count = qMin<qsizetype>(IdChunk, ids.size() - first);
        // Only rows still SCHEDULED: the scanner may have started one since it was looked up.
        query.prepare(QStringLiteral("UPDATE worklist_items SET performed_procedure_step_status = ? "
                                     "WHERE performed_procedure_step_status = ? AND id IN (%1)")
                          .arg(questionMarks(count)));
        query.addBindValue(QString(Worklist::CanceledStatus));
        query.addBindValue(QString(Worklist::ScheduledStatus));
        for (qsizetype i = 0; i < count; ++i)
            query.addBindValue(ids.at(first + i));
        if (!query.exec()) {
            const Error error = sqlError(query, action);
            rollback();
            return error;
        }
        changed += query.numRowsAffected();
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const Error error = sqlError(query, action);
        rollback();
        return error;
    }
    return changed;
}

Result<qint64> WorklistStore::purgeChunk(const QString& cutoff, bool hasMpps)
{
    const QString action = QStringLiteral("Deleting worklist rows older than the retention period");
    QSqlQuery query(m_db);
    if (QSqlError failed; !DatabaseConnection::beginWrite(m_db, &failed))
        return StoreError::fromSql(m_db, failed, action);
    query.prepare(QStringLiteral("SELECT id FROM worklist_items WHERE %1 LIMIT %2")
                      .arg(purgeCondition())
                      .arg(PurgeChunk));
    query.addBindValue(cutoff);
    QList<qint64> ids;
    if (query.exec()) {
        while (query.next())
            ids.append(query.value(0).toLongLong());
    }
    if (query.lastError().isValid()) {
        const Error error = sqlError(query, action);
        rollback();
        return error;
    }
    query.finish();
    QStringList deletes { QStringLiteral("DELETE FROM lantir_entry_keys WHERE item_id IN (%1)"),
                          QStringLiteral("DELETE FROM worklist_items WHERE id IN (%1)") };
    if (hasMpps)
        deletes.prepend(QStringLiteral("DELETE FROM lantir_mpps WHERE worklist_item_id IN (%1)"));
    for (const QString& sql : std::as_const(deletes)) {
        query.prepare(sql.arg(questionMarks(ids.size())));
        for (const qint64 id : std::as_const(ids))
            query.addBindValue(id);
        if (!ids.isEmpty() && !query.exec()) {
            const Error error = sqlError(query, action);
            rollback();
            return error;
        }
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const Error error = sqlError(query, action);
        rollback();
        return error;
    }
    return qint64(ids.size());
}

Result<qint64> WorklistStore::purgeFinalRowsBefore(const QDate& cutoff, bool dryRun)
{
    const QString action = QStringLiteral("Deleting worklist rows older than the retention period");
    if (!isOpen())
        return notOpenError(action);
    const QString cutoffText = cutoff.toString(QStringLiteral("yyyyMMdd"));
    if (dryRun) {
        QSqlQuery count(m_db);
        count.prepare(QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE %1").arg(purgeCondition()));
        count.addBindValue(cutoffText);
        if (!count.exec() || !count.next())
            return sqlError(count, action);
        return count.value(0).toLongLong();
    }
    if (Result<void> writable = requireWritable(action); !writable)
        return writable.error();
    // The MPPS table of Lantir's DICOM server, when this database has one.
    const Result<QStringList> mpps = WorklistSchema::tableColumns(m_db, QStringLiteral("lantir_mpps"));
    if (!mpps)
        return mpps.error();
    const bool hasMpps = mpps.value().contains(QLatin1String("worklist_item_id"));
    qint64 total = 0;
    for (;;) {
        const Result<qint64> deleted = purgeChunk(cutoffText, hasMpps);
        if (!deleted)
            return deleted.error();
        total += deleted.value();
        if (deleted.value() < PurgeChunk)
            break;
    }
    return total;
}

Result<std::optional<QDateTime>> WorklistStore::stateTime(const QString& key)
{
    if (!isOpen())
        return notOpenError(QStringLiteral("Reading Lantir's state"));
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT value FROM lantir_state WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec())
        return sqlError(query, QStringLiteral("Reading %1 from lantir_state").arg(key));
    if (!query.next())
        return std::optional<QDateTime>();
    const QDateTime time = QDateTime::fromString(query.value(0).toString(), Qt::ISODateWithMs);
    return time.isValid() ? std::optional<QDateTime>(time.toUTC()) : std::optional<QDateTime>();
}

Result<void> WorklistStore::setStateTime(const QString& key, const QDateTime& utc)
{
    const QString action = QStringLiteral("Saving %1 in lantir_state").arg(key);
    if (Result<void> writable = requireWritable(action); !writable)
        return writable;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO lantir_state (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(utc.toUTC().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return sqlError(query, action);
    return {};
}

} // namespace Lantir
