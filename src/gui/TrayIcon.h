#pragma once

#include "SyncStatus.h"

#include <QObject>
#include <QSystemTrayIcon>
#include <QTimer>

class QAction;
class QMenu;

namespace Lantir {

class SourceSyncMenu;
class SyncController;

// The notification-area icon: its picture shows the state (ok, syncing, warning, error), its
// tooltip each source's state, the last and next sync and the memory in use, its menu the few things one does
// without opening the window. Shows a notification for the first failed cycle of a run, the
// recovery after it and memory alarms, where the platform supports notifications.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    TrayIcon(SyncController* controller, SyncStatus* status, QObject* parent = nullptr);
    ~TrayIcon() override;

    // True when the desktop has a notification area to show the icon in.
    static bool isAvailable();

    void show();
    void hide();
    bool isVisible() const;

    QSystemTrayIcon* systemTrayIcon() const { return m_tray; }
    QMenu* menu() const { return m_menu; }
    QAction* syncNowAction() const { return m_syncNow; }
    // "Sync One Source": one action per enabled source (shown with two or more).
    QMenu* sourceMenu() const { return m_sourceMenu; }
    QAction* pauseAction() const { return m_pause; }
    QAction* showWindowAction() const { return m_showWindow; }
    QAction* settingsAction() const { return m_settings; }
    QAction* quitAction() const { return m_quit; }
    SyncStatus::Tray shownState() const { return m_shownState; }
    QString toolTip() const;

    // Shows a notification where the platform can; always emits notified().
    void notify(const QString& title, const QString& message,
                QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    void showWindowRequested();
    void settingsRequested();
    void quitRequested();
    // A notification was decided on (shown, or only logged where the platform has none).
    void notified(const QString& title, const QString& message);

private:
    void refresh();
    void retranslate();
    void refreshToolTip();
    void onActivated(QSystemTrayIcon::ActivationReason reason);

    SyncController* m_controller;
    SyncStatus* m_status;
    QSystemTrayIcon* m_tray;
    QMenu* m_menu;
    QAction* m_syncNow;
    QMenu* m_sourceMenu;
    SourceSyncMenu* m_sourceSync;
    QAction* m_pause;
    QAction* m_showWindow;
    QAction* m_settings;
    QAction* m_quit;
    QTimer m_toolTipTimer;
    SyncStatus::Tray m_shownState = SyncStatus::Tray::Ok;
    bool m_stateShown = false;
};

} // namespace Lantir
