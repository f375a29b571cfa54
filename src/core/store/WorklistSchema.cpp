#include "store/WorklistSchema.h"

#include "base/Logging.h"
#include "store/CycleHistory.h"
#include "store/DatabaseConnection.h"
#include "store/StoreError.h"
#include "worklist/WorklistColumns.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

#include <functional>

namespace Lantir {

namespace {
// SQLAlchemy's rendering of pylantir's models.WorklistItem: one tab-indented line per column,
// ", " before each newline, the primary key as a table constraint.
constexpr const char* WorklistItemsDdl = "CREATE TABLE worklist_items (\n"
                                         "\tid INTEGER NOT NULL, \n"
                                         "\tstudy_instance_uid VARCHAR(100), \n"
                                         "\tpatient_name VARCHAR(100), \n"
                                         "\tpatient_id VARCHAR(50), \n"
                                         "\tpatient_birth_date VARCHAR(8), \n"
                                         "\tpatient_sex VARCHAR(1), \n"
                                         "\tpatient_weight_lb VARCHAR(10), \n"
                                         "\taccession_number VARCHAR(50), \n"
                                         "\treferring_physician_name VARCHAR(100), \n"
                                         "\tmodality VARCHAR(10), \n"
                                         "\tstudy_description VARCHAR(100), \n"
                                         "\tscheduled_station_aetitle VARCHAR(100), \n"
                                         "\tscheduled_start_date VARCHAR(8), \n"
                                         "\tscheduled_start_time VARCHAR(6), \n"
                                         "\tperforming_physician VARCHAR(100), \n"
                                         "\tprocedure_description VARCHAR(200), \n"
                                         "\tprotocol_name VARCHAR(100), \n"
                                         "\tstation_name VARCHAR(100), \n"
                                         "\thisris_coding_designator VARCHAR(100), \n"
                                         "\tperformed_procedure_step_status VARCHAR, \n"
                                         "\tdata_source VARCHAR(255), \n"
                                         "\tPRIMARY KEY (id)\n"
                                         ")";

QString nativePath(const QSqlDatabase& db)
{
    return QDir::toNativeSeparators(db.databaseName());
}

Result<void> execAll(QSqlDatabase& db, const QStringList& statements)
{
    QSqlQuery query(db);
    for (const QString& sql : statements) {
        if (!query.exec(sql))
            return StoreError::fromSql(db, query.lastError(), QStringLiteral("Creating Lantir's tables"));
    }
    return {};
}

// Names of the tables and indexes that exist among `names` (in PostgreSQL's current schema).
Result<QSet<QString>> existingObjects(const QSqlDatabase& db, const QStringList& names)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString sql = DatabaseConnection::isPostgres(db)
        ? QStringLiteral("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'i')")
        : QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')");
    if (!query.exec(sql))
        return StoreError::fromSql(db, query.lastError(), QStringLiteral("Reading the database schema"));
    QSet<QString> found;
    while (query.next()) {
        const QString name = query.value(0).toString();
        if (names.contains(name))
            found.insert(name);
    }
    return found;
}

Error missingColumnsError(const QSqlDatabase& db, const QStringList& missing)
{
    return makeError(
        Error::Kind::Database,
        QStringLiteral("The database %1 has a worklist_items table without the column(s) %2, which "
                       "pylantir's DICOM server and Lantir both need. Lantir never alters an "
                       "existing table: add the column(s) (for data_source, pylantir's "
                       "scripts/migrate_add_data_source.py does it), or choose another database "
                       "file.")
            .arg(nativePath(db), missing.join(QLatin1String(", "))));
}

// A side table of ours that exists must have the columns this version uses.
Result<void> checkSideTable(const QSqlDatabase& db, const QString& table, const QStringList& expected)
{
    const Result<QStringList> columns = WorklistSchema::tableColumns(db, table);
    if (!columns)
        return columns.error();
    if (columns.value().isEmpty())
        return {};
    QStringList missing;
    for (const QString& name : expected) {
        if (!columns.value().contains(name))
            missing.append(name);
    }
    if (missing.isEmpty())
        return {};
    return makeError(
        Error::Kind::Database,
        QStringLiteral("The database %1 has a table %2 without the column(s) %3. It was not made "
                       "by this version of Lantir; choose another database file or remove that "
                       "table (Lantir rebuilds it, pylantir does not use it).")
            .arg(nativePath(db), table, missing.join(QLatin1String(", "))));
}
} // namespace

