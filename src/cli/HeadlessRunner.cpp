#include "HeadlessRunner.h"

#include "KeychainToken.h"
#include "base/Logging.h"
#include "config/AppPaths.h"
#include "config/ConfigLoader.h"
#include "redcap/RedcapClient.h"
#include "store/DatabaseConnection.h"

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
    if (!m_options.databasePath.isEmpty()) {
        config.databaseDriver = DatabaseDriver::Sqlite; // --db names a SQLite file
        config.databasePath = m_options.databasePath;
    }
    for (SourceConfig& source : config.sources) {
        if (m_options.batchSize > 0)
            source.batchSize = m_options.batchSize;
    }
    if (config.databaseDriver == DatabaseDriver::Sqlite && config.databasePath.isEmpty()) {
        config.databasePath = AppPaths::defaultDatabasePath();
        qCInfo(lcConfig).noquote() << "No database path in" << m_options.configPath << "- using"
                                   << config.databasePath;
    }
    // A missing PostgreSQL driver is an installation problem: said now, not at every cycle.
    if (Result<void> driver = DatabaseConnection::loadDriver(config.databaseDriver); !driver) {
        printError(driver.error().message);
        return UsageError;
    }
    if (const int selected = selectSources(config); selected != Success)
        return selected;
    if (const int dicom = startDicom(config); dicom != Success || m_options.noSync)
        return dicom;
    SourceTokens tokens;
    if (const int found = loadTokens(config, tokens); found != Success)
        return found;
    if (Result<void> reports = m_reports.prepare(); !reports) {
        printError(reports.error().message);
        return UsageError;
    }
    m_controller.setConfig(config, tokens);
    return Success;
}

// --source NAME (repeatable): only those sources sync, whether the file enables them or not.
int HeadlessRunner::selectSources(SyncConfig& config)
{
    QStringList names;
    for (const SourceConfig& source : std::as_const(config.sources))
        names.append(source.name);
    for (const QString& wanted : std::as_const(m_options.sources)) {
        if (!names.contains(wanted)) {
            printError(QStringLiteral("--source %1: %2 has no source of that name; its sources are: %3")
                           .arg(wanted, m_options.configPath, names.join(QLatin1String(", "))));
            return UsageError;
        }
    }
    if (!m_options.sources.isEmpty()) {
        for (SourceConfig& source : config.sources)
            source.enabled = m_options.sources.contains(source.name);
    }
    if (config.enabledSources().isEmpty() && !m_options.noSync && m_options.dicomPort <= 0
        && !config.dicom.enabled) {
        printError(
            QStringLiteral("%1 has no enabled source, so there is nothing to sync; set \"enabled\": true "
                           "on one or name it with --source")
                .arg(m_options.configPath));
        return UsageError;
    }
    return Success;
}

// No file or variable gives the source's token: the one the desktop app keeps in the keychain for
// it, if this session can read the keychain; else `notFound`, with what the keychain said.
Result<QString> HeadlessRunner::keychainToken(const SourceConfig& source, const Error& notFound)
{
    const Result<QString> stored
        = readKeychainToken(QString::fromLatin1(SourceConfig::KeychainService), source.keychainKey());
    if (stored && !stored.value().isEmpty()) {
        qCInfo(lcConfig).noquote()
            << QStringLiteral("Token of source '%1' read from the keychain").arg(source.name);
        return stored.value();
    }
    Error error = notFound;
    error.message += stored
        ? QStringLiteral("; the keychain holds none for it either (the desktop app keeps it "
                         "there once entered in its settings)")
        : QStringLiteral("; the keychain could not be asked: %1").arg(stored.error().message);
    return error;
}

// Each enabled source's URL checked and its own token found; a token never serves two sources.
int HeadlessRunner::loadTokens(const SyncConfig& config, SourceTokens& tokens)
{
    const bool onlySource = config.sources.size() == 1;
    for (const SourceConfig& source : config.sources) {
        if (!source.enabled)
            continue;
        if (Result<void> url = RedcapClient::validateUrl(source.apiUrl, source.allowInsecureHttp); !url) {
            printError(QStringLiteral("source '%1': %2").arg(source.name, url.error().message));
            return UsageError;
        }
        QString tokenFile = m_options.tokenFile;
        if (onlySource && tokenFile.isEmpty() && source.tokenFile.isEmpty()
            && qEnvironmentVariableIsEmpty("REDCAP_API_TOKEN")
            && qEnvironmentVariableIsEmpty(source.tokenVariable().toLatin1().constData())
            && QFileInfo::exists(AppPaths::defaultTokenPath()))
            tokenFile = AppPaths::defaultTokenPath();
        if (!onlySource && !tokenFile.isEmpty()) {
            printError(
                QStringLiteral("--token-file serves a configuration of one source, and %1 has %2; give "
                               "each source its own token_file or %3-style variable")
                    .arg(m_options.configPath)
                    .arg(config.sources.size())
                    .arg(QStringLiteral("REDCAP_API_TOKEN_<NAME>")));
            return UsageError;
        }
        const QString usedFile = !tokenFile.isEmpty() ? tokenFile : source.tokenFile;
        if (!usedFile.isEmpty())
            AppPaths::warnIfReadableByOthers(usedFile);
        Result<QString> token = ConfigLoader::loadSourceToken(source, onlySource, tokenFile);
        const bool fromEnvironment
            = !qEnvironmentVariableIsEmpty(source.tokenVariable().toLatin1().constData())
            || (onlySource && !qEnvironmentVariableIsEmpty("REDCAP_API_TOKEN"));
        if (!token && usedFile.isEmpty() && !fromEnvironment)
            token = keychainToken(source, token.error());
        if (!token) {
            printError(token.error().message);
            return UsageError;
        }
        if (Result<void> valid = RedcapClient::validateToken(token.value()); !valid) {
            printError(QStringLiteral("source '%1': %2").arg(source.name, valid.error().message));
            return UsageError;
        }
        tokens.insert(source.name, token.value());
    }
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
    if (Result<void> started = m_dicom.start(config.dicom, config.databaseTarget()); !started) {
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
        for (const SourceConfig& source : m_controller.config().enabledSources()) {
            qCInfo(lcSync).noquote() << QStringLiteral("Syncing source '%1' every %2 s")
                                            .arg(source.name)
                                            .arg(source.schedule.intervalSeconds);
        }
        qCInfo(lcSync).noquote() << "Stop with Ctrl+C or SIGTERM.";
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
