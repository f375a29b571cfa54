#pragma once

#include "base/Result.h"

#include <QFile>
#include <QObject>
#include <QString>

namespace Lantir {

class SyncController;
struct CycleReport;

// `lantir --cycles N [--full] --report FILE`: the desktop app's memory soak (lantir-bench
// --desktop). Each time a cycle has ended and the window has taken it in (its tables, log and
// chart), measures the app's RSS and heap in use on the GUI thread, appends the cycle's report
// with them as one JSON line to FILE and asks for the next cycle at once, until N cycles have
// ended; then emits finished(). The schedule keeps running beside it.
class CycleSoak : public QObject
{
    Q_OBJECT

public:
    CycleSoak(int cycles, bool full, const QString& reportPath, SyncController* controller,
              QObject* parent = nullptr);

    // Creates (truncates) the report file; an error names the file and the reason.
    Result<void> open();
    int cyclesSeen() const { return m_seen; }

Q_SIGNALS:
    void finished(bool ok);

private:
    void onCycleFinished(const CycleReport& report);
    bool append(const CycleReport& report);

    int m_cycles;
    bool m_full;
    int m_seen = 0;
    bool m_ok = true;
    QFile m_report;
    SyncController* m_controller;
};

} // namespace Lantir