QString WorklistSchema::worklistItemsDdl()
{
    return QString::fromLatin1(WorklistItemsDdl);
}

QString WorklistSchema::worklistItemsDdl(const QSqlDatabase& db)
{
    QString ddl = worklistItemsDdl();
    if (!DatabaseConnection::isPostgres(db))
        return ddl;
    // SQLAlchemy's rendering for PostgreSQL: the integer primary key is a SERIAL. The lengths go:
    // SQLite ignores them, and pylantir's own values exceed them (scheduled_start_date is
    // VARCHAR(8) but holds YYYY-MM-DD), which PostgreSQL would refuse.
    ddl.replace(QLatin1String("\tid INTEGER NOT NULL"), QLatin1String("\tid SERIAL NOT NULL"));
    static const QRegularExpression length(QStringLiteral("VARCHAR\\(\\d+\\)"));
    ddl.replace(length, QStringLiteral("VARCHAR"));
    return ddl;
}

QStringList WorklistSchema::sideTableDdl(const QSqlDatabase& db)
{
    QStringList ddl = sideTableDdl();
    if (DatabaseConnection::isPostgres(db))
        ddl.replaceInStrings(QLatin1String(") WITHOUT ROWID"), QLatin1String(")"));
    return ddl;
}

QStringList WorklistSchema::sideTableDdl()
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS lantir_entry_keys (\n"
                       "    source TEXT NOT NULL,\n"
                       "    record_id TEXT NOT NULL,\n"
                       "    event_name TEXT NOT NULL DEFAULT '',\n"
                       "    repeat_instance TEXT NOT NULL DEFAULT '',\n"
                       "    item_id INTEGER NOT NULL,\n"
                       "    PRIMARY KEY (source, record_id, event_name, repeat_instance)\n"
                       ") WITHOUT ROWID"),
        // One key per row. When a deleted row's id is handed out again, the stale key that still
        // names it is dropped by the INSERT OR REPLACE of the new row's key.
        QStringLiteral(
            "CREATE UNIQUE INDEX IF NOT EXISTS lantir_entry_keys_item ON lantir_entry_keys (item_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS lantir_state (\n"
                       "    key TEXT NOT NULL PRIMARY KEY,\n"
                       "    value TEXT\n"
                       ")"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS lantir_worklist_items_patient "
                       "ON worklist_items (patient_id, patient_name)"),
    };
}

QString WorklistSchema::mppsTableDdl(const QSqlDatabase& db)
{
    Q_UNUSED(db) // TEXT and INTEGER mean the same on both drivers
    return QStringLiteral("CREATE TABLE IF NOT EXISTS lantir_mpps ("
                          "sop_instance_uid TEXT PRIMARY KEY NOT NULL, "
                          "status TEXT NOT NULL, "
                          "worklist_item_id INTEGER, "
                          "calling_aet TEXT, "
                          "start_date TEXT, start_time TEXT, end_date TEXT, end_time TEXT, "
                          "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)");
}

namespace {
Result<QStringList> postgresTableColumns(const QSqlDatabase& db, const QString& table)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT column_name FROM information_schema.columns "
                                 "WHERE table_schema = current_schema() AND table_name = ? "
                                 "ORDER BY ordinal_position"));
    query.addBindValue(table);
    if (!query.exec())
        return StoreError::fromSql(db, query.lastError(),
                                   QStringLiteral("Reading the columns of table ") + table);
    QStringList columns;
    while (query.next())
        columns.append(query.value(0).toString());
    return columns;
}
} // namespace

