#include "TestSync.h"

#include "sync/CycleOptions.h"
#include "sync/SyncEngine.h"

namespace Lantir::Test {

SyncConfig TestSync::config(const QUrl& apiUrl, const QString& dbPath, int batchSize, int maxTries,
                            bool mapDemographics)
{
    SyncConfig config;
    config.apiUrl = apiUrl;
    config.databasePath = dbPath;
    config.batchSize = batchSize;
    config.requestTimeoutMs = 3000;
    config.maxTries = maxTries;
    config.retryBaseDelayMs = 10;
    config.mapping.site = QStringLiteral("792");
    config.mapping.protocol = QStringLiteral("BRAIN_MRI_3T");
    if (mapDemographics) {
        config.mapping.fieldMapping
            = { { QStringLiteral("youth_dob_y"), QStringLiteral("patient_birth_date") },
                { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") } };
    }
    return config;
}

CycleReport TestSync::run(SyncEngine& engine, bool full)
{
    CycleOptions options;
    options.full = full;
    return engine.runCycle(options);
}

} // namespace Lantir::Test
