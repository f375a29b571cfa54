#include "CycleSoak.h"

#include "base/Logging.h"
#include "memory/MemoryProbe.h"
#include "store/CycleReport.h"
#include "sync/SyncController.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace Lantir {

CycleSoak::CycleSoak(int cycles, bool full, const QString& reportPath, SyncController* controller,
                     QObject* parent)
    : QObject(parent)
    , m_cycles(qMax(1, cycles))
    , m_full(full)
    , m_report(reportPath)
    , m_controller(controller)
{
    connect(controller, &SyncController::cycleFinished, this, &CycleSoak::onCycleFinished);
}

Result<void> CycleSoak::open()
{
    if (m_report.fileName().isEmpty())
        return {};
    if (!m_report.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return Error {
            Error::Kind::Config,
            tr("Cannot write the cycle report %1: %2").arg(m_report.fileName(), m_report.errorString())
        };
    return {};
}

void CycleSoak::onCycleFinished(const CycleReport& report)
{
    if (m_seen >= m_cycles)
        return;
    ++m_seen;
    // The window took the report in from the same signal; what it queued (the worklist reload,
    // the chart) runs before this.
    QTimer::singleShot(0, this, [this, report] {
        m_ok = append(report) && m_ok;
        if (m_seen >= m_cycles) {
            Q_EMIT finished(m_ok);
            return;
        }
        m_controller->syncNow(m_full);
    });
}

bool CycleSoak::append(const CycleReport& report)
{
    if (!m_report.isOpen())
        return true;
    QJsonObject line = report.toJson();
    line.insert(QStringLiteral("app_rss_kb"), MemoryProbe::currentRssKb());
    line.insert(QStringLiteral("app_heap_kb"), MemoryProbe::heapInUseKb());
    const QByteArray text = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    if (m_report.write(text) != text.size() || !m_report.flush()) {
        qCWarning(lcSync).noquote() << "Cannot write the cycle report" << m_report.fileName()
                                    << m_report.errorString();
        return false;
    }
    return true;
}

} // namespace Lantir