Result<QStringList> WorklistSchema::tableColumns(const QSqlDatabase& db, const QString& table)
{
    if (DatabaseConnection::isPostgres(db))
        return postgresTableColumns(db, table);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // table_info cannot take a bound parameter; the table names used here are our own constants,
    // quoted all the same.
    QString quoted = table;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    if (!query.exec(QLatin1String("PRAGMA table_info(\"") + quoted + QLatin1String("\")")))
        return StoreError::fromSql(db, query.lastError(),
                                   QStringLiteral("Reading the columns of table ") + table);
    QStringList columns;
    while (query.next())
        columns.append(query.value(1).toString());
    if (query.lastError().isValid())
        return StoreError::fromSql(db, query.lastError(),
                                   QStringLiteral("Reading the columns of table ") + table);
    return columns;
}

QStringList WorklistSchema::missingWorklistColumns(const QStringList& present)
{
    QStringList missing;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        const QString name = Worklist::columnName(static_cast<Worklist::Column>(c));
        if (!present.contains(name))
            missing.append(name);
    }
    return missing;
}

namespace {

// An existing worklist_items must have pylantir's columns; extra ones are left alone.
Result<void> checkWorklistColumns(const QSqlDatabase& db, const QStringList& columns)
{
    const QStringList missing = WorklistSchema::missingWorklistColumns(columns);
    if (!missing.isEmpty())
        return missingColumnsError(db, missing);
    if (columns.size() > Worklist::ColumnCount)
        qCInfo(lcStore) << "worklist_items has" << columns.size() - Worklist::ColumnCount
                        << "extra column(s); they are left as they are";
    return {};
}

Result<void> checkSideTables(const QSqlDatabase& db)
{
    const QStringList sideColumnsKeys { QStringLiteral("source"), QStringLiteral("record_id"),
                                        QStringLiteral("event_name"), QStringLiteral("repeat_instance"),
                                        QStringLiteral("item_id") };
    const QStringList sideColumnsState { QStringLiteral("key"), QStringLiteral("value") };
    for (const auto& [table, columns] :
         { std::pair<QString, QStringList>(WorklistSchema::EntryKeysTable, sideColumnsKeys),
           std::pair<QString, QStringList>(WorklistSchema::StateTable, sideColumnsState),
           std::pair<QString, QStringList>(CycleHistory::TableName, CycleHistory::requiredColumnNames()) }) {
        const Result<void> checked = checkSideTable(db, table, columns);
        if (!checked)
            return checked;
    }
    return {};
}

// Every table and index, inside the caller's write transaction.
Result<void> createAll(QSqlDatabase& db, bool createWorklist)
{
    QStringList statements;
    if (createWorklist) {
        QString ddl = WorklistSchema::worklistItemsDdl(db);
        ddl.replace(0, int(qstrlen("CREATE TABLE")), QStringLiteral("CREATE TABLE IF NOT EXISTS"));
        statements.append(ddl);
    }
    statements += WorklistSchema::sideTableDdl(db);
    Result<void> created = execAll(db, statements);
    if (created)
        created = CycleHistory::createTable(db);
    if (!created)
        return created;
    // A sync_cycles of an earlier version gets the columns added since.
    const Result<QStringList> history = WorklistSchema::tableColumns(db, CycleHistory::TableName);
    if (!history)
        return history.error();
    if (created = CycleHistory::addMissingColumns(db, history.value()); !created)
        return created;
    // Re-check: the table may have been made by another program between our look and the lock.
    const Result<QStringList> columns = WorklistSchema::tableColumns(db, WorklistSchema::WorklistTable);
    if (!columns)
        return columns.error();
    if (const QStringList missing = WorklistSchema::missingWorklistColumns(columns.value());
        !missing.isEmpty())
        return missingColumnsError(db, missing);
    return {};
}

// Something is missing: create it all in one write transaction (IF NOT EXISTS throughout, in case
// pylantir or another Lantir created a part in the meantime).
Result<void> createInTransaction(QSqlDatabase& db, const std::function<Result<void>()>& create)
{
    QSqlQuery tx(db);
    if (QSqlError failed; !DatabaseConnection::beginWrite(db, &failed))
        return StoreError::fromSql(db, failed, QStringLiteral("Preparing the worklist database"));
    auto rollback = [&db]() {
        QSqlQuery undo(db);
        if (!undo.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcStore) << "Rollback failed:" << undo.lastError().text();
    };
    if (Result<void> created = create(); !created) {
        rollback();
        return created;
    }
    if (!tx.exec(QStringLiteral("COMMIT"))) {
        const Error error
            = StoreError::fromSql(db, tx.lastError(), QStringLiteral("Preparing the worklist database"));
        rollback();
        return error;
    }
    return {};
}

} // namespace

