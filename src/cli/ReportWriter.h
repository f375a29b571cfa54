#pragma once

#include "base/Result.h"
#include "store/CycleReport.h"

#include <QString>

class QFile;

namespace Lantir {

// Appends one JSON object per cycle, one per line (JSON Lines), to the --report file.
class ReportWriter
{
public:
    explicit ReportWriter(QString path);

    bool isEnabled() const { return !m_path.isEmpty(); }
    // Creates the file (0600) if absent, so a bad path fails before the first cycle.
    Result<void> prepare();
    Result<void> append(const CycleReport& report);

private:
    Result<void> openForAppend(QFile& file) const;

    QString m_path;
};

} // namespace Lantir
