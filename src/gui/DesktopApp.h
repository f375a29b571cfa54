#pragma once

#include "DesktopOptions.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "base/Result.h"
#include "config/SyncConfig.h"

#include <QDate>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QLabel;

namespace Lantir {
namespace Dicom {
class DicomServer;
}

class AppSettings;
class MainWindow;
class CycleSoak;
class ScreenshotTour;
class SyncController;
class SyncStatus;
class Translator;
class TrayIcon;

// The desktop application as a whole: the saved settings and the token's secret store, the
// translations, the sync controller and its thread, the status both the window and the tray
// show, the main window, the tray icon, the settings dialog, and quitting cleanly. main() only
// parses the command line and hands it here.
//
// The configuration comes from lantir.json (AppSettings; each source's token from SourceSecrets),
// or from a JSON file given with --config. Settings applied in the dialog take effect at once, and
// so do changes others make to lantir.json while Lantir runs; a file that no longer loads keeps
// the last good settings running, and the status bar says why.
class DesktopApp : public QObject
{
    Q_OBJECT

public:
    // `secrets`: where the tokens are kept; the platform keychain when none is given.
    explicit DesktopApp(DesktopOptions options, std::unique_ptr<SourceSecrets> secrets = nullptr,
                        QObject* parent = nullptr);
    ~DesktopApp() override;

    // Reads the configuration, shows the window (or only the tray icon with --minimized) and
    // starts the schedule when REDCap is configured. An error is a configuration the user gave
    // on the command line that cannot be used.
    Result<void> start();

    // Uses this configuration and these tokens from now on (the schedules, the database shown,
    // the memory thresholds). Starts the schedule the first time a usable one arrives.
    void applyConfig(const SyncConfig& config, const SourceTokens& tokens);
    // A configuration of one source and its token.
    void applyConfig(const SyncConfig& config, const QString& token);

    AppSettings* settings() const { return m_settings.get(); }
    SourceSecrets* secrets() const { return m_secrets.get(); }
    const SourceTokens& tokens() const { return m_tokens; }
    // What start() said about sync settings moved from Lantir.conf to lantir.json (empty: none).
    QString migrationNotice() const { return m_migrationNotice; }
    // Why lantir.json no longer loads while the last good settings keep running; empty when fine.
    QString configError() const;
    Translator* translator() const { return m_translator; }
    SyncController* controller() const { return m_controller.get(); }
    SyncStatus* status() const { return m_status; }
    MainWindow* mainWindow() const { return m_window.get(); }
    TrayIcon* trayIcon() const { return m_tray.get(); }
    // The settings dialog while it is open.
    SettingsDialog* settingsDialog() const { return m_settingsDialog; }
    bool isQuitting() const { return m_quitting; }
    // The sync thread had not ended when quitting stopped waiting for it.
    bool isSyncStillRunning() const { return m_syncStillRunning; }
    // The token is being read from the secret store; the saved settings apply when it arrives.
    bool isReadingToken() const { return m_waitingForToken; }

public Q_SLOTS:
    // Shows the main window, from the tray or a second launch.
    void showMainWindow();
    // Opens the settings dialog (or raises it when open).
    void openSettings();
    // Stops the schedule, lets a running cycle end at its next safe point (a few seconds at
    // most), then ends the event loop.
    void quit();

Q_SIGNALS:
    // A configuration was applied (from the settings, --config, or the dialog).
    void configApplied(bool usable);

private:
    void setupTray();
    void retryTray();
    void onHiddenToTray(bool firstTime);
    void shutdownSync();
    // Reads the saved settings and then the tokens (asynchronously), and applies both.
    void loadSavedSettings();
    void onTokensRead(int request, const SourceTokens& tokens, const QString& error);
    void onPasswordRead(const SourceTokens& secrets, const QString& error);
    Result<void> startWithConfigFile();
    Result<void> startSoak();
    void startScreenshotTour();
    void moveLegacySettings();
    void onConfigFileChanged(bool applied);
    void showConfigError();
    SyncConfig savedConfig() const;
    void forceDatabaseFile(SyncConfig& config) const;
    static bool isUsable(const SyncConfig& config, const SourceTokens& tokens);
    // Says in the status bar (and the log) when others can read the settings file or folder.
    void updatePrivacyWarning();
    // Runs the built-in worklist server as the configuration says, and shows its state.
    void applyWorklistServer(const SyncConfig& config);
    void updateWorklistServerLine();

    DesktopOptions m_options;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<SourceSecrets> m_secrets;
    Translator* m_translator;
    std::unique_ptr<SyncController> m_controller;
    SyncStatus* m_status;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<ScreenshotTour> m_tour;
    std::unique_ptr<CycleSoak> m_soak;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<QLabel> m_privacyWarning;
    bool m_waitingForToken = false;
    int m_tokenRequest = 0;
    int m_passwordRequest = 0;
    QString m_databasePassword; // PostgreSQL's, from the keychain
    SyncConfig m_config;
    SourceTokens m_tokens;
    QString m_migrationNotice;
    QPointer<QLabel> m_configErrorLabel;
    QTimer m_trayRetry;
    int m_trayTries = 0;
    bool m_started = false;
    std::unique_ptr<Dicom::DicomServer> m_dicom;
    DicomConfig m_dicomConfig;
    DatabaseTarget m_dicomDatabase;
    QPointer<QLabel> m_dicomLine;
    QString m_dicomError;
    QString m_lastQuery;
    QDate m_associationsDay;
    int m_associationsToday = 0;
    int m_mppsEvents = 0;
    bool m_quitting = false;
    bool m_syncShutDown = false;
    bool m_syncStillRunning = false; // the last shutdown timed out: its QThread still runs
};

} // namespace Lantir
