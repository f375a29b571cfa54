#include "TrayIcon.h"

#include "Icons.h"
#include "SourceSyncMenu.h"
#include "base/Logging.h"
#include "sync/SyncController.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QMenu>

namespace Lantir {

namespace {
constexpr int ToolTipRefreshMs = 5000;
constexpr int NotificationMs = 10000;
} // namespace

TrayIcon::TrayIcon(SyncController* controller, SyncStatus* status, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_status(status)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu())
{
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_menu->setObjectName(QStringLiteral("trayMenu"));

    m_syncNow = m_menu->addAction(QString());
    m_syncNow->setObjectName(QStringLiteral("traySyncNowAction"));
    m_sourceMenu = m_menu->addMenu(QString());
    m_sourceMenu->setObjectName(QStringLiteral("traySourceMenu"));
    m_sourceSync = new SourceSyncMenu(m_controller, m_sourceMenu, this);
    connect(m_sourceSync, &SourceSyncMenu::syncRequested, this, &TrayIcon::refresh);
    m_pause = m_menu->addAction(QString());
    m_pause->setObjectName(QStringLiteral("trayPauseAction"));
    m_pause->setCheckable(true);
    m_menu->addSeparator();
    m_showWindow = m_menu->addAction(QString());
    m_showWindow->setObjectName(QStringLiteral("trayShowWindowAction"));
    m_settings = m_menu->addAction(QString());
    m_settings->setObjectName(QStringLiteral("traySettingsAction"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString());
    m_quit->setObjectName(QStringLiteral("trayQuitAction"));
    m_tray->setContextMenu(m_menu);
    // The menu is a widget and hears of language changes; the actions follow it.
    m_menu->installEventFilter(this);

    connect(m_syncNow, &QAction::triggered, this, [this] {
        m_controller->syncNow();
        refresh();
    });
    connect(m_pause, &QAction::triggered, this, [this](bool paused) { m_controller->setPaused(paused); });
    connect(m_showWindow, &QAction::triggered, this, &TrayIcon::showWindowRequested);
    connect(m_settings, &QAction::triggered, this, &TrayIcon::settingsRequested);
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayIcon::onActivated);

    connect(m_status, &SyncStatus::changed, this, &TrayIcon::refresh);
    connect(m_status, &SyncStatus::cycleFailed, this, [this](const CycleReport& report) {
        notify(tr("Lantir: sync failed"), SyncStatus::cycleErrorText(report).section(QLatin1Char('\n'), 0, 0),
               QSystemTrayIcon::Critical);
    });
    connect(m_status, &SyncStatus::recovered, this, [this](const CycleReport& report, int failed) {
        notify(tr("Lantir: sync working again"),
               tr("The sync works again (failed cycles before it: %1): %2 new, %3 updated.")
                   .arg(failed)
                   .arg(report.inserted)
                   .arg(report.updated),
               QSystemTrayIcon::Information);
    });
    connect(m_controller, &SyncController::cycleFinished, this, [this](const CycleReport& report) {
        if (!report.ok || report.dryRun || report.cancelled <= 0)
            return;
        // English has no source-language translation file for plurals: one sentence per form.
        const int count = int(report.cancelled);
        notify(tr("Lantir: visits removed"),
               count == 1
                   ? tr("1 visit was removed in REDCap and leaves the scanner's list.")
                   : tr("%n visits were removed in REDCap and leave the scanner's list.", nullptr, count),
               QSystemTrayIcon::Information);
    });
    connect(m_status, &SyncStatus::memoryAlarmRaised, this, [this](const MemoryAlarm& alarm) {
        const bool critical = alarm.level == MemoryAlarmLevel::Critical;
        notify(critical ? tr("Lantir: memory critical") : tr("Lantir: memory warning"),
               m_status->alarmMessage(), critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    });

    m_toolTipTimer.setInterval(ToolTipRefreshMs);
    connect(&m_toolTipTimer, &QTimer::timeout, this, &TrayIcon::refreshToolTip);
    retranslate();
}

void TrayIcon::retranslate()
{
    m_showWindow->setText(tr("Show &Window"));
    m_settings->setText(tr("S&ettings…"));
    m_quit->setText(tr("&Quit Lantir"));
    m_sourceMenu->setTitle(tr("Sync One S&ource"));
    m_sourceSync->retranslate();
    refresh();
}

bool TrayIcon::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_menu && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

TrayIcon::~TrayIcon()
{
    m_tray->setContextMenu(nullptr);
    delete m_menu;
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    m_tray->show();
    m_toolTipTimer.start();
}

void TrayIcon::hide()
{
    m_tray->hide();
    m_toolTipTimer.stop();
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::refresh()
{
    const SyncStatus::Tray state = m_status->trayState();
    if (!m_stateShown || state != m_shownState) {
        m_tray->setIcon(Icons::tray(state));
        m_shownState = state;
        m_stateShown = true;
    }
    const bool paused = m_controller->isPaused();
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("&Resume Scheduled Syncs") : tr("&Pause Scheduled Syncs"));
    m_syncNow->setEnabled(m_status->isConfigured() && !m_status->isSyncNowQueued());
    m_syncNow->setText(m_status->isCycleRunning() ? tr("&Sync Again After This Cycle") : tr("&Sync Now"));
    m_sourceSync->refresh(!m_status->isConfigured());
    m_sourceMenu->menuAction()->setVisible(m_sourceSync->sources().size() > 1);
    refreshToolTip();
}

void TrayIcon::refreshToolTip()
{
    m_tray->setToolTip(m_status->toolTip(QDateTime::currentDateTimeUtc()));
}

void TrayIcon::notify(const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon)
{
    qCInfo(lcSync).noquote() << "Notification:" << title << "-" << message;
    if (m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, icon, NotificationMs);
    Q_EMIT notified(title, message);
}

void TrayIcon::onActivated(QSystemTrayIcon::ActivationReason reason)
{
    if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
        Q_EMIT showWindowRequested();
}

} // namespace Lantir
