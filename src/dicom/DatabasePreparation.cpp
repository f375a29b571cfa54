#include "dicom/DatabasePreparation.h"

#include "dicom/DicomLogging.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"

namespace Lantir::Dicom {

Result<void> DatabasePreparation::prepare(const DatabaseTarget& database)
{
    WorklistStore store;
    if (Result<void> opened = store.open(database); !opened)
        return opened;
    QSqlDatabase db = store.database();
    return WorklistSchema::ensureServerTables(db);
}

Result<void> DatabasePreparation::prepare(QSqlDatabase& db)
{
    if (Result<void> ensured = WorklistSchema::ensure(db); !ensured)
        return ensured;
    return WorklistSchema::ensureServerTables(db);
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
