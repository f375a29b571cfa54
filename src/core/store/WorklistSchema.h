#pragma once

#include "base/Result.h"

#include <QLatin1StringView>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Lantir {

// The tables of a worklist database.
//
// `worklist_items` is pylantir's table, created exactly as its SQLAlchemy model creates it so that
// pylantir's DICOM server reads a Lantir database unchanged. Lantir never drops or alters it; an
// existing one must have all 21 columns (extra columns are fine, pylantir ignores them too).
//
// Lantir keeps its own data in side tables pylantir never reads:
//   lantir_entry_keys  the stable identity of each entry (source, record id, event, repeat
//                      instance) -> worklist_items.id, at most one key per row. No foreign
//                      key: pylantir (which never enables foreign key enforcement) may delete
//                      rows; a key pointing at a row that is gone is replaced, and dropped when
//                      SQLite hands the id to a new row of ours.
//   lantir_state       key/value pairs, e.g. the incremental high-water mark per source.
//   sync_cycles        one row per sync cycle report (see CycleHistory).
//   lantir_mpps        one row per Performed Procedure Step a scanner reported (the worklist
//                      server's, created when the server starts; see Dicom::MppsStore).
// plus an index on worklist_items(patient_id, patient_name) for adopting pylantir's rows.
class WorklistSchema
{
public:
    static constexpr QLatin1StringView WorklistTable { "worklist_items" };
    static constexpr QLatin1StringView EntryKeysTable { "lantir_entry_keys" };
    static constexpr QLatin1StringView StateTable { "lantir_state" };
    static constexpr QLatin1StringView MppsTable { "lantir_mpps" };
    static constexpr QLatin1StringView ScheduledDateIndex { "lantir_worklist_items_sps_date" };
    static constexpr QLatin1StringView PatientIndex { "lantir_worklist_items_patient" };
    static constexpr QLatin1StringView EntryKeysItemIndex { "lantir_entry_keys_item" };

    // pylantir's CREATE TABLE for worklist_items, character for character as SQLAlchemy emits it
    // for pylantir's model (that text is what sqlite_master keeps).
    static QString worklistItemsDdl();
    // The same for the driver of `db`: on PostgreSQL the id is a SERIAL, as SQLAlchemy makes it there.
    static QString worklistItemsDdl(const QSqlDatabase& db);

    // CREATE statements (IF NOT EXISTS) for Lantir's side tables and indexes, sync_cycles aside.
    static QStringList sideTableDdl();
    static QStringList sideTableDdl(const QSqlDatabase& db);

    // CREATE TABLE IF NOT EXISTS for lantir_mpps, for the driver of `db` (the same text on both:
    // its types are TEXT and INTEGER, and it has no generated id).
    static QString mppsTableDdl(const QSqlDatabase& db);
    // The worklist server's index on the scheduled date as it compares it (without dashes).
    static QString scheduledDateIndexDdl();

    // Column names of `table` in PRAGMA table_info order (PostgreSQL: the current schema's table, in
    // ordinal order); empty when the table does not exist.
    static Result<QStringList> tableColumns(const QSqlDatabase& db, const QString& table);

    // The worklist columns (pylantir's order) absent from `present`.
    static QStringList missingWorklistColumns(const QStringList& present);

    // Makes `db` a worklist database: creates worklist_items when absent (never touches an
    // existing one), refuses one that lacks columns (naming them), creates the side tables,
    // indexes and sync_cycles. Writes only when something is missing, in one write transaction
    // (DatabaseConnection::beginWrite), so an up-to-date database is opened without taking a write lock.
    static Result<void> ensure(QSqlDatabase& db);

    // Inside the caller's write transaction: checks the tables that exist as ensure() does and
    // creates every table and index that is missing, lantir_mpps included. Nothing is committed.
    static Result<void> createWithin(QSqlDatabase& db);

    // What the worklist server adds to an ensure()d database: lantir_mpps and the date index,
    // created when missing (in one write transaction). A database that has them is not written to,
    // so a server whose role may not create tables serves one its administrator prepared.
    static Result<void> ensureServerTables(QSqlDatabase& db);
};

} // namespace Lantir
