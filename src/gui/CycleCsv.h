#pragma once

#include "base/Result.h"
#include "store/CycleReport.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Lantir {

// The cycle history as CSV (RFC 4180, UTF-8, header row, one cycle a line, oldest first).
// Column names follow the JSON report keys; memory in KiB as stored, empty where unknown.
class CycleCsv
{
    Q_DECLARE_TR_FUNCTIONS(CycleCsv)

public:
    static QByteArray header();
    static QByteArray line(const CycleReport& report);
    static QByteArray toCsv(const QList<CycleReport>& reports);
    // Writes the file whole or not at all (QSaveFile).
    static Result<void> write(const QString& path, const QList<CycleReport>& reports);
};

} // namespace Lantir