Result<void> WorklistSchema::ensure(QSqlDatabase& db)
{
    const Result<QStringList> worklistColumns = tableColumns(db, WorklistTable);
    if (!worklistColumns)
        return worklistColumns.error();
    const bool createWorklist = worklistColumns.value().isEmpty();
    if (!createWorklist) {
        if (Result<void> checked = checkWorklistColumns(db, worklistColumns.value()); !checked)
            return checked;
    }
    if (Result<void> checked = checkSideTables(db); !checked)
        return checked;

    const QStringList needed { EntryKeysTable,
                               StateTable,
                               PatientIndex,
                               EntryKeysItemIndex,
                               CycleHistory::TableName,
                               CycleHistory::StartedAtIndex };
    const Result<QSet<QString>> existing = existingObjects(db, needed);
    if (!existing)
        return existing.error();
    const Result<QStringList> history = tableColumns(db, CycleHistory::TableName);
    if (!history)
        return history.error();
    const bool upgradeHistory
        = !history.value().isEmpty() && !CycleHistory::missingAddedColumns(history.value()).isEmpty();
    if (!createWorklist && !upgradeHistory && existing.value().size() == needed.size())
        return {};

    if (Result<void> created = createInTransaction(db, [&] { return createAll(db, createWorklist); });
        !created)
        return created;
    if (createWorklist)
        qCInfo(lcStore) << "Created table worklist_items in" << nativePath(db);
    if (upgradeHistory)
        qCInfo(lcStore) << "Added the cancelled, restored and purged counts to sync_cycles in"
                        << nativePath(db);
    return {};
}

Result<void> WorklistSchema::createWithin(QSqlDatabase& db)
{
    const Result<QStringList> worklistColumns = tableColumns(db, WorklistTable);
    if (!worklistColumns)
        return worklistColumns.error();
    if (!worklistColumns.value().isEmpty()) {
        if (Result<void> checked = checkWorklistColumns(db, worklistColumns.value()); !checked)
            return checked;
    }
    if (Result<void> checked = checkSideTables(db); !checked)
        return checked;
    if (Result<void> created = createAll(db, worklistColumns.value().isEmpty()); !created)
        return created;
    return execAll(db, { mppsTableDdl(db), scheduledDateIndexDdl() });
}

Result<void> WorklistSchema::ensureServerTables(QSqlDatabase& db)
{
    const QStringList needed { MppsTable, ScheduledDateIndex };
    const Result<QSet<QString>> existing = existingObjects(db, needed);
    if (!existing)
        return existing.error();
    if (existing.value().size() == needed.size())
        return {};
    return createInTransaction(db, [&db] {
        return execAll(db, { mppsTableDdl(db), scheduledDateIndexDdl() });
    });
}

QString WorklistSchema::scheduledDateIndexDdl()
{
    return QStringLiteral("CREATE INDEX IF NOT EXISTS lantir_worklist_items_sps_date ON "
                          "worklist_items (replace(scheduled_start_date, '-', ''))");
}

} // namespace Lantir
