// The tray icon: its menu actions, its state icon and tooltip, and which events notify.

#include "CycleTableModel.h"
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "Icons.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "SyncStatus.h"
#include "TestEnvironment.h"
#include "TrayIcon.h"
#include "sync/SyncController.h"

#include <QAction>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

class TestTrayMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void menuHasTheActions();
    void syncNowRunsACycle();
    void pauseTogglesTheScheduler();
    void showWindowSettingsAndQuit();
    void iconAndTooltipFollowTheState();
    void notifiesFailureAndRecoveryButNotSuccess();
    void notifiesMemoryAlarms();
    void notifiesRemovedVisitsAndConfirmsABlockedCancel();
    void iconsRenderAtSmallSizes();

private:
    std::unique_ptr<DesktopApp> startApp();
    QAction* action(DesktopApp& app, const char* name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorThread> m_simulator;
};

void TestTrayMenu::initTestCase()
{
    isolateSettings("tst_traymenu");
}

void TestTrayMenu::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_simulator = std::make_unique<SimulatorThread>(5, 1);
    QVERIFY(m_simulator->isListening());
}

void TestTrayMenu::cleanup()
{
    m_simulator.reset();
    m_dir.reset();
}

std::unique_ptr<DesktopApp> TestTrayMenu::startApp()
{
    auto app = makeDesktopApp(m_dir->filePath(QStringLiteral("lantir.ini")));
    if (!startDesktopApp(*app))
        return nullptr;
    app->applyConfig(
        simulatorConfig((*m_simulator)->apiUrl(), m_dir->filePath(QStringLiteral("worklist.db"))),
        RedcapSimulator::defaultToken());
    return app;
}

QAction* TestTrayMenu::action(DesktopApp& app, const char* name) const
{
    return app.trayIcon()->menu()->findChild<QAction*>(QString::fromLatin1(name));
}

void TestTrayMenu::menuHasTheActions()
{
    auto app = startApp();
    QVERIFY(app);
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->cycleModel()->rowCount(), 1,
                              TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    QStringList texts;
    const QList<QAction*> actions = app->trayIcon()->menu()->actions();
    for (QAction* a : actions) {
        if (!a->isSeparator() && a->isVisible())
            texts << a->text();
    }
    // One source: no "Sync One Source" menu.
    QVERIFY(!app->trayIcon()->sourceMenu()->menuAction()->isVisible());
    QCOMPARE(texts,
             (QStringList { QStringLiteral("&Sync Now"), QStringLiteral("&Pause Scheduled Syncs"),
                            QStringLiteral("Show &Window"), QStringLiteral("S&ettings…"),
                            QStringLiteral("&Quit Lantir") }));
    QCOMPARE(app->trayIcon()->systemTrayIcon()->contextMenu(), app->trayIcon()->menu());
}

void TestTrayMenu::syncNowRunsACycle()
{
    auto app = startApp();
    QVERIFY(app);
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->cycleModel()->rowCount(), 1,
                              TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    QSignalSpy finished(app->controller(), &SyncController::cycleFinished);
    action(*app, "traySyncNowAction")->trigger();
    QVERIFY(app->status()->isCycleRunning());
    QCOMPARE(app->trayIcon()->shownState(), SyncStatus::Tray::Syncing);
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    QCOMPARE(app->mainWindow()->cycleModel()->rowCount(), 2);
    QTRY_COMPARE(app->trayIcon()->shownState(), SyncStatus::Tray::Ok);
}

void TestTrayMenu::pauseTogglesTheScheduler()
{
    auto app = startApp();
    QVERIFY(app);
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->cycleModel()->rowCount(), 1,
                              TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    QAction* pause = action(*app, "trayPauseAction");
    SyncScheduler* scheduler = app->controller()->scheduler();
    pause->trigger();
    QVERIFY(scheduler->isPaused());
    QCOMPARE(scheduler->state(), SyncScheduler::State::Paused);
    QVERIFY(pause->isChecked());
    QCOMPARE(pause->text(), QStringLiteral("&Resume Scheduled Syncs"));
    QVERIFY(!scheduler->nextRunAt().isValid());
    pause->trigger();
    QVERIFY(!scheduler->isPaused());
    QCOMPARE(scheduler->state(), SyncScheduler::State::Idle);
    QCOMPARE(pause->text(), QStringLiteral("&Pause Scheduled Syncs"));
    QVERIFY(scheduler->nextRunAt().isValid());

    // The window's Pause follows the tray's.
    pause->trigger();
    QVERIFY(app->mainWindow()->findChild<QAction*>(QStringLiteral("pauseAction"))->isChecked());
}

