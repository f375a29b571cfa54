#include "sync/SyncWorker.h"

#include "base/Logging.h"
#include "sync/SyncEngine.h"

#include <QMutexLocker>

namespace Lantir {

SyncWorker::SyncWorker(SyncConfig config, QString token, const Clock* clock)
    : m_config(std::move(config))
    , m_token(std::move(token))
    , m_clock(clock)
{
    qRegisterMetaType<Lantir::CycleReport>();
    qRegisterMetaType<Lantir::SyncConfig>();
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::cancel()
{
    QMutexLocker lock(&m_engineMutex);
    if (m_engine)
        m_engine->cancel();
}

void SyncWorker::setConfig(const SyncConfig& config, const QString& token)
{
    m_config = config;
    m_token = token;
    m_configChanged = true;
}

void SyncWorker::forceCancelNextCycle()
{
    m_forceCancel = true;
}

void SyncWorker::runCycle(bool full, bool dryRun)
{
    // The HTTP client waits in a local event loop, so a queued request can arrive while a cycle
    // runs; the scheduler never sends one then, and this guard keeps cycles from nesting anyway.
    if (m_running) {
        qCWarning(lcSync) << "A cycle is already running; the request to start another was ignored";
        return;
    }
    m_running = true;
    {
        QMutexLocker lock(&m_engineMutex);
        if (!m_engine)
            m_engine = std::make_unique<SyncEngine>(m_config, m_token, m_clock);
        else if (m_configChanged)
            m_engine->setConfig(m_config, m_token);
        m_configChanged = false;
    }
    Q_EMIT cycleStarted(++m_started);
    CycleOptions options;
    options.full = full;
    options.dryRun = dryRun;
    options.forceCancel = m_forceCancel;
    m_forceCancel = false; // a confirmation is for one cycle only
    const CycleReport report = m_engine->runCycle(options);
    m_running = false;
    Q_EMIT cycleFinished(report);
}

} // namespace Lantir
