#pragma once

#include "DesktopOptions.h"
#include "Result.h"
#include "SyncConfig.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Lantir {

class MainWindow;
class ScreenshotTour;
class SyncController;
class SyncStatus;
class TrayIcon;

// The desktop application as a whole: the sync controller and its thread, the status both the
// window and the tray show, the main window, the tray icon, and quitting cleanly. main() only
// parses the command line and hands it here.
class DesktopApp : public QObject
{
    Q_OBJECT

public:
    explicit DesktopApp(DesktopOptions options, QObject* parent = nullptr);
    ~DesktopApp() override;

    // Reads the configuration, shows the window (or only the tray icon with --minimized) and
    // starts the schedule when REDCap is configured. An error is a configuration the user gave
    // on the command line that cannot be used.
    Result<void> start();

    // Uses this configuration and token from now on (the schedule, the database shown, the
    // memory thresholds). Starts the schedule the first time a usable one arrives.
    void applyConfig(const SyncConfig& config, const QString& token);

    SyncController* controller() const { return m_controller.get(); }
    SyncStatus* status() const { return m_status; }
    MainWindow* mainWindow() const { return m_window.get(); }
    TrayIcon* trayIcon() const { return m_tray.get(); }
    bool isQuitting() const { return m_quitting; }

    // Shows the main window, from the tray or a second launch.
    void showMainWindow();

public Q_SLOTS:
    // Stops the schedule, lets a running cycle end at its next safe point (a few seconds at
    // most), then ends the event loop.
    void quit();

Q_SIGNALS:
    void settingsRequested();

private:
    void setupTray();
    void retryTray();
    void onHiddenToTray(bool firstTime);
    void shutdownSync();
    static bool isUsable(const SyncConfig& config, const QString& token);

    DesktopOptions m_options;
    std::unique_ptr<SyncController> m_controller;
    SyncStatus* m_status;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<ScreenshotTour> m_tour;
    SyncConfig m_config;
    QString m_token;
    QTimer m_trayRetry;
    int m_trayTries = 0;
    bool m_started = false;
    bool m_quitting = false;
    bool m_syncShutDown = false;
};

} // namespace Lantir
