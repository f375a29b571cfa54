#pragma once

#include "SimulatorTruth.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Lantir::Test {

// The mapping settings a sync ran with, as far as the expected worklist depends on them. The
// rest is the documented default (docs/CONFIGURATION.md, "How REDCap rows become worklist rows").
struct TruthMapping
{
    QString sourceName = QStringLiteral("REDCap");
    QString site = QStringLiteral("792");
    QString protocol = QStringLiteral("BRAIN_MRI_3T");
    bool mapDemographics = true; // field_mapping youth_dob_y -> patient_birth_date, demo_sex -> patient_sex
    // Every row's performed_procedure_step_status when nothing but the sync wrote the database
    // (new rows start SCHEDULED and the sync never changes a status); empty: not compared.
    QString expectedStatus = QStringLiteral("SCHEDULED");
    // The status of a retired visit (its row deleted, its time or date cleared): Lantir cancels
    // its row in the next cycle. Empty: not compared.
    QString retiredStatus = QStringLiteral("CANCELED");
    // The status of a visit retired with its whole record: cancelled only by a reconcile (every
    // worklist.reconcile_interval_s, and --full), so SCHEDULED until one runs after the deletion.
    QString deletedRecordStatus = QStringLiteral("SCHEDULED");
};

// One worklist row the truth calls for. A null QString is SQL NULL.
struct ExpectedRow
{
    QString recordId;
    QString eventName;
    QString repeatInstance;
    QHash<QString, QString> columns; // every worklist_items column but id and study_instance_uid
};

// What a comparison found. Every count is of problems, except expected, rows and matching.
struct TruthCheck
{
    int expected = 0; // rows the truth calls for
    int rows = 0; // rows of worklist_items
    int matching = 0;
    int mismatched = 0; // rows of an expected visit with a column that differs
    int missing = 0; // expected visits without a row
    int unexpected = 0; // rows whose entry key names no expected visit
    int unkeyed = 0; // rows without an entry key
    int danglingKeys = 0; // entry keys whose row is gone
    int duplicates = 0; // rows beyond the first with the same patient_id
    int badUids = 0; // empty, not 2.25., or shared Study Instance UIDs
    QString error; // the database could not be read
    QStringList diff; // the first problems, one line each

    bool equal() const;
    // "equal: 4021 rows" or "DIFFERENT: 2 mismatched, 1 missing, ... (4021 expected, 4020 rows)".
    QString summary() const;
};

// Compares a worklist database with the simulator's truth, without Lantir's merge and mapping
// code: the expected rows come from a separate, plain reading of the documented rules, so a bug
// there shows up as a difference. Every worklist_items column is compared (a column the
// mapping does not write must be NULL) except id and the Study Instance UID, which must be a
// unique 2.25 UID. Rows are matched to visits through Lantir's entry keys
// (lantir_entry_keys: source, record, event, repeat instance); a row without a key, a key
// without a row, and two rows with one patient_id are differences too.
class WorklistTruthChecker
{
public:
    explicit WorklistTruthChecker(TruthMapping mapping = {});

    // The rows the truth calls for, in record, event and instance order.
    QList<ExpectedRow> expectedRows(const SimulatorTruth& truth) const;

    // Reads the database at `path` through a connection of its own; `maxDiff` bounds the
    // lines of TruthCheck::diff (the counts are always complete).
    TruthCheck check(const QString& path, const SimulatorTruth& truth, int maxDiff = 20) const;
    // The same through an open connection (a PostgreSQL database, say).
    TruthCheck check(const QSqlDatabase& db, const SimulatorTruth& truth, int maxDiff = 20) const;

    // worklist_items' 21 columns, in pylantir's order.
    static const QStringList& columnNames();

private:
    // `status`: the performed_procedure_step_status expected (empty: not compared).
    void mapRecord(const QString& recordId, const QList<QJsonObject>& rows, const QString& status,
                   QHash<QString, ExpectedRow>& into) const;

    TruthMapping m_mapping;
};

} // namespace Lantir::Test
