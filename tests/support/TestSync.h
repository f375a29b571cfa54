#pragma once

#include "config/SyncConfig.h"
#include "store/CycleReport.h"

#include <QUrl>

namespace Lantir {
class SyncEngine;
}

namespace Lantir::Test {

// The sync set up as the engine-level suites use it against the simulator.
class TestSync
{
public:
    // Site 792, protocol BRAIN_MRI_3T, 3 s request timeout, 10 ms retry waits; with
    // `mapDemographics`, youth_dob_y and demo_sex go to the birth date and sex columns.
    static SyncConfig config(const QUrl& apiUrl, const QString& dbPath, int batchSize, int maxTries,
                             bool mapDemographics);
    static CycleReport run(SyncEngine& engine, bool full = false);
};

} // namespace Lantir::Test
