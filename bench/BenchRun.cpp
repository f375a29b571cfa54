#include "BenchRun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <csignal>

namespace Lantir::Bench {

SimulatorProcess::SimulatorProcess(QString binary, QString workDir)
    : m_binary(std::move(binary))
    , m_workDir(std::move(workDir))
{
}

SimulatorProcess::~SimulatorProcess()
{
    if (m_pid > 0) {
        ::kill(static_cast<pid_t>(m_pid), SIGTERM);
    }
}

bool SimulatorProcess::start(int records, int scansPerRecord, QString* error)
{
    const QString ready = QDir(m_workDir).filePath(QStringLiteral("simulator.url"));
    QFile::remove(ready);
    const QStringList args { QStringLiteral("--port"),       QStringLiteral("0"),
                             QStringLiteral("--records"),    QString::number(records),
                             QStringLiteral("--scans"),      QString::number(scansPerRecord),
                             QStringLiteral("--ready-file"), ready };
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
    QProcess token;
    token.start(m_binary, { QStringLiteral("--print-default-token") });
    token.waitForFinished(10000);
    m_tokenFile = QDir(m_workDir).filePath(QStringLiteral("token"));
    QFile out(m_tokenFile);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate,
                  QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = QStringLiteral("cannot write %1").arg(m_tokenFile);
        return false;
    }
    out.write(token.readAllStandardOutput());
    return true;
}

SyncRun runSync(const QString& syncBinary, const SimulatorProcess& simulator, const QString& workDir,
                const QString& dbPath, int batchSize, const QStringList& extraArguments)
{
    SyncRun run;
    const QDir dir(workDir);
    const QString config = dir.filePath(QStringLiteral("lantir.json"));
    const QString report
        = dir.filePath(QStringLiteral("report-%1.jsonl").arg(QDateTime::currentMSecsSinceEpoch()));
    {
        QJsonObject source { { QStringLiteral("api_url"), simulator.url() },
                             { QStringLiteral("batch_size"), batchSize } };
        QJsonObject database { { QStringLiteral("path"), dbPath } };
        QJsonObject mapping { { QStringLiteral("site"), QStringLiteral("792") },
                              { QStringLiteral("protocol"), QStringLiteral("BRAIN_MRI_3T") } };
        QJsonObject root { { QStringLiteral("source"), source },
                           { QStringLiteral("database"), database },
                           { QStringLiteral("mapping"), mapping } };
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            run.error = QStringLiteral("cannot write %1").arg(config);
            return run;
        }
        file.write(QJsonDocument(root).toJson());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // as a site keeps it
    }
    QProcess sync;
    sync.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args { QStringLiteral("--config"),     config,
                       QStringLiteral("--token-file"), simulator.tokenFile(),
                       QStringLiteral("--report"),     report };
    args += extraArguments;
    QElapsedTimer wall;
    wall.start();
    sync.start(syncBinary, args);
    sync.waitForFinished(-1);
    run.wallMs = wall.elapsed();
    run.exitCode = sync.exitStatus() == QProcess::NormalExit ? sync.exitCode() : -1;

    QFile lines(report);
    if (lines.open(QIODevice::ReadOnly)) {
        while (!lines.atEnd()) {
            const QByteArray line = lines.readLine().trimmed();
            if (!line.isEmpty())
                run.reports.append(CycleReport::fromJson(QJsonDocument::fromJson(line).object()));
        }
    }
    if (run.exitCode != 0)
        run.error = QStringLiteral("lantir-sync exited with %1").arg(run.exitCode);
    return run;
}

} // namespace Lantir::Bench
