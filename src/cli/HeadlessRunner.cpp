#include "HeadlessRunner.h"

#include "base/Logging.h"
#include "config/AppPaths.h"
#include "config/ConfigLoader.h"
#include "redcap/RedcapClient.h"

#include <QFileInfo>
#include <QTextStream>

namespace Lantir {

namespace {
void printError(const QString& message)
{
    QTextStream err(stderr);
    err << "lantir-sync: " << message << '\n';
}
} // namespace

HeadlessRunner::HeadlessRunner(CommandLineOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_reports(m_options.reportPath)
{
    connect(&m_controller, &SyncController::cycleFinished, this, &HeadlessRunner::onCycleFinished);
    connect(&m_controller, &SyncController::cyclesDone, this,
            [this](int failed) { Q_EMIT finished(failed > 0 ? CycleFailed : Success); });
}

int HeadlessRunner::prepare()
{
    if (!m_options.configGiven && !QFileInfo::exists(m_options.configPath)) {
        printError(QStringLiteral(
                       "No configuration: %1 does not exist. Pass --config FILE (Lantir's JSON or pylantir's "
                       "mwl_config.json), or create that file (see docs/CONFIGURATION.md).")
                       .arg(m_options.configPath));
        return UsageError;
    }
    Result<SyncConfig> loaded = ConfigLoader::loadFile(m_options.configPath);
    if (!loaded) {
        printError(loaded.error().message);
        return UsageError;
    }
    SyncConfig config = std::move(loaded).value();
    for (const QString& warning : std::as_const(config.warnings))
        qCWarning(lcConfig).noquote() << warning;
    if (!m_options.databasePath.isEmpty())
        config.databasePath = m_options.databasePath;
    if (m_options.batchSize > 0)
        config.batchSize = m_options.batchSize;
    if (config.databasePath.isEmpty()) {
        config.databasePath = AppPaths::defaultDatabasePath();
        qCInfo(lcConfig).noquote() << "No database path in" << m_options.configPath << "- using"
                                   << config.databasePath;
    }
    if (const int dicom = startDicom(config); dicom != Success || m_options.noSync)
        return dicom;
    if (Result<void> url = RedcapClient::validateUrl(config.apiUrl, config.allowInsecureHttp); !url) {
        printError(url.error().message);
        return UsageError;
    }
    QString tokenFile = m_options.tokenFile;
    if (tokenFile.isEmpty() && qEnvironmentVariableIsEmpty("REDCAP_API_TOKEN")
        && QFileInfo::exists(AppPaths::defaultTokenPath()))
        tokenFile = AppPaths::defaultTokenPath();
    if (!tokenFile.isEmpty())
        AppPaths::warnIfReadableByOthers(tokenFile);
    Result<QString> token = ConfigLoader::loadToken(tokenFile);
    if (!token) {
        printError(token.error().message);
        return UsageError;
    }
    if (Result<void> valid = RedcapClient::validateToken(token.value()); !valid) {
        printError(valid.error().message);
        return UsageError;
    }
    if (Result<void> reports = m_reports.prepare(); !reports) {
        printError(reports.error().message);
        return UsageError;
    }
    m_controller.setConfig(config, token.value());
    return Success;
}

int HeadlessRunner::startDicom(SyncConfig& config)
{
    if (m_options.dicomPort > 0) {
        config.dicom.enabled = true;
        config.dicom.port = m_options.dicomPort;
    }
    if (!m_options.dicomAet.isEmpty())
        config.dicom.aeTitle = m_options.dicomAet;
    if (!config.dicom.enabled) {
        if (!m_options.noSync)
            return Success;
        printError(
            QStringLiteral("--no-sync leaves nothing to do: the worklist server is off. Pass --dicom-port N "
                           "or set dicom.enabled in the configuration."));
        return UsageError;
    }
    if (Result<void> started = m_dicom.start(config.dicom, config.databasePath, config.busyTimeoutMs);
        !started) {
        printError(started.error().message);
        return UsageError;
    }
    return Success;
}

void HeadlessRunner::start()
{
    if (m_options.forceCancel)
        m_controller.forceCancelOnce();
    if (m_options.noSync) {
        qCInfo(lcSync).noquote() << "Serving the worklist only (--no-sync); stop with Ctrl+C or SIGTERM.";
        return;
    }
    if (m_options.cycles > 0) {
        m_controller.runCycles(m_options.cycles, m_options.full, m_options.dryRun);
    } else {
        qCInfo(lcSync).noquote() << QStringLiteral("Syncing every %1 s; stop with Ctrl+C or SIGTERM.")
                                        .arg(m_controller.config().schedule.intervalSeconds);
        if (m_options.full)
            m_controller.syncNow(true);
        m_controller.start();
    }
}

void HeadlessRunner::stop(int signalNumber)
{
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcSync) << "Stopping on signal" << signalNumber;
    m_dicom.stop();
    if (m_options.noSync) {
        Q_EMIT finished(Success);
        return;
    }
    const bool clean = m_controller.shutdown(4500);
    if (!clean)
        qCWarning(lcSync)
            << "The running cycle did not stop in time; its open batch is rolled back by the database";
    // A one-shot run that was interrupted did not do what was asked.
    Q_EMIT finished(m_options.cycles > 0 || !clean || m_anyFailed ? CycleFailed : Success);
}

void HeadlessRunner::onCycleFinished(const CycleReport& report)
{
    if (!report.ok)
        m_anyFailed = true;
    if (Result<void> written = m_reports.append(report); !written)
        qCWarning(lcSync).noquote() << written.error().message;
}

} // namespace Lantir
