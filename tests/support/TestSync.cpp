#include "TestSync.h"

#include "sync/CycleOptions.h"
#include "sync/SyncEngine.h"

namespace Lantir::Test {

SyncConfig TestSync::config(const QUrl& apiUrl, const QString& dbPath, int batchSize, int maxTries,
                            bool mapDemographics)
{
    SyncConfig config;
    config.databasePath = dbPath;
    SourceConfig& source = config.sources.first();
    source.apiUrl = apiUrl;
    source.batchSize = batchSize;
    source.requestTimeoutMs = 3000;
    source.maxTries = maxTries;
    source.retryBaseDelayMs = 10;
    source.mapping.site = QStringLiteral("792");
    source.mapping.protocol = QStringLiteral("BRAIN_MRI_3T");
    if (mapDemographics) {
        source.mapping.fieldMapping
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
