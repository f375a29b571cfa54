#include "DesktopApp.h"

#include "AppSettings.h"
#include "CycleSoak.h"
#include "DatabaseReader.h"
#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "SyncStatus.h"
#include "Translator.h"
#include "TrayIcon.h"
#include "base/Logging.h"
#include "config/ConfigLoader.h"
#include "dicom/DicomServer.h"
#include "sync/SyncController.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTime>

#include <algorithm>

namespace Lantir {

namespace {
constexpr int TrayRetryMs = 5000;
constexpr int TrayRetries = 5;
constexpr int StatusMessageMs = 10000;

std::unique_ptr<AppSettings> makeSettings(const QString& file)
{
    if (file.isEmpty())
        return std::make_unique<AppSettings>();
    return std::make_unique<AppSettings>(file);
}
} // namespace

DesktopApp::DesktopApp(DesktopOptions options, std::unique_ptr<SourceSecrets> secrets, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(makeSettings(m_options.settingsFile))
    , m_secrets(secrets ? std::move(secrets) : std::make_unique<SourceSecrets>())
    , m_translator(new Translator(this))
    , m_controller(std::make_unique<SyncController>())
    , m_status(new SyncStatus(m_controller.get(), this))
{
    // The language first, so the windows are built in it; it follows the settings from then on.
    m_translator->follow(m_settings.get());

    m_window = std::make_unique<MainWindow>(m_controller.get(), m_status, m_options.settingsFile);
    connect(m_window.get(), &MainWindow::quitRequested, this, &DesktopApp::quit);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &DesktopApp::openSettings);
    connect(m_window.get(), &MainWindow::hiddenToTray, this, &DesktopApp::onHiddenToTray);
    connect(m_secrets.get(), &SourceSecrets::tokensRead, this,
            [this](int request, const SourceTokens& tokens, const QString& error, bool) {
                if (request != 0 && request == m_passwordRequest)
                    onPasswordRead(tokens, error);
                else
                    onTokensRead(request, tokens, error);
            });
    connect(m_settings.get(), &AppSettings::configFileChanged, this, &DesktopApp::onConfigFileChanged);
    // However the event loop ends (last window closed, session end), the sync thread ends first.
    connect(qApp, &QCoreApplication::aboutToQuit, this, &DesktopApp::shutdownSync);
    m_trayRetry.setInterval(TrayRetryMs);
    connect(&m_trayRetry, &QTimer::timeout, this, &DesktopApp::retryTray);
}

DesktopApp::~DesktopApp()
{
    shutdownSync();
    delete m_settingsDialog;
    m_tour.reset();
    m_soak.reset();
    m_tray.reset();
    m_window.reset();
    if (m_syncStillRunning && !m_controller->shutdown(m_options.shutdownTimeoutMs)) {
        // Destroying a QThread that still runs aborts the process, and the cycle it runs has a
        // batch open: the controller (and its thread) is left to end with the process instead.
        // SQLite rolls back the batch that was never committed when the database is next opened.
        qCWarning(lcSync) << "The sync thread is still running; it ends with the process";
        [[maybe_unused]] SyncController* leftRunning = m_controller.release();
    }
}

bool DesktopApp::isUsable(const SyncConfig& config, const SourceTokens& tokens)
{
    if (!DatabaseReader::isConfigured(config.databaseTarget()))
        return false;
    const QList<SourceConfig> sources = config.enabledSources();
    return std::any_of(sources.cbegin(), sources.cend(), [&tokens](const SourceConfig& s) {
        return s.apiUrl.isValid() && !s.apiUrl.isEmpty() && !tokens.value(s.name).isEmpty();
    });
}

Result<void> DesktopApp::startWithConfigFile()
{
    Result<SyncConfig> loaded = ConfigLoader::loadFile(m_options.configFile);
    if (!loaded)
        return loaded.error();
    SyncConfig config = std::move(loaded).value();
    for (const QString& warning : std::as_const(config.warnings))
        qCWarning(lcConfig).noquote() << warning;
    // Each source's token as lantir-sync finds it: --token-file (one source only), the source's
    // token_file, REDCAP_API_TOKEN_<NAME>, REDCAP_API_TOKEN (one source only).
    const QList<SourceConfig> sources = config.enabledSources();
    SourceTokens tokens;
    for (const SourceConfig& source : sources) {
        const Result<QString> read
            = ConfigLoader::loadSourceToken(source, config.sources.size() == 1, m_options.tokenFile);
        if (read)
            tokens.insert(source.name, read.value());
        else if (!m_options.tokenFile.isEmpty() && config.sources.size() == 1)
            return read.error(); // the token file given for the only source is unusable
        else
            qCWarning(lcConfig).noquote() << read.error().message; // that source waits for a token
    }
    // A run with its own config never touches the keychain: the settings dialog finds the
    // tokens in memory.
    m_secrets->setSessionOnly(true);
    m_secrets->saveTokens(tokens);
    forceDatabaseFile(config);
    applyConfig(config, tokens);
    return {};
}

Result<void> DesktopApp::start()
{
    setupTray();
    if (Result<void> soak = startSoak(); !soak)
        return soak;

    if (!m_options.configFile.isEmpty()) {
        if (Result<void> started = startWithConfigFile(); !started)
            return started;
    } else {
        moveLegacySettings();
        loadSavedSettings();
        showConfigError();
    }

    if (!m_options.screenshotDir.isEmpty())
        startScreenshotTour();
    updatePrivacyWarning();

    const bool minimized = m_options.minimized || m_settings->startMinimized();
    if (minimized && m_tray && m_tray->isVisible()) {
        qCInfo(lcSync) << "Started in the notification area";
    } else if (minimized) {
        m_window->showMinimized();
    } else {
        m_window->show();
    }
    return {};
}

Result<void> DesktopApp::startSoak()
{
    if (m_options.soakCycles <= 0)
        return {};
    // Before the configuration starts the first cycle, so that it counts.
    m_soak = std::make_unique<CycleSoak>(m_options.soakCycles, m_options.soakFull, m_options.reportFile,
                                         m_controller.get());
    if (Result<void> opened = m_soak->open(); !opened)
        return opened;
    connect(m_soak.get(), &CycleSoak::finished, this, [this](bool ok) {
        if (!ok)
            qCWarning(lcSync) << "Some cycles could not be written to the cycle report";
        quit();
    });
    return {};
}

void DesktopApp::startScreenshotTour()
{
    m_tour = std::make_unique<ScreenshotTour>(m_options.screenshotDir, m_options.screenshotCycles,
                                              m_window.get(), m_tray.get(), m_controller.get());
    m_tour->addWindow(QStringLiteral("settings-dialog"), [this]() -> QWidget* {
        openSettings();
        return m_settingsDialog;
    });
    // The Application page with a PostgreSQL server chosen (an example, never saved).
    m_tour->addWindow(QStringLiteral("settings-postgresql"), [this]() -> QWidget* {
        // The previous picture's dialog is closed and deletes itself (WA_DeleteOnClose): a new one.
        m_settingsDialog = nullptr;
        openSettings();
        ScreenshotTour::showPostgresExample(m_settingsDialog);
        return m_settingsDialog;
    });
    connect(m_tour.get(), &ScreenshotTour::finished, this, [this](bool ok) {
        if (!ok)
            qCWarning(lcConfig) << "Some screenshots could not be saved";
        quit();
    });
}

void DesktopApp::updatePrivacyWarning()
{
    // A settings file (or Lantir's settings folder) others can read is left as it is, as the
    // database is (a site may share it on purpose), but said where the user sees it: a lasting
    // mark in the status bar with the details and the fix, and each warning in the log.
    const QStringList warnings = m_settings->privacyWarnings();
    if (warnings.isEmpty()) {
        delete m_privacyWarning;
        return;
    }
    if (!m_privacyWarning) {
        m_privacyWarning = new QLabel(m_window.get());
        m_privacyWarning->setObjectName(QStringLiteral("privacyWarning"));
        m_window->statusBar()->addPermanentWidget(m_privacyWarning);
    }
    m_privacyWarning->setText(tr("Settings readable by other users"));
    m_privacyWarning->setToolTip(warnings.join(QLatin1Char('\n')));
    m_window->statusBar()->showMessage(warnings.join(QLatin1Char(' ')), StatusMessageMs);
}

SyncConfig DesktopApp::savedConfig() const
{
    SyncConfig config = m_settings->syncConfig();
    if (config.databaseDriver == DatabaseDriver::Postgresql)
        config.databasePassword = m_databasePassword;
    forceDatabaseFile(config);
    return config;
}

void DesktopApp::forceDatabaseFile(SyncConfig& config) const
{
    // --db names a SQLite file, whatever the settings say.
    if (m_options.databasePath.isEmpty())
        return;
    config.databaseDriver = DatabaseDriver::Sqlite;
    config.databasePath = m_options.databasePath;
    config.databasePassword.clear();
}

void DesktopApp::moveLegacySettings()
{
    QString source;
    m_migrationNotice = m_settings->migrateLegacySettings(&source);
    if (m_migrationNotice.isEmpty())
        return;
    // The token the older Lantir kept goes with the settings, to the source's own entry.
    if (!source.isEmpty()) {
        m_secrets->setSessionOnly(m_settings->sessionOnlyToken());
        m_secrets->adoptLegacyToken(source);
    }
    // Once: the old keys are gone from Lantir.conf now.
    auto* box = new QMessageBox(QMessageBox::Information, tr("Settings moved"), m_migrationNotice,
                                QMessageBox::Ok, m_window.get());
    box->setObjectName(QStringLiteral("migrationNotice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
    m_window->statusBar()->showMessage(m_migrationNotice, StatusMessageMs);
}

void DesktopApp::loadSavedSettings()
{
    const SyncConfig config = savedConfig();
    m_secrets->setSessionOnly(m_settings->sessionOnlyToken());
    // The password first: requests are answered in order, so it is known when the tokens arrive.
    m_passwordRequest = config.databaseTarget().isPostgres() ? m_secrets->readDatabasePassword() : 0;
    // Show what is known at once (tokens of sources that stay); the tokens follow.
    if (!m_started)
        applyConfig(config, m_tokens);
    QStringList names;
    for (const SourceConfig& source : config.sources)
        names << source.name;
    m_waitingForToken = true;
    m_tokenRequest = m_secrets->readTokens(names);
}

void DesktopApp::onPasswordRead(const SourceTokens& secrets, const QString& error)
{
    m_passwordRequest = 0;
    if (!error.isEmpty()) {
        // libpq's own sources (~/.pgpass) may still have one; the sync says so if not.
        qCWarning(lcConfig).noquote() << "Could not read the PostgreSQL password from the keychain:" << error;
        return;
    }
    m_databasePassword = secrets.value(SourceSecrets::databasePasswordKey());
}

void DesktopApp::onTokensRead(int request, const SourceTokens& tokens, const QString& error)
{
    if (request != m_tokenRequest || !m_waitingForToken)
        return; // the dialog's own reads and writes, or an older read
    m_waitingForToken = false;
    if (!error.isEmpty()) {
        qCWarning(lcConfig).noquote() << "Could not read the REDCap API token:" << error;
        m_window->statusBar()->showMessage(tr("Could not read the REDCap API token: %1").arg(error),
                                           StatusMessageMs);
    }
    SourceTokens merged = tokens;
    // A token the keychain could not give keeps the one in use.
    for (auto it = m_tokens.cbegin(); it != m_tokens.cend(); ++it) {
        if (merged.value(it.key()).isEmpty() && !error.isEmpty())
            merged.insert(it.key(), it.value());
    }
    applyConfig(savedConfig(), merged);
}

QString DesktopApp::configError() const
{
    return m_options.configFile.isEmpty() ? m_settings->configError() : QString();
}

void DesktopApp::onConfigFileChanged(bool applied)
{
    // A run with --config uses its own file: lantir.json changing does not concern it.
    if (!m_options.configFile.isEmpty())
        return;
    showConfigError();
    if (!m_settings->configError().isEmpty())
        return;
    if (applied) {
        m_window->statusBar()->showMessage(tr("%1 changed on disk; Lantir uses the new settings.")
                                               .arg(QDir::toNativeSeparators(m_settings->configPath())),
                                           StatusMessageMs);
        loadSavedSettings();
    }
}

void DesktopApp::showConfigError()
{
    const QString error = configError();
    if (error.isEmpty()) {
        delete m_configErrorLabel;
        return;
    }
    if (!m_configErrorLabel) {
        m_configErrorLabel = new QLabel(m_window.get());
        m_configErrorLabel->setObjectName(QStringLiteral("configErrorLabel"));
        m_configErrorLabel->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        m_window->statusBar()->addPermanentWidget(m_configErrorLabel);
    }
    m_configErrorLabel->setText(tr("lantir.json has an error; the last good settings are in use"));
    m_configErrorLabel->setToolTip(error);
    m_window->statusBar()->showMessage(error, StatusMessageMs);
}

void DesktopApp::applyConfig(const SyncConfig& config, const QString& token)
{
    SourceTokens tokens;
    if (!config.sources.isEmpty())
        tokens.insert(config.sources.constFirst().name, token);
    applyConfig(config, tokens);
}

void DesktopApp::applyConfig(const SyncConfig& config, const SourceTokens& tokens)
{
    m_config = config;
    m_tokens = tokens;
    const bool usable = isUsable(config, tokens);
    m_controller->setConfig(config, tokens);
    m_window->setMemoryThresholds(config.memoryWarnMbPerHour, config.memoryCriticalMb);
    m_status->setConfigured(usable);
    // Without its password a PostgreSQL database would only fail to open: the window and the
    // worklist server wait for the keychain's answer (the tokens follow it and apply this again).
    if (m_passwordRequest == 0) {
        m_window->setDatabase(config.databaseTarget());
        applyWorklistServer(config);
    }
    if (usable && !m_started) {
        m_started = true;
        m_controller->start();
    }
    Q_EMIT configApplied(usable);
}

void DesktopApp::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->show();
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    auto* dialog = new SettingsDialog(m_settings.get(), m_secrets.get(), m_window.get());
    dialog->setObjectName(QStringLiteral("settingsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, [this](bool saved) {
        if (!saved)
            return; // the dialog shows why
        updatePrivacyWarning();
        if (!m_options.configFile.isEmpty()) {
            m_window->statusBar()->showMessage(tr("Settings saved. This run uses %1; they apply when Lantir "
                                                  "starts without --config.")
                                                   .arg(m_options.configFile),
                                               StatusMessageMs);
            return;
        }
        loadSavedSettings();
    });
    m_settingsDialog = dialog;
    // With --config the dialog shows what this run uses.
    if (!m_options.configFile.isEmpty())
        dialog->importConfig(m_options.configFile);
    dialog->show();
}

void DesktopApp::setupTray()
{
    m_tray = std::make_unique<TrayIcon>(m_controller.get(), m_status);
    connect(m_tray.get(), &TrayIcon::showWindowRequested, this, &DesktopApp::showMainWindow);
    connect(m_tray.get(), &TrayIcon::settingsRequested, this, &DesktopApp::openSettings);
    connect(m_tray.get(), &TrayIcon::quitRequested, this, &DesktopApp::quit);
    retryTray();
}

void DesktopApp::retryTray()
{
    // Where there is a notification area, closing the window keeps Lantir running in it;
    // otherwise closing quits like any application. At login the area may come a little later.
    const bool available = TrayIcon::isAvailable();
    if (available) {
        m_trayRetry.stop();
        m_tray->show();
    } else if (m_trayTries++ < TrayRetries) {
        m_trayRetry.start();
    } else {
        m_trayRetry.stop();
    }
    m_window->setCloseToTray(available);
    QApplication::setQuitOnLastWindowClosed(!available);
}

void DesktopApp::showMainWindow()
{
    m_window->showAndRaise();
}

void DesktopApp::onHiddenToTray(bool firstTime)
{
    if (!firstTime)
        return;
    const QString title = tr("Lantir is still running");
    const QString message
        = tr("Lantir keeps syncing in the notification area. Use Quit in its menu to stop it.");
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_tray->notify(title, message);
    } else {
        auto* box = new QMessageBox(QMessageBox::Information, title, message, QMessageBox::Ok);
        box->setObjectName(QStringLiteral("stillRunningMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::NonModal);
        box->show();
    }
}

void DesktopApp::shutdownSync()
{
    if (m_syncShutDown)
        return;
    m_syncShutDown = true;
    m_syncStillRunning = !m_controller->shutdown(m_options.shutdownTimeoutMs);
    if (m_syncStillRunning)
        qCWarning(lcSync) << "The running cycle did not stop in time; Lantir quits anyway";
}

void DesktopApp::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (m_settingsDialog)
        m_settingsDialog->close();
    if (m_tray)
        m_tray->hide();
    m_window->hide();
    shutdownSync();
    QCoreApplication::quit();
}

} // namespace Lantir

namespace Lantir {

void DesktopApp::applyWorklistServer(const SyncConfig& config)
{
    const DatabaseTarget database = config.databaseTarget();
    const bool same
        = m_dicom && m_dicom->isRunning() && m_dicomConfig == config.dicom && m_dicomDatabase == database;
    if (same)
        return;
    if (m_dicom)
        m_dicom->stop();
    m_dicomConfig = config.dicom;
    m_dicomDatabase = database;
    m_dicomError.clear();
    if (config.dicom.enabled) {
        if (!m_dicom) {
            m_dicom = std::make_unique<Dicom::DicomServer>();
            connect(m_dicom.get(), &Dicom::DicomServer::queryAnswered, this,
                    [this](const QString& caller, int answers, qint64) {
                        m_lastQuery = tr("last query from %1 at %2, answers: %3")
                                          .arg(caller, QTime::currentTime().toString(QStringLiteral("HH:mm")))
                                          .arg(answers);
                        updateWorklistServerLine();
                    });
            connect(m_dicom.get(), &Dicom::DicomServer::associationAccepted, this, [this](const QString&) {
                if (m_associationsDay != QDate::currentDate()) {
                    m_associationsDay = QDate::currentDate();
                    m_associationsToday = 0;
                }
                ++m_associationsToday;
                updateWorklistServerLine();
            });
            // The server logs each change (lantir.dicom, in the Log view); the worklist view shows
            // the row's new status.
            connect(m_dicom.get(), &Dicom::DicomServer::mppsChanged, this, [this]() {
                ++m_mppsEvents;
                updateWorklistServerLine();
                if (m_window)
                    m_window->worklistChangedElsewhere();
            });
        }
        const Result<void> started = m_dicom->start(config.dicom, database);
        if (!started) {
            m_dicomError = started.error().message;
            if (m_tray)
                m_tray->notify(tr("Worklist server"),
                               tr("The worklist server cannot listen: %1").arg(m_dicomError),
                               QSystemTrayIcon::Warning);
        }
    }
    updateWorklistServerLine();
}

void DesktopApp::updateWorklistServerLine()
{
    if (!m_dicomConfig.enabled) {
        if (m_dicomLine)
            m_dicomLine->hide();
        return;
    }
    if (!m_dicomLine) {
        m_dicomLine = new QLabel(m_window.get());
        m_dicomLine->setObjectName(QStringLiteral("worklistServerLine"));
        m_window->statusBar()->addPermanentWidget(m_dicomLine);
    }
    m_dicomLine->show();
    if (!m_dicom || !m_dicom->isRunning()) {
        m_dicomLine->setText(tr("Worklist server not running: %1").arg(m_dicomError));
        return;
    }
    QString text = tr("Worklist server on %1 as %2").arg(m_dicom->listenAddress(), m_dicomConfig.aeTitle);
    text += QLatin1String("; ") + tr("associations today: %1").arg(m_associationsToday);
    text += QLatin1String("; ") + tr("MPPS events: %1").arg(m_mppsEvents);
    if (!m_lastQuery.isEmpty())
        text += QLatin1String("; ") + m_lastQuery;
    m_dicomLine->setText(text);
}

} // namespace Lantir
