#include "BenchRun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <csignal>
#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace Lantir::Bench {

SimulatorProcess::SimulatorProcess(QString binary, QString workDir, QString name, QString token)
    : m_binary(std::move(binary))
    , m_workDir(std::move(workDir))
    , m_name(std::move(name))
    , m_token(std::move(token))
{
}

SimulatorProcess::~SimulatorProcess()
{
    if (m_pid > 0) {
        ::kill(static_cast<pid_t>(m_pid), SIGTERM);
    }
}

bool SimulatorProcess::start(int records, int scansPerRecord, QString* error, quint32 seed)
{
    const QString ready = QDir(m_workDir).filePath(m_name + QStringLiteral(".url"));
    QFile::remove(ready);
    QStringList args { QStringLiteral("--port"),       QStringLiteral("0"),
                       QStringLiteral("--records"),    QString::number(records),
                       QStringLiteral("--scans"),      QString::number(scansPerRecord),
                       QStringLiteral("--seed"),       QString::number(seed),
                       QStringLiteral("--ready-file"), ready };
    if (!m_token.isEmpty())
        args += { QStringLiteral("--token"), m_token };
    if (!QProcess::startDetached(m_binary, args, m_workDir, &m_pid)) {
        *error = QStringLiteral("could not start %1").arg(m_binary);
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 60000) {
        QFile file(ready);
        if (file.open(QIODevice::ReadOnly)) {
            m_url = QString::fromUtf8(file.readAll()).trimmed();
            if (!m_url.isEmpty())
                break;
        }
        QThread::msleep(50);
    }
    if (m_url.isEmpty()) {
        *error = QStringLiteral("the simulator did not report its URL within 60 s");
        return false;
    }
    QByteArray token = m_token.toLatin1();
    if (token.isEmpty()) {
        QProcess print;
        print.start(m_binary, { QStringLiteral("--print-default-token") });
        print.waitForFinished(10000);
        token = print.readAllStandardOutput();
    }
    m_tokenFile = QDir(m_workDir).filePath(
        m_name == QLatin1String("simulator") ? QStringLiteral("token") : m_name + QStringLiteral(".token"));
    QFile out(m_tokenFile);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate,
                  QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("cannot write %1").arg(m_tokenFile);
        return false;
    }
    out.write(token);
    return true;
}

namespace {

// CPU time of the children this process has waited for, in ms: {user, system}; -1 where unknown.
std::pair<double, double> childrenCpuMs()
{
#ifdef Q_OS_UNIX
    struct rusage usage
    {
    };
    if (::getrusage(RUSAGE_CHILDREN, &usage) == 0)
        return { double(usage.ru_utime.tv_sec) * 1000.0 + double(usage.ru_utime.tv_usec) / 1000.0,
                 double(usage.ru_stime.tv_sec) * 1000.0 + double(usage.ru_stime.tv_usec) / 1000.0 };
#endif
    return { -1.0, -1.0 };
}

// lantir.json for `simulators`: one of them as the single `source` (its token passed with
// --token-file), several as a `sources` list whose entries name their own token files.
QJsonObject configFor(const QList<const SimulatorProcess*>& simulators, const BenchDatabase& target,
                      int batchSize)
{
    const QJsonObject database = target.json();
    QJsonObject mapping { { QStringLiteral("site"), QStringLiteral("792") },
                          { QStringLiteral("protocol"), QStringLiteral("BRAIN_MRI_3T") } };
    QJsonObject root { { QStringLiteral("database"), database }, { QStringLiteral("mapping"), mapping } };
    if (simulators.size() == 1) {
        root.insert(QStringLiteral("source"),
                    QJsonObject { { QStringLiteral("api_url"), simulators.constFirst()->url() },
                                  { QStringLiteral("batch_size"), batchSize } });
        return root;
    }
    QJsonArray sources;
    for (const SimulatorProcess* simulator : simulators) {
        sources.append(QJsonObject { { QStringLiteral("name"), simulator->name() },
                                     { QStringLiteral("api_url"), simulator->url() },
                                     { QStringLiteral("token_file"), simulator->tokenFile() },
                                     { QStringLiteral("batch_size"), batchSize } });
    }
    root.insert(QStringLiteral("version"), 2);
    root.insert(QStringLiteral("sources"), sources);
    return root;
}

} // namespace

SyncRun runSync(const QString& syncBinary, const SimulatorProcess& simulator, const QString& workDir,
                const BenchDatabase& database, int batchSize, const QStringList& extraArguments)
{
    return runSync(syncBinary, QList<const SimulatorProcess*> { &simulator }, workDir, database, batchSize,
                   extraArguments);
}

SyncRun runSync(const QString& syncBinary, const QList<const SimulatorProcess*>& simulators,
                const QString& workDir, const BenchDatabase& database, int batchSize,
                const QStringList& extraArguments, const QString& stderrFile)
{
    SyncRun run;
    const QDir dir(workDir);
    const QString config = dir.filePath(QStringLiteral("lantir.json"));
    const QString report
        = dir.filePath(QStringLiteral("report-%1.jsonl").arg(QDateTime::currentMSecsSinceEpoch()));
    {
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            run.error = QStringLiteral("cannot write %1").arg(config);
            return run;
        }
        file.write(QJsonDocument(configFor(simulators, database, batchSize)).toJson());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // as a site keeps it
    }
    QProcess sync;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    database.addTo(&environment);
    sync.setProcessEnvironment(environment);
    if (stderrFile.isEmpty())
        sync.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    else
        sync.setStandardErrorFile(stderrFile);
    QStringList args { QStringLiteral("--config"), config, QStringLiteral("--report"), report };
    if (simulators.size() == 1)
        args += { QStringLiteral("--token-file"), simulators.constFirst()->tokenFile() };
    args += extraArguments;
    QElapsedTimer wall;
    wall.start();
    const auto [userBefore, systemBefore] = childrenCpuMs();
    const double serverBefore = database.serverCpuMs();
    sync.start(syncBinary, args);
    sync.waitForFinished(-1);
    run.wallMs = wall.elapsed();
    const auto [userAfter, systemAfter] = childrenCpuMs();
    const double serverAfter = database.serverCpuMs();
    if (serverBefore >= 0 && serverAfter >= 0)
        run.serverCpuMs = serverAfter - serverBefore;
    if (userBefore >= 0 && userAfter >= 0) {
        run.cpuUserMs = userAfter - userBefore;
        run.cpuSystemMs = systemAfter - systemBefore;
    }
    run.exitCode = sync.exitStatus() == QProcess::NormalExit ? sync.exitCode() : -1;

    QFile lines(report);
    if (lines.open(QIODevice::ReadOnly)) {
        while (!lines.atEnd()) {
            const QByteArray line = lines.readLine().trimmed();
            if (line.isEmpty())
                continue;
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            run.reports.append(CycleReport::fromJson(object));
            run.appRssKb.append(object.value(QStringLiteral("app_rss_kb")).toInteger(-1));
            run.appHeapKb.append(object.value(QStringLiteral("app_heap_kb")).toInteger(-1));
        }
    }
    if (run.exitCode != 0)
        run.error
            = QStringLiteral("%1 exited with %2").arg(QFileInfo(syncBinary).fileName()).arg(run.exitCode);
    return run;
}

} // namespace Lantir::Bench
