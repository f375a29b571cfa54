#include "ChurnSoak.h"

#include "RedcapSimulator.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

namespace Lantir::Test {

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    return file.write(bytes) == bytes.size();
}

QByteArray configJson(const ChurnSoakOptions& options, const QString& apiUrl, const QString& db)
{
    const QJsonObject source { { QStringLiteral("api_url"), apiUrl },
                               { QStringLiteral("batch_size"), options.batchSize },
                               { QStringLiteral("request_timeout_s"), 60 },
                               { QStringLiteral("retry_base_delay_ms"), 100 } };
    const QJsonObject database { { QStringLiteral("path"), db } };
    const QJsonObject schedule { { QStringLiteral("overlap_s"), options.overlapSeconds } };
    const QJsonObject fieldMapping { { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") },
                                     { QStringLiteral("youth_dob_y"),
                                       QStringLiteral("patient_birth_date") } };
    const QJsonObject mapping { { QStringLiteral("site"), QStringLiteral("792") },
                                { QStringLiteral("protocol"), QStringLiteral("BRAIN_MRI_3T") },
                                { QStringLiteral("field_mapping"), fieldMapping } };
    // No reconcile after the first (full) cycle, so that a deleted record's rows stay SCHEDULED
    // (WorklistTruthChecker's deletedRecordStatus) while deleted visits are CANCELED.
    const QJsonObject worklist { { QStringLiteral("reconcile_interval_s"), 30 * 86400 } };
    const QJsonObject root { { QStringLiteral("source"), source },
                             { QStringLiteral("database"), database },
                             { QStringLiteral("schedule"), schedule },
                             { QStringLiteral("mapping"), mapping },
                             { QStringLiteral("worklist"), worklist } };
    return QJsonDocument(root).toJson();
}

// Counts the lines appended to a file since the last call.
class LineCounter
{
public:
    explicit LineCounter(const QString& path)
        : m_file(path)
    {
    }
    int count()
    {
        if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly))
            return m_lines;
        const QByteArray more = m_file.readAll();
        m_lines += static_cast<int>(more.count('\n'));
        return m_lines;
    }

private:
    QFile m_file;
    int m_lines = 0;
};

} // namespace

bool ChurnSoakResult::passed(int cycles) const
{
    return error.isEmpty() && exitCode == 0 && failedCycles == 0 && reports.size() == cycles && check.equal();
}

ChurnSoakResult ChurnSoak::run(const ChurnSoakOptions& options)
{
    ChurnSoakResult result;
    const QDir work(options.workDir);
    result.databasePath = work.filePath(QStringLiteral("worklist.db"));
    result.logPath = work.filePath(QStringLiteral("lantir-sync.log"));
    const QString config = work.filePath(QStringLiteral("lantir.json"));
    const QString token = work.filePath(QStringLiteral("token"));
    const QString report = work.filePath(QStringLiteral("report.jsonl"));
    for (const QString& stale : { result.databasePath, result.logPath, report })
        QFile::remove(stale);

    SimulatorThread sim(SimulatorProject { options.records, options.scansPerRecord, options.seed, false });
    if (!sim.isListening()) {
        result.error
            = QStringLiteral("the simulator could not listen on 127.0.0.1: %1").arg(sim->errorString());
        return result;
    }
    sim->setRequestLogLimit(0); // ten thousand cycles of request bodies would only cost memory
    sim->setCycleChurn(options.changesPerCycle, options.seed);
    if (!writeFile(config, configJson(options, sim->apiUrl().toString(), result.databasePath))
        || !writeFile(token, RedcapSimulator::defaultToken().toUtf8() + '\n')) {
        result.error = QStringLiteral("cannot write the configuration or token into %1").arg(options.workDir);
        return result;
    }

    QProcess sync;
    sync.setProcessChannelMode(QProcess::MergedChannels);
    sync.setStandardOutputFile(result.logPath);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("REDCAP_API_URL"));
    env.remove(QStringLiteral("REDCAP_API_TOKEN"));
    sync.setProcessEnvironment(env);
    QElapsedTimer wall;
    wall.start();
    sync.start(options.lantirSync,
               { QStringLiteral("--config"), config, QStringLiteral("--token-file"), token,
                 QStringLiteral("--report"), report, QStringLiteral("--cycles"),
                 QString::number(options.cycles) });
    if (!sync.waitForStarted(TestEnvironment::scaledMs(30000))) {
        result.error = QStringLiteral("could not start %1: %2").arg(options.lantirSync, sync.errorString());
        return result;
    }
    LineCounter progress(report);
    while (!sync.waitForFinished(options.progressIntervalMs)) {
        if (options.timeoutMs >= 0 && wall.elapsed() > TestEnvironment::scaledMs(options.timeoutMs)) {
            sync.kill();
            sync.waitForFinished(TestEnvironment::scaledMs(10000));
            result.error = QStringLiteral("lantir-sync did not finish within %1 s")
                               .arg(TestEnvironment::scaledMs(options.timeoutMs) / 1000);
            break;
        }
        if (options.progress)
            options.progress(progress.count());
    }
    result.wallMs = wall.elapsed();
    result.exitCode = sync.exitStatus() == QProcess::NormalExit ? sync.exitCode() : -1;

    QFile lines(report);
    if (lines.open(QIODevice::ReadOnly)) {
        while (!lines.atEnd()) {
            const QByteArray line = lines.readLine().trimmed();
            if (line.isEmpty())
                continue;
            result.reports.append(CycleReport::fromJson(QJsonDocument::fromJson(line).object()));
            if (!result.reports.constLast().ok)
                ++result.failedCycles;
        }
    }
    QFile log(result.logPath);
    if (log.open(QIODevice::ReadOnly)) {
        static const QRegularExpression level(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (?:warning|error|fatal) ([^:]+):"));
        while (!log.atEnd()) {
            const QString line = QString::fromUtf8(log.readLine()).trimmed();
            const QRegularExpressionMatch match = level.match(line);
            if (!match.hasMatch())
                continue;
            ++result.warningsByCategory[match.captured(1)];
            if (result.firstWarnings.size() < 10)
                result.firstWarnings.append(line);
        }
    }
    if (result.error.isEmpty() && result.exitCode != 0)
        result.error
            = QStringLiteral("lantir-sync exited with %1 (log: %2)").arg(result.exitCode).arg(result.logPath);

    result.churn = sim->cycleChurnStats();
    result.truth = sim->truth();
    result.check = WorklistTruthChecker().check(result.databasePath, result.truth, options.maxDiff);
    return result;
}

} // namespace Lantir::Test