void TestTrayMenu::showWindowSettingsAndQuit()
{
    auto app = startApp();
    QVERIFY(app);
    app->mainWindow()->hide();
    action(*app, "trayShowWindowAction")->trigger();
    QVERIFY(app->mainWindow()->isVisible());

    QVERIFY(!app->settingsDialog());
    action(*app, "traySettingsAction")->trigger();
    QVERIFY(app->settingsDialog());
    QVERIFY(app->settingsDialog()->isVisible());
    action(*app, "traySettingsAction")->trigger(); // raises the open one
    QCOMPARE(app->mainWindow()->findChildren<SettingsDialog*>().size(), 1);

    QTRY_VERIFY_WITH_TIMEOUT(!app->status()->isCycleRunning(), TestEnvironment::scaledMs(15000));
    action(*app, "trayQuitAction")->trigger();
    QVERIFY(app->isQuitting());
    QVERIFY(!app->mainWindow()->isVisible());
}

void TestTrayMenu::iconAndTooltipFollowTheState()
{
    auto app = startApp();
    QVERIFY(app);
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->cycleModel()->rowCount(), 1,
                              TestEnvironment::scaledMs(15000));
    QTRY_COMPARE(app->trayIcon()->shownState(), SyncStatus::Tray::Ok);
    const QString tip = app->trayIcon()->toolTip();
    QVERIFY2(tip.contains(QStringLiteral("Last sync")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Next sync in")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Memory: ")), qPrintable(tip));
    QVERIFY(!app->trayIcon()->systemTrayIcon()->icon().isNull());
}

void TestTrayMenu::notifiesFailureAndRecoveryButNotSuccess()
{
    auto app = startApp();
    QVERIFY(app);
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->cycleModel()->rowCount(), 1,
                              TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    QCOMPARE(notified.count(), 0); // a good cycle says nothing

    // Two failed cycles (the server refuses the token): one notification.
    (*m_simulator)->setToken(QStringLiteral("0123456789ABCDEF0123456789ABCDEF"));
    QSignalSpy finished(app->controller(), &SyncController::cycleFinished);
    for (int i = 0; i < 2; ++i) {
        action(*app, "traySyncNowAction")->trigger();
        QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
        QVERIFY(!finished.last().first().value<CycleReport>().ok);
        QTRY_VERIFY(!app->status()->isCycleRunning());
    }
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.first().first().toString(), QStringLiteral("Lantir: sync failed"));
    QCOMPARE(app->trayIcon()->shownState(), SyncStatus::Tray::Error);
    QCOMPARE(app->status()->display(), SyncStatus::Display::Error);

    // Back to work: one recovery notification, then silence again.
    (*m_simulator)->setToken(RedcapSimulator::defaultToken());
    for (int i = 0; i < 2; ++i) {
        action(*app, "traySyncNowAction")->trigger();
        QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
        QVERIFY(finished.last().first().value<CycleReport>().ok);
        QTRY_VERIFY(!app->status()->isCycleRunning());
    }
    QCOMPARE(notified.count(), 2);
    QCOMPARE(notified.at(1).first().toString(), QStringLiteral("Lantir: sync working again"));
    QVERIFY(notified.at(1).at(1).toString().contains(QStringLiteral("failed cycles before it: 2")));
    QCOMPARE(app->trayIcon()->shownState(), SyncStatus::Tray::Ok);
}

