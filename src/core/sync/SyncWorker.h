#pragma once

#include "base/Clock.h"
#include "config/SyncConfig.h"
#include "store/CycleReport.h"
#include "sync/CycleOptions.h"

#include <QHash>
#include <QMutex>
#include <QObject>

#include <map>
#include <memory>

namespace Lantir {

class SyncEngine;

// Lives on the sync thread and runs cycles there, one at a time, for one source each: every source
// has an engine of its own (its REDCap client, metadata cache and cycle count), created on first use. Created
// on the thread that owns it, then moved to the sync QThread; talks to the rest only through queued signals
// and slots. The engine (and with it the network and database connections) is created lazily on the sync
// thread so they belong to it.
class SyncWorker : public QObject
{
    Q_OBJECT

public:
    SyncWorker(SyncConfig config, SourceTokens tokens, const Clock* clock = Clock::system());
    ~SyncWorker() override;

    // Thread-safe: stop the cycle in progress at its next safe point.
    void cancel();

public Q_SLOTS:
    void runCycle(const QString& source, bool full, bool dryRun);
    void setConfig(const Lantir::SyncConfig& config, const Lantir::SourceTokens& tokens);
    // The source's next cycle cancels the rows whose visits left REDCap even past
    // max_cancel_fraction; an empty name: whichever source syncs next.
    void forceCancelNextCycle(const QString& source);

Q_SIGNALS:
    void cycleStarted(qint64 cycle, const QString& source);
    void cycleFinished(const Lantir::CycleReport& report);

private:
    // The engine of `source`, made or brought up to date with the configuration.
    SyncEngine* engineFor(const SourceConfig& source);

    SyncConfig m_config;
    SourceTokens m_tokens;
    const Clock* m_clock;
    std::map<QString, std::unique_ptr<SyncEngine>> m_engines;
    QHash<QString, bool> m_stale; // engines whose settings changed since their last cycle
    SyncEngine* m_current = nullptr; // the engine whose cycle runs
    SyncEngine* m_previous = nullptr; // the engine of the last cycle (holds its connections)
    QMutex m_engineMutex; // guards m_current against cancel() from another thread
    bool m_running = false;
    bool m_cancelled = false;
    QString m_forceCancel; // the source whose next cycle may cancel past the limit; "*": any
    qint64 m_started = 0;
};

} // namespace Lantir
