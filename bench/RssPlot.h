#pragma once

#include "store/CycleReport.h"

#include <QList>
#include <QString>

namespace Lantir::Bench {

// Draws RSS at cycle start, peak, end and after release, per cycle, as a PNG.
bool drawRssPlot(const QList<CycleReport>& reports, const QString& title, const QString& path);

} // namespace Lantir::Bench