void TestTrayMenu::notifiesRemovedVisitsAndConfirmsABlockedCancel()
{
    auto app = startApp();
    QVERIFY(app);
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->cycleModel()->rowCount(), 1,
                              TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);
    QSignalSpy finished(app->controller(), &SyncController::cycleFinished);

    // One visit of five deleted in REDCap: its row leaves the list, and the tray says so.
    (*m_simulator)->removeRow(QStringLiteral("1"), QStringLiteral("mri"), 1);
    action(*app, "traySyncNowAction")->trigger();
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    QCOMPARE(finished.last().first().value<CycleReport>().cancelled, 1);
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.first().first().toString(), QStringLiteral("Lantir: visits removed"));
    QCOMPARE(notified.first().at(1).toString(),
             QStringLiteral("1 visit was removed in REDCap and leaves the scanner's list."));
    QTRY_VERIFY(!app->status()->isCycleRunning());

    // Two of the four left deleted at once: over max_cancel_fraction, the cycle stops and the
    // window offers to cancel them anyway; one click does, once.
    (*m_simulator)->removeRecord(QStringLiteral("2"));
    (*m_simulator)->removeRecord(QStringLiteral("3"));
    app->controller()->syncNow(true);
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    const CycleReport blocked = finished.last().first().value<CycleReport>();
    QVERIFY(!blocked.ok);
    QVERIFY(blocked.cancelBlocked);
    QTRY_VERIFY(!app->status()->isCycleRunning());
    auto* button = app->mainWindow()->findChild<QPushButton*>(QStringLiteral("forceCancelButton"));
    QVERIFY(button);
    QTRY_VERIFY(button->isVisibleTo(app->mainWindow()));
    button->click();
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    const CycleReport confirmed = finished.last().first().value<CycleReport>();
    QVERIFY2(confirmed.ok, qPrintable(confirmed.error));
    QCOMPARE(confirmed.cancelled, 2);
    QTRY_VERIFY(!button->isVisibleTo(app->mainWindow()));
}

void TestTrayMenu::notifiesMemoryAlarms()
{
    // A critical limit below any real RSS: the first cycle raises the alarm.
    auto app = makeDesktopApp(m_dir->filePath(QStringLiteral("lantir.ini")));
    QVERIFY(startDesktopApp(*app));
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);
    SyncConfig config
        = simulatorConfig((*m_simulator)->apiUrl(), m_dir->filePath(QStringLiteral("worklist.db")));
    config.memoryCriticalMb = 1.0;
    app->applyConfig(config, RedcapSimulator::defaultToken());
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, TestEnvironment::scaledMs(15000));
    QCOMPARE(notified.first().first().toString(), QStringLiteral("Lantir: memory critical"));
    QVERIFY(!notified.first().at(1).toString().isEmpty());
    QTRY_COMPARE(app->trayIcon()->shownState(), SyncStatus::Tray::Error);
    QCOMPARE(app->status()->memoryAlarm().level, MemoryAlarmLevel::Critical);
    QVERIFY(app->trayIcon()->toolTip().contains(QStringLiteral("Memory critical")));
}

void TestTrayMenu::iconsRenderAtSmallSizes()
{
    for (SyncStatus::Tray state : { SyncStatus::Tray::Ok, SyncStatus::Tray::Syncing,
                                    SyncStatus::Tray::Warning, SyncStatus::Tray::Error }) {
        const QIcon icon = Icons::tray(state);
        QVERIFY(!icon.isNull());
        for (int size : { 16, 22, 32, 64 }) {
            const QImage image = icon.pixmap(QSize(size, size)).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            // Drawn, not blank: the centre pixel is opaque.
            QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) > 200);
        }
    }
    QVERIFY(!Icons::application().pixmap(QSize(256, 256)).isNull());

    // Made once: a new icon per status update would render and cache its pixmaps anew each time.
    QCOMPARE(Icons::tray(SyncStatus::Tray::Ok).cacheKey(), Icons::tray(SyncStatus::Tray::Ok).cacheKey());
    QVERIFY(Icons::tray(SyncStatus::Tray::Ok).cacheKey() != Icons::tray(SyncStatus::Tray::Error).cacheKey());
    QCOMPARE(Icons::application().cacheKey(), Icons::application().cacheKey());
}

QTEST_MAIN(TestTrayMenu)
#include "tst_traymenu.moc"
