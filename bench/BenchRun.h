#pragma once

#include "BenchDatabase.h"
#include "store/CycleReport.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Lantir::Bench {

// One simulator process serving a synthetic project, for as many lantir-sync runs as needed. Its
// files in `workDir` are named after `name` (<name>.url, <name>.token), so that several projects
// can share a folder; `token` is the only one it accepts (empty: the simulator's built-in token).
class SimulatorProcess
{
public:
    SimulatorProcess(QString binary, QString workDir, QString name = QStringLiteral("simulator"),
                     QString token = QString());
    ~SimulatorProcess();
    bool start(int records, int scansPerRecord, QString* error, quint32 seed = 1);
    QString name() const { return m_name; }
    QString url() const { return m_url; }
    QString tokenFile() const { return m_tokenFile; }

private:
    QString m_binary;
    QString m_workDir;
    QString m_name;
    QString m_token;
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
    // CPU time of the lantir-sync process over the whole run (start-up and exit included), in ms,
    // from getrusage(RUSAGE_CHILDREN); -1 where the platform cannot tell.
    double cpuUserMs = -1;
    double cpuSystemMs = -1;
    // The PostgreSQL server's CPU over the run (its sessions for lantir-sync included), in ms; -1
    // on SQLite, where that work is lantir-sync's own.
    double serverCpuMs = -1;
    // The desktop app's --report lines also carry its RSS and heap in use once the window had
    // taken the cycle in (app_rss_kb, app_heap_kb); -1 in lantir-sync's.
    QList<qint64> appRssKb;
    QList<qint64> appHeapKb;
};

// Runs lantir-sync (or the desktop app `lantir`, which takes the same --config, --token-file,
// --report, --cycles and --full) once with the given extra arguments against `simulator`, into `database`.
SyncRun runSync(const QString& syncBinary, const SimulatorProcess& simulator, const QString& workDir,
                const BenchDatabase& database, int batchSize, const QStringList& extraArguments);
// The same with one source per simulator (a `sources` list named after the simulators, each with
// its token_file), all into `database`: every --cycles round runs one cycle of each, in turn.
// Its standard error goes to `stderrFile` when one is given, else to this program's.
SyncRun runSync(const QString& syncBinary, const QList<const SimulatorProcess*>& simulators,
                const QString& workDir, const BenchDatabase& database, int batchSize,
                const QStringList& extraArguments, const QString& stderrFile = QString());

} // namespace Lantir::Bench
