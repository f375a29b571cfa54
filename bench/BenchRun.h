#pragma once

#include "store/CycleReport.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Lantir::Bench {

// One simulator process serving a synthetic project, for as many lantir-sync runs as needed.
class SimulatorProcess
{
public:
    SimulatorProcess(QString binary, QString workDir);
    ~SimulatorProcess();
    bool start(int records, int scansPerRecord, QString* error);
    QString url() const { return m_url; }
    QString tokenFile() const { return m_tokenFile; }

private:
    QString m_binary;
    QString m_workDir;
    QString m_url;
    QString m_tokenFile;
    qint64 m_pid = 0;
};

struct SyncRun
{
    QList<CycleReport> reports;
    QString error;
    int exitCode = -1;
    qint64 wallMs = 0;
};

// Runs lantir-sync once with the given extra arguments against `simulator`, database `dbPath`.
SyncRun runSync(const QString& syncBinary, const SimulatorProcess& simulator, const QString& workDir,
                const QString& dbPath, int batchSize, const QStringList& extraArguments);

} // namespace Lantir::Bench
