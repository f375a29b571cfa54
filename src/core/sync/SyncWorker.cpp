#include "sync/SyncWorker.h"

#include "base/Logging.h"
#include "sync/SyncEngine.h"

#include <QMutexLocker>

namespace Lantir {

namespace {
const QLatin1String AnySource("*");
} // namespace

SyncWorker::SyncWorker(SyncConfig config, SourceTokens tokens, const Clock* clock)
    : m_config(std::move(config))
    , m_tokens(std::move(tokens))
    , m_clock(clock)
{
    qRegisterMetaType<Lantir::CycleReport>();
    qRegisterMetaType<Lantir::SyncConfig>();
    qRegisterMetaType<Lantir::SourceTokens>();
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::cancel()
{
    QMutexLocker lock(&m_engineMutex);
    m_cancelled = true;
    if (m_current)
        m_current->cancel();
}

void SyncWorker::setConfig(const SyncConfig& config, const SourceTokens& tokens)
{
    m_config = config;
    m_tokens = tokens;
    // A source gone from the file keeps its rows; only its engine (and connections) go.
    QMutexLocker lock(&m_engineMutex);
    for (auto it = m_engines.begin(); it != m_engines.end();) {
        SyncEngine* engine = it->second.get();
        // The engine of a running cycle (setConfig can arrive while its HTTP client waits) stays
        // until the cycle ends; the others of removed sources go at once.
        if (!m_config.findSource(it->first) && engine != m_current) {
            if (engine == m_previous)
                m_previous = nullptr;
            it = m_engines.erase(it);
            continue;
        }
        m_stale.insert(it->first, true);
        ++it;
    }
}

void SyncWorker::forceCancelNextCycle(const QString& source)
{
    m_forceCancel = source.isEmpty() ? QString(AnySource) : source;
}

SyncEngine* SyncWorker::engineFor(const SourceConfig& source)
{
    QMutexLocker lock(&m_engineMutex);
    auto it = m_engines.find(source.name);
    if (it == m_engines.end()) {
        it = m_engines
                 .emplace(
                     source.name,
                     std::make_unique<SyncEngine>(m_config, source, m_tokens.value(source.name), m_clock))
                 .first;
    } else if (m_stale.take(source.name)) {
        it->second->setConfig(m_config, source, m_tokens.value(source.name));
    }
    // The engine that ran the previous cycle, if another source's, gives up its connections.
    if (m_previous && m_previous != it->second.get())
        m_previous->releaseConnections();
    m_current = it->second.get();
    m_previous = m_current;
    return m_current;
}

void SyncWorker::runCycle(const QString& sourceName, bool full, bool dryRun)
{
    // The HTTP client waits in a local event loop, so a queued request can arrive while a cycle
    // runs; the controller never sends one then, and this guard keeps cycles from nesting anyway.
    if (m_running) {
        qCWarning(lcSync) << "A cycle is already running; the request to start another was ignored";
        return;
    }
    const SourceConfig* source = m_config.findSource(sourceName);
    Q_EMIT cycleStarted(++m_started, sourceName);
    bool cancelled = false;
    {
        QMutexLocker lock(&m_engineMutex);
        cancelled = m_cancelled;
    }
    if (!source || cancelled) {
        CycleReport report;
        report.source = sourceName;
        report.startedAt = m_clock->nowUtc();
        report.error = cancelled
            ? QStringLiteral("Source '%1' was not synced: Lantir is stopping").arg(sourceName)
            : QStringLiteral("Source '%1' is no longer in the configuration; nothing was synced")
                  .arg(sourceName);
        Q_EMIT cycleFinished(report);
        return;
    }
    m_running = true;
    SyncEngine* engine = engineFor(*source);
    CycleOptions options;
    options.full = full;
    options.dryRun = dryRun;
    options.forceCancel = m_forceCancel == AnySource || m_forceCancel == sourceName;
    if (options.forceCancel)
        m_forceCancel.clear(); // a confirmation is for one cycle only
    const CycleReport report = engine->runCycle(options);
    {
        QMutexLocker lock(&m_engineMutex);
        m_current = nullptr;
        // Its source left the configuration while the cycle ran: the engine goes now.
        if (!m_config.findSource(sourceName)) {
            if (m_previous == engine)
                m_previous = nullptr;
            m_engines.erase(sourceName);
        }
    }
    m_running = false;
    Q_EMIT cycleFinished(report);
}

} // namespace Lantir
