#include "store/DatabaseCopier.h"

#include "base/Logging.h"
#include "store/CycleHistory.h"
#include "store/DatabaseConnection.h"
#include "store/SqliteFile.h"
#include "store/StoreError.h"
#include "store/TableCopy.h"
#include "store/WorklistSchema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <list>

namespace Lantir {

namespace {
// Every Lantir table, in the order they are copied (worklist_items first: the others name its ids).
QStringList lantirTables()
{
    return { WorklistSchema::WorklistTable, WorklistSchema::EntryKeysTable, WorklistSchema::StateTable,
             CycleHistory::TableName, WorklistSchema::MppsTable };
}

// The tables whose id a sequence numbers on PostgreSQL (SERIAL, BIGSERIAL).
bool hasSerialId(const QString& table)
{
    return table == WorklistSchema::WorklistTable || table == CycleHistory::TableName;
}

Error refusal(const QString& message)
{
    return makeError(Error::Kind::Config, message);
}

// A SQLite file's identity: its canonical path once it exists, else its absolute path.
QString fileIdentity(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
}

void rollback(QSqlDatabase& db)
{
    QSqlQuery undo(db);
    if (!undo.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStore) << "Rollback failed:" << undo.lastError().text();
}
} // namespace

qint64 CopySummary::totalRows() const
{
    qint64 total = 0;
    for (const CopiedTableCount& table : tables)
        total += table.rows;
    return total;
}

DatabaseCopier::DatabaseCopier(DatabaseTarget from, DatabaseTarget to)
    : m_from(std::move(from))
    , m_to(std::move(to))
{
}

DatabaseCopier::~DatabaseCopier()
{
    closeAll();
}

void DatabaseCopier::setBatchRows(int rows)
{
    m_batchRows = qMax(1, rows);
}

void DatabaseCopier::setProgress(Progress progress)
{
    m_progress = std::move(progress);
}

Result<CopySummary> DatabaseCopier::run()
{
    QElapsedTimer timer;
    timer.start();
    m_createdFile.clear();
    Result<CopySummary> copied = openAndCopy();
    closeAll();
    if (!copied) {
        removeCreatedFile();
        return copied;
    }
    m_createdFile.clear(); // the copy's now
    copied.value().elapsedMs = timer.elapsed();
    return copied;
}

Result<CopySummary> DatabaseCopier::openAndCopy()
{
    if (Result<void> different = refuseSameDatabase(); !different)
        return different.error();
    if (Result<void> opened = openFrom(); !opened)
        return opened.error();
    const Result<QList<QString>> tables = tablesOfFrom();
    if (!tables)
        return tables.error();
    if (Result<void> opened = openTo(); !opened)
        return opened.error();
    return copyInTransaction(tables.value());
}

Result<void> DatabaseCopier::refuseSameDatabase() const
{
    bool same = false;
    if (m_from.driver == m_to.driver && !m_from.isPostgres())
        same = fileIdentity(m_from.path) == fileIdentity(m_to.path);
    else if (m_from.driver == m_to.driver)
        same = m_from.postgres.host.compare(m_to.postgres.host, Qt::CaseInsensitive) == 0
            && m_from.postgres.port == m_to.postgres.port && m_from.postgres.name == m_to.postgres.name;
    if (!same)
        return {};
    return refusal(QStringLiteral("%1 is both the database to copy from and the one to copy into. Name "
                                  "another, empty database to copy into.")
                       .arg(m_from.describe()));
}

Result<void> DatabaseCopier::openFrom()
{
    if (!m_from.isPostgres()) {
        const QFileInfo info(m_from.path);
        if (!info.isFile())
            return refusal(QStringLiteral("The database to copy from, %1, does not exist (nothing was "
                                          "created). Check the path.")
                               .arg(m_from.describe()));
        if (Result<void> isSqlite = SqliteFile::checkHeader(info.absoluteFilePath()); !isSqlite)
            return isSqlite;
    }
    const QString name = QStringLiteral("lantir-copy-from-%1").arg(quintptr(this));
    Result<QSqlDatabase> opened = DatabaseConnection::open(m_from, name, true);
    if (!opened)
        return opened.error();
    m_fromDb = opened.value();
    // One snapshot for every table. SQLite's read transaction starts at its first read.
    const QStringList begin = DatabaseConnection::isPostgres(m_fromDb)
        ? QStringList { QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
                        QStringLiteral("SELECT 1") }
        : QStringList { QStringLiteral("BEGIN"), QStringLiteral("SELECT count(*) FROM sqlite_master") };
    QSqlQuery query(m_fromDb);
    for (const QString& sql : begin) {
        if (!query.exec(sql))
            return StoreError::fromSql(m_fromDb, query.lastError(),
                                       QStringLiteral("Reading the database to copy"));
    }
    query.finish();
    return {};
}

Result<QList<QString>> DatabaseCopier::tablesOfFrom()
{
    QList<QString> present;
    for (const QString& table : lantirTables()) {
        const Result<QStringList> columns = WorklistSchema::tableColumns(m_fromDb, table);
        if (!columns)
            return columns.error();
        if (!columns.value().isEmpty())
            present.append(table);
    }
    if (!present.contains(WorklistSchema::WorklistTable))
        return refusal(QStringLiteral("The database to copy from, %1, has no worklist_items table: it is "
                                      "not a worklist database.")
                           .arg(m_from.describe()));
    return present;
}

Result<void> DatabaseCopier::openTo()
{
    if (!m_to.isPostgres()) {
        const QFileInfo info(m_to.path);
        const QString absolute = info.absoluteFilePath();
        Result<void> ready = info.exists() ? SqliteFile::checkHeader(absolute)
                                           : SqliteFile::createFolders(info.absolutePath());
        if (ready && !info.exists()) {
            ready = SqliteFile::createPrivateFile(absolute);
            if (ready)
                m_createdFile = absolute;
        }
        if (!ready)
            return ready;
    }
    const QString name = QStringLiteral("lantir-copy-to-%1").arg(quintptr(this));
    Result<QSqlDatabase> opened = DatabaseConnection::open(m_to, name);
    if (!opened)
        return opened.error();
    m_toDb = opened.value();
    return {};
}

Result<CopySummary> DatabaseCopier::copyInTransaction(const QList<QString>& tables)
{
    if (QSqlError failed; !DatabaseConnection::beginWrite(m_toDb, &failed))
        return StoreError::fromSql(m_toDb, failed,
                                   QStringLiteral("Locking %1 for the copy").arg(m_to.describe()));
    // The copies keep their prepared statements until the transaction ended: PostgreSQL refuses
    // to free one inside a transaction that failed.
    std::list<TableCopy> copies;
    Result<CopySummary> copied = copyLocked(tables, copies);
    if (!copied) {
        rollback(m_toDb);
        return copied;
    }
    QSqlQuery commit(m_toDb);
    if (!commit.exec(QStringLiteral("COMMIT"))) {
        const Error error = StoreError::fromSql(
            m_toDb, commit.lastError(), QStringLiteral("Committing the copy into %1").arg(m_to.describe()));
        rollback(m_toDb);
        return error;
    }
    return copied;
}

Result<CopySummary> DatabaseCopier::copyLocked(const QList<QString>& tables, std::list<TableCopy>& copies)
{
    if (Result<void> empty = refuseRowsInTo(); !empty)
        return empty.error();
    if (Result<void> created = WorklistSchema::createWithin(m_toDb); !created)
        return created.error();
    CopySummary summary;
    for (const QString& table : tables) {
        const Result<QStringList> columns = WorklistSchema::tableColumns(m_fromDb, table);
        if (!columns)
            return columns.error();
        const Result<QStringList> target = WorklistSchema::tableColumns(m_toDb, table);
        if (!target)
            return target.error();
        QStringList absent;
        for (const QString& column : columns.value()) {
            if (!target.value().contains(column))
                absent.append(column);
        }
        if (!absent.isEmpty())
            return refusal(
                QStringLiteral("The table %1 of %2 has the column(s) %3, which the same table of %4 "
                               "lacks. Nothing was copied.")
                    .arg(table, m_from.describe(), absent.join(QLatin1String(", ")), m_to.describe()));
        TableCopy& copy
            = copies.emplace_back(m_fromDb, m_toDb, table, columns.value(), TableCopy::keyColumnsOf(table));
        copy.setBatchRows(m_batchRows);
        copy.setProgress(m_progress);
        const Result<qint64> rows = copy.run();
        if (!rows)
            return rows.error();
        summary.tables.append(CopiedTableCount { table, rows.value() });
    }
    if (Result<void> continued = continueSequences(tables); !continued)
        return continued.error();
    return summary;
}

Result<void> DatabaseCopier::refuseRowsInTo()
{
    for (const QString& table : lantirTables()) {
        const Result<QStringList> columns = WorklistSchema::tableColumns(m_toDb, table);
        if (!columns)
            return columns.error();
        if (columns.value().isEmpty())
            continue;
        QSqlQuery query(m_toDb);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT 1 FROM %1 LIMIT 1").arg(table)))
            return StoreError::fromSql(m_toDb, query.lastError(),
                                       QStringLiteral("Reading table %1").arg(table));
        if (query.next())
            return refusal(
                QStringLiteral("The database to copy into, %1, already holds rows (table %2). Lantir "
                               "copies only into an empty database, so that no row there is "
                               "mixed with or overwritten by the copied ones. Nothing was written.")
                    .arg(m_to.describe(), table));
    }
    return {};
}

// PostgreSQL numbers new ids from a sequence, which the copied ids did not advance: each is set
// to continue after the largest copied id. SQLite's next rowid follows the largest by itself (and
// sqlite_sequence, for a table made with AUTOINCREMENT, is raised by the inserts).
Result<void> DatabaseCopier::continueSequences(const QList<QString>& tables)
{
    if (!DatabaseConnection::isPostgres(m_toDb))
        return {};
    QSqlQuery query(m_toDb);
    for (const QString& table : tables) {
        if (!hasSerialId(table))
            continue;
        const QString sql = QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                           "COALESCE(MAX(id), 0) + 1, false) FROM %1")
                                .arg(table);
        if (!query.exec(sql))
            return StoreError::fromSql(m_toDb, query.lastError(),
                                       QStringLiteral("Continuing the ids of table %1").arg(table));
    }
    return {};
}

void DatabaseCopier::closeAll()
{
    if (m_fromDb.isValid() && m_fromDb.isOpen())
        rollback(m_fromDb); // ends the read snapshot; nothing was written there
    DatabaseConnection::closeAndRemove(m_fromDb);
    DatabaseConnection::closeAndRemove(m_toDb);
}

// A SQLite file made for a copy that failed goes again, with its journal, so that TO is as before.
void DatabaseCopier::removeCreatedFile()
{
    if (m_createdFile.isEmpty())
        return;
    for (const QLatin1String suffix :
         { QLatin1String(""), QLatin1String("-journal"), QLatin1String("-wal"), QLatin1String("-shm") })
        QFile::remove(m_createdFile + suffix);
    qCInfo(lcStore) << "Removed" << QDir::toNativeSeparators(m_createdFile) << "after the failed copy";
    m_createdFile.clear();
}

} // namespace Lantir
