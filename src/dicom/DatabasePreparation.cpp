#include "dicom/DatabasePreparation.h"

#include "dicom/DicomLogging.h"
#include "store/StoreError.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Lantir::Dicom {

namespace {
Result<void> createServerObjects(QSqlDatabase& db)
{
    QSqlQuery q(db);
    const QString statements[] = {
        WorklistSchema::mppsTableDdl(db),
        QStringLiteral("CREATE INDEX IF NOT EXISTS lantir_worklist_items_sps_date ON "
                       "worklist_items (replace(scheduled_start_date, '-', ''))"),
    };
    for (const QString& statement : statements) {
        if (!q.exec(statement))
            return StoreError::fromSql(
                db, q.lastError(), QStringLiteral("Preparing the worklist database for the DICOM server"));
    }
    return {};
}
} // namespace

Result<void> DatabasePreparation::prepare(const DatabaseTarget& database)
{
    WorklistStore store;
    if (Result<void> opened = store.open(database); !opened)
        return opened;
    QSqlDatabase db = store.database();
    return createServerObjects(db);
}

Result<void> DatabasePreparation::prepare(QSqlDatabase& db)
{
    if (Result<void> ensured = WorklistSchema::ensure(db); !ensured)
        return ensured;
    return createServerObjects(db);
}

bool DatabaseReadiness::ensure(QSqlDatabase& db)
{
    if (isReady())
        return true;
    if (Result<void> prepared = DatabasePreparation::prepare(db); !prepared) {
        qCWarning(lcDicom).noquote() << prepared.error().message;
        return false;
    }
    reset(true);
    qCInfo(lcDicom) << "The worklist database is reachable again and ready for the worklist server";
    return true;
}

} // namespace Lantir::Dicom
