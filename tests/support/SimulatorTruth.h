#pragma once

#include <QJsonArray>

namespace Lantir::Test {

// What a worklist synced from the simulator must hold, as the simulator knows it: its project's
// rows now, and the scan visits that have stopped being visits (deleted, their record deleted,
// or unscheduled) as they were when a sync could last see them. Lantir never deletes a row
// (nor does pylantir), so those keep the values of that moment.
struct SimulatorTruth
{
    QJsonArray rows; // every row of the project, with every field, as a full export gives them
    // One object per retired visit: {"baseline": <the record's baseline row>, "visit": <its scan row>},
    // plus "record_deleted": true when it went with its whole record.
    QJsonArray retired;
};

} // namespace Lantir::Test
