#pragma once

#include "base/Clock.h"
#include "config/SyncConfig.h"
#include "store/CycleReport.h"
#include "sync/CycleOptions.h"

#include <QMutex>
#include <QObject>

#include <memory>

namespace Lantir {

class SyncEngine;

// Lives on the sync thread and runs cycles there, one at a time. Created on the thread that
// owns it, then moved to the sync QThread; talks to the rest only through queued signals and
// slots. The engine (and with it the network and database connections) is created lazily on
// the sync thread so they belong to it.
class SyncWorker : public QObject
{
    Q_OBJECT

public:
    SyncWorker(SyncConfig config, QString token, const Clock* clock = Clock::system());
    ~SyncWorker() override;

    // Thread-safe: stop the cycle in progress at its next safe point.
    void cancel();

public Q_SLOTS:
    void runCycle(bool full, bool dryRun);
    void setConfig(const Lantir::SyncConfig& config, const QString& token);
    // The next cycle cancels the rows whose visits left REDCap even past max_cancel_fraction.
    void forceCancelNextCycle();

Q_SIGNALS:
    void cycleStarted(qint64 cycle);
    void cycleFinished(const Lantir::CycleReport& report);

private:
    SyncConfig m_config;
    QString m_token;
    bool m_configChanged = false;
    const Clock* m_clock;
    std::unique_ptr<SyncEngine> m_engine;
    QMutex m_engineMutex; // guards m_engine against cancel() from another thread
    bool m_running = false;
    bool m_forceCancel = false;
    qint64 m_started = 0;
};

} // namespace Lantir
