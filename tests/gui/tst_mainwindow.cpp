// The main window against the REDCap simulator (its own thread, real HTTP on 127.0.0.1) and a
// SQLite file: Sync Now, the status strip, history at start, CSV export, the worklist view,
// remembered geometry, closing and quitting during a cycle.

#include "AppSettings.h"
#include "CycleTableModel.h"
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "MemoryChartView.h"
#include "SettingsDialog.h"
#include "SyncStatus.h"
#include "TestEnvironment.h"
#include "TrayIcon.h"
#include "WorklistFilterProxy.h"
#include "WorklistTableModel.h"
#include "store/CycleHistory.h"
#include "store/WorklistStore.h"
#include "sync/SyncController.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Lantir;
using namespace Lantir::Test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void notConfiguredSaysSoAndDisablesSync();
    void startsFromTheSavedSettingsAndToken();
    void languageChangeKeepsTheState();
    void syncNowAddsAPointAndARow();
    void syncNowDuringACycleIsQueued();
    void pauseTogglesTheSchedule();
    void historyLoadsFromTheDatabaseAtStart();
    void exportsTheFullHistoryAsCsv();
    void worklistViewShowsAndFiltersTheTable();
    void remembersGeometryAndTab();
    void closingHidesToTrayOrCloses();
    void keyboardAccess();
    void quittingDuringACycleEndsWithinSeconds();
    void withoutATrayClosingQuits(); // runs the event loop to its end: last

private:
    std::unique_ptr<DesktopApp> startApp(bool configured);
    QString databasePath() const { return m_dir->filePath(QStringLiteral("worklist.db")); }
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("lantir.ini")); }
    void storeHistory(const QList<CycleReport>& reports);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorThread> m_simulator;
};

void TestMainWindow::initTestCase()
{
    isolateSettings("tst_mainwindow");
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_simulator = std::make_unique<SimulatorThread>(10, 2);
    QVERIFY(m_simulator->isListening());
}

void TestMainWindow::cleanup()
{
    m_simulator.reset();
    m_dir.reset();
}

std::unique_ptr<DesktopApp> TestMainWindow::startApp(bool configured)
{
    auto app = makeDesktopApp(settingsFile());
    if (!startDesktopApp(*app))
        qWarning() << "The desktop application did not start";
    if (configured) {
        app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()),
                         RedcapSimulator::defaultToken());
    }
    return app;
}

void TestMainWindow::storeHistory(const QList<CycleReport>& reports)
{
    WorklistStore store;
    const Result<void> opened = store.open(databasePath());
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    QSqlDatabase db = store.database();
    QVERIFY(db.transaction());
    CycleHistory history(db);
    for (CycleReport report : reports) {
        if (report.source.isEmpty())
            report.source = SourceConfig().name;
        const Result<void> kept = history.append(report);
        QVERIFY2(kept.ok(), qPrintable(kept.error().message));
    }
    QVERIFY(db.commit());
}

void TestMainWindow::notConfiguredSaysSoAndDisablesSync()
{
    auto app = startApp(false);
    MainWindow* window = app->mainWindow();
    QVERIFY(window->isVisible());
    QCOMPARE(window->findChild<QLabel*>(QStringLiteral("stateLabel"))->text(),
             QStringLiteral("Not configured"));
    QVERIFY(!window->findChild<QPushButton*>(QStringLiteral("syncNowButton"))->isEnabled());
    QVERIFY(!window->findChild<QAction*>(QStringLiteral("syncNowAction"))->isEnabled());
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("nextSyncLabel"))
                ->text()
                .contains(QStringLiteral("Settings")));
    QCOMPARE(app->status()->trayState(), SyncStatus::Tray::Warning);
}

void TestMainWindow::startsFromTheSavedSettingsAndToken()
{
    {
        AppSettings saved(settingsFile());
        saved.setSyncConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()));
        QVERIFY(saved.save());
    }
    auto app = makeDesktopApp(settingsFile(), RedcapSimulator::defaultToken());
    QSignalSpy applied(app.get(), &DesktopApp::configApplied);
    QVERIFY(app->start().ok());
    // The token comes from the secret store asynchronously; then the first cycle runs.
    QTRY_VERIFY(!applied.isEmpty() && applied.last().first().toBool());
    QVERIFY(app->status()->isConfigured());
    QCOMPARE(app->mainWindow()->database().path, databasePath());
    QTRY_COMPARE_WITH_TIMEOUT(app->mainWindow()->cycleModel()->rowCount(), 1,
                              TestEnvironment::scaledMs(15000));
    QVERIFY(app->mainWindow()->cycleModel()->reportAt(0).ok);

    // Settings saved later (as the dialog's Apply does) take effect without a restart.
    const QString otherDatabase = m_dir->filePath(QStringLiteral("other.db"));
    SyncConfig changed = app->settings()->syncConfig();
    changed.databasePath = otherDatabase;
    changed.memoryCriticalMb = 800;
    app->settings()->setSyncConfig(changed);
    QVERIFY(app->settings()->save());
    app->openSettings();
    QVERIFY(app->settingsDialog());
    QVERIFY(app->settingsDialog()->isVisible());
    SettingsDialog* dialog = app->settingsDialog();
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY(dialog->isInputValid());
    QSignalSpy dialogApplied(dialog, &SettingsDialog::applied);
    QVERIFY(dialog->apply());
    QTRY_COMPARE(dialogApplied.count(), 1);
    QVERIFY(dialogApplied.first().first().toBool());
    QTRY_COMPARE(app->mainWindow()->database().path, otherDatabase);
    QCOMPARE(app->controller()->config().databasePath, otherDatabase);
    QCOMPARE(app->controller()->config().memoryCriticalMb, 800.0);
}

void TestMainWindow::languageChangeKeepsTheState()
{
    auto app = startApp(true);
    MainWindow* window = app->mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    auto* state = window->findChild<QLabel*>(QStringLiteral("stateLabel"));
    auto* status = window->findChild<QComboBox*>(QStringLiteral("statusComboBox"));
    status->setCurrentIndex(3);
    const QString lastSync = window->findChild<QLabel*>(QStringLiteral("lastSyncLabel"))->text();
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(window, &change);
    QCOMPARE(state->text(), QStringLiteral("Idle"));
    QCOMPARE(window->findChild<QLabel*>(QStringLiteral("lastSyncLabel"))->text(), lastSync);
    QCOMPARE(status->count(), 5);
    QCOMPARE(status->currentIndex(), 3);
    QCOMPARE(status->itemText(3), QStringLiteral("Completed"));
    QCOMPARE(window->findChild<QPushButton*>(QStringLiteral("pauseButton"))->text(),
             QStringLiteral("&Pause"));
    QCoreApplication::sendEvent(app->trayIcon()->menu(), &change);
    QCOMPARE(app->trayIcon()->quitAction()->text(), QStringLiteral("&Quit Lantir"));
    QCOMPARE(app->trayIcon()->syncNowAction()->text(), QStringLiteral("&Sync Now"));
}

void TestMainWindow::syncNowAddsAPointAndARow()
{
    auto app = startApp(true);
    MainWindow* window = app->mainWindow();
    auto* syncNow = window->findChild<QPushButton*>(QStringLiteral("syncNowButton"));
    auto* state = window->findChild<QLabel*>(QStringLiteral("stateLabel"));
    auto* last = window->findChild<QLabel*>(QStringLiteral("lastSyncLabel"));
    auto* next = window->findChild<QLabel*>(QStringLiteral("nextSyncLabel"));
    MemoryChartView* chart = window->chartView();

    // The first cycle runs at start.
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(15000));
    QVERIFY2(window->cycleModel()->reportAt(0).ok, qPrintable(window->cycleModel()->reportAt(0).error));
    QTRY_COMPARE(chart->plottedPointCount(), 1);
    QTRY_COMPARE(state->text(), QStringLiteral("Idle"));
    const qint64 firstInserted = window->cycleModel()->reportAt(0).inserted;
    QVERIFY(firstInserted > 0);
    QVERIFY2(last->text().contains(QStringLiteral("%1 new").arg(firstInserted)), qPrintable(last->text()));
    QTRY_VERIFY2(next->text().startsWith(QStringLiteral("Next sync in ")), qPrintable(next->text()));

    // Sync Now: the button is disabled while the cycle runs, then the chart and table grow.
    QSignalSpy started(app->controller(), &SyncController::cycleStarted);
    QVERIFY(syncNow->isEnabled());
    QTest::mouseClick(syncNow, Qt::LeftButton);
    QVERIFY(!syncNow->isEnabled());
    QCOMPARE(state->text(), QStringLiteral("Syncing…"));
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 2, TestEnvironment::scaledMs(15000));
    QCOMPARE(started.count(), 1);
    QTRY_COMPARE(chart->plottedPointCount(), 2);
    QTRY_VERIFY(syncNow->isEnabled());
    const CycleReport& second = window->cycleModel()->reportAt(0);
    QVERIFY(second.ok);
    QCOMPARE(second.inserted, qint64(0));
    QVERIFY(second.rssPeakKb > 0);
    QVERIFY(last->text().contains(QStringLiteral("0 new")));

    // The table view shows it, newest first.
    auto* table = window->findChild<QTableView*>(QStringLiteral("cyclesTableView"));
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->index(0, CycleTableModel::Inserted).data().toString(), QStringLiteral("0"));
    QCOMPARE(table->model()->index(1, CycleTableModel::Inserted).data().toString(),
             QString::number(firstInserted));
}

void TestMainWindow::syncNowDuringACycleIsQueued()
{
    auto app = startApp(true);
    MainWindow* window = app->mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(15000));
    auto* syncNow = window->findChild<QPushButton*>(QStringLiteral("syncNowButton"));
    auto* action = window->findChild<QAction*>(QStringLiteral("syncNowAction"));
    auto* next = window->findChild<QLabel*>(QStringLiteral("nextSyncLabel"));

    // Make the next cycle slow, start it, and ask again while it runs.
    (*m_simulator)->injectFault(RedcapSimulator::Fault::Delay, 1, QStringLiteral("record"), 1500);
    QTest::mouseClick(syncNow, Qt::LeftButton);
    QVERIFY(app->status()->isCycleRunning());
    QVERIFY(action->isEnabled());
    QCOMPARE(action->text(), QStringLiteral("&Sync Again After This Cycle"));
    action->trigger();
    QVERIFY(app->status()->isSyncNowQueued());
    QVERIFY2(next->text().contains(QStringLiteral("queued")), qPrintable(next->text()));
    QVERIFY(!action->isEnabled()); // one queued request is enough
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 3, TestEnvironment::scaledMs(20000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    QVERIFY(!next->text().contains(QStringLiteral("queued")));
    QVERIFY(action->isEnabled());
}

void TestMainWindow::pauseTogglesTheSchedule()
{
    auto app = startApp(true);
    MainWindow* window = app->mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    auto* pause = window->findChild<QPushButton*>(QStringLiteral("pauseButton"));
    auto* state = window->findChild<QLabel*>(QStringLiteral("stateLabel"));
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(app->controller()->scheduler()->isPaused());
    QCOMPARE(state->text(), QStringLiteral("Paused"));
    QCOMPARE(pause->text(), QStringLiteral("&Resume"));
    QVERIFY(window->findChild<QAction*>(QStringLiteral("pauseAction"))->isChecked());
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!app->controller()->scheduler()->isPaused());
    QCOMPARE(state->text(), QStringLiteral("Idle"));
    QCOMPARE(pause->text(), QStringLiteral("&Pause"));
}

void TestMainWindow::historyLoadsFromTheDatabaseAtStart()
{
    // A year of 30-minute cycles and some more, stored by an earlier run.
    const QList<CycleReport> reports = syntheticReports(17600, QDateTime::currentDateTimeUtc().addSecs(-600));
    storeHistory(reports);

    auto app = makeDesktopApp(settingsFile());
    QVERIFY(startDesktopApp(*app));
    MainWindow* window = app->mainWindow();
    QSignalSpy loaded(window, &MainWindow::historyLoaded);
    SyncConfig config = simulatorConfig((*m_simulator)->apiUrl(), databasePath());
    QElapsedTimer timer;
    timer.start();
    app->applyConfig(config, QString()); // no token: nothing syncs, the history still shows
    QVERIFY(timer.elapsed() < TestEnvironment::scaledMs(500)); // read on a worker thread, not here
    QVERIFY(window->isHistoryLoading());
    QVERIFY(loaded.wait(TestEnvironment::scaledMs(30000)));
    QCOMPARE(loaded.first().first().toLongLong(), qint64(17600));

    QCOMPARE(window->cycleModel()->rowCount(), window->cycleModel()->capacity());
    QCOMPARE(window->cycleModel()->reportAt(0).startedAt, reports.constLast().startedAt);
    MemoryChartView* chart = window->chartView();
    QCOMPARE(chart->history().cycleCount(), qint64(17600));
    QVERIFY(chart->history().bucketCount() <= chart->history().capacity());
    window->findChild<QComboBox*>(QStringLiteral("rangeComboBox"))->setCurrentIndex(3); // All
    chart->refreshNow();
    QVERIFY(chart->plottedPointCount() <= MemoryChartView::MaxPlottedPoints);
    QVERIFY(chart->plottedPointCount() > MemoryChartView::MaxPlottedPoints / 4);
    window->findChild<QComboBox*>(QStringLiteral("rangeComboBox"))->setCurrentIndex(0); // 24 h
    chart->refreshNow();
    QCOMPARE(chart->plottedPointCount(), 48);

    // The last stored cycle is the "last sync" until a new one runs.
    QVERIFY(app->status()->hasLastReport());
    QCOMPARE(app->status()->lastReport().startedAt, reports.constLast().startedAt);
    QVERIFY(app->status()->memoryTrend().samples >= 2);
}

void TestMainWindow::exportsTheFullHistoryAsCsv()
{
    const QList<CycleReport> reports = syntheticReports(1500, QDateTime::currentDateTimeUtc().addSecs(-600));
    storeHistory(reports);
    auto app = makeDesktopApp(settingsFile());
    QVERIFY(startDesktopApp(*app));
    MainWindow* window = app->mainWindow();
    QSignalSpy loaded(window, &MainWindow::historyLoaded);
    app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()), QString());
    QVERIFY(loaded.wait(TestEnvironment::scaledMs(20000)));

    // The table holds the newest 1,000; the export has all 1,500, oldest first.
    const QString path = m_dir->filePath(QStringLiteral("history.csv"));
    QSignalSpy exported(window, &MainWindow::csvExported);
    window->exportHistoryCsv(path);
    QVERIFY(exported.wait(TestEnvironment::scaledMs(20000)));
    QVERIFY2(exported.first().at(1).toBool(), qPrintable(exported.first().at(2).toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 1502);
    QVERIFY(lines.at(0).startsWith("started_at,cycle,ok,error,full,dry_run,duration_ms"));
    const QByteArray first = reports.constFirst().startedAt.toString(Qt::ISODateWithMs).toUtf8();
    const QByteArray last = reports.constLast().startedAt.toString(Qt::ISODateWithMs).toUtf8();
    QVERIFY(lines.at(1).startsWith(QByteArray(first + ",1,true,")));
    QVERIFY(lines.at(1500).startsWith(QByteArray(last + ",1500,")));
    QVERIFY(lines.at(97).contains(",false,REDCap answered HTTP 503,"));

    // A folder that cannot be written is reported, not ignored.
    exported.clear();
    window->exportHistoryCsv(m_dir->filePath(QStringLiteral("missing/history.csv")));
    QVERIFY(exported.wait(TestEnvironment::scaledMs(20000)));
    QVERIFY(!exported.first().at(1).toBool());
    QVERIFY(exported.first().at(2).toString().contains(QStringLiteral("history.csv")));
}

void TestMainWindow::worklistViewShowsAndFiltersTheTable()
{
    auto app = startApp(true);
    MainWindow* window = app->mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(15000));
    QVERIFY(window->cycleModel()->reportAt(0).ok);
    const qint64 inserted = window->cycleModel()->reportAt(0).inserted;
    QVERIFY(inserted > 0);

    QSignalSpy loaded(window, &MainWindow::worklistLoaded);
    window->findChild<QTabWidget*>(QStringLiteral("tabWidget"))->setCurrentIndex(MainWindow::WorklistTab);
    QVERIFY(loaded.wait(TestEnvironment::scaledMs(10000)));
    QCOMPARE(loaded.first().first().toLongLong(), inserted);
    auto* view = window->findChild<QTableView*>(QStringLiteral("worklistTableView"));
    QCOMPARE(view->model()->rowCount(), int(inserted));
    QCOMPARE(view->model()->index(0, Worklist::PerformedProcedureStepStatus).data().toString(),
             QStringLiteral("SCHEDULED"));
    QVERIFY(
        view->model()->index(0, Worklist::PatientId).data().toString().startsWith(QStringLiteral("sub_")));

    auto* status = window->findChild<QComboBox*>(QStringLiteral("statusComboBox"));
    status->setCurrentIndex(status->findData(QStringLiteral("COMPLETED")));
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("worklistInfoLabel"))
                ->text()
                .startsWith(QStringLiteral("Worklist items: 0 of")));
    status->setCurrentIndex(status->findData(QStringLiteral("SCHEDULED")));
    QCOMPARE(view->model()->rowCount(), int(inserted));

    // Read-only: no editing from the view.
    QCOMPARE(view->editTriggers(), QAbstractItemView::NoEditTriggers);
    QVERIFY(!(view->model()->flags(view->model()->index(0, 0)) & Qt::ItemIsEditable));
}

void TestMainWindow::remembersGeometryAndTab()
{
    SyncController controller;
    SyncStatus status(&controller);
    {
        MainWindow window(&controller, &status);
        window.show();
        window.resize(900, 640);
        window.findChild<QTabWidget*>(QStringLiteral("tabWidget"))->setCurrentIndex(MainWindow::LogTab);
        window.findChild<QComboBox*>(QStringLiteral("rangeComboBox"))->setCurrentIndex(2);
        // The geometry the window saves on close is the one the window system applied.
        QTRY_COMPARE_WITH_TIMEOUT(window.size(), QSize(900, 640), TestEnvironment::scaledMs(5000));
    }
    MainWindow again(&controller, &status);
    QCOMPARE(again.findChild<QTabWidget*>(QStringLiteral("tabWidget"))->currentIndex(),
             int(MainWindow::LogTab));
    QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("rangeComboBox"))->currentIndex(), 2);
    QCOMPARE(again.chartView()->range(), MemoryChartView::Range::Month);
    QCOMPARE(again.size(), QSize(900, 640));

    // With a settings file of its own (--settings), the state goes there and nowhere else.
    QSettings().clear();
    const QString file = settingsFile();
    {
        MainWindow window(&controller, &status, file);
        window.findChild<QTabWidget*>(QStringLiteral("tabWidget"))->setCurrentIndex(MainWindow::WorklistTab);
    }
    QVERIFY(QSettings().allKeys().isEmpty());
    QCOMPARE(QSettings(file, QSettings::IniFormat).value(QStringLiteral("MainWindow/currentTab")).toInt(),
             int(MainWindow::WorklistTab));
    MainWindow fromFile(&controller, &status, file);
    QCOMPARE(fromFile.findChild<QTabWidget*>(QStringLiteral("tabWidget"))->currentIndex(),
             int(MainWindow::WorklistTab));
}

void TestMainWindow::closingHidesToTrayOrCloses()
{
    SyncController controller;
    SyncStatus status(&controller);
    MainWindow window(&controller, &status);
    QSignalSpy hidden(&window, &MainWindow::hiddenToTray);
    window.setCloseToTray(true);
    window.show();
    QVERIFY(!window.close());
    QVERIFY(window.isHidden());
    QCOMPARE(hidden.count(), 1);
    QCOMPARE(hidden.at(0).at(0).toBool(), true); // told the first time...
    window.showAndRaise();
    QVERIFY(window.isVisible());
    QVERIFY(!window.close());
    QCOMPARE(hidden.count(), 2);
    QCOMPARE(hidden.at(1).at(0).toBool(), false); // ...and only then

    window.setCloseToTray(false);
    window.show();
    QVERIFY(window.close());
    QCOMPARE(hidden.count(), 2);
}

void TestMainWindow::withoutATrayClosingQuits()
{
    // The offscreen platform has no notification area: closing must quit like any application.
    auto app = startApp(false);
    QCOMPARE(QSystemTrayIcon::isSystemTrayAvailable(), false);
    QVERIFY(!app->mainWindow()->closesToTray());
    QVERIFY(QApplication::quitOnLastWindowClosed());
    // Closing the window ends the event loop by itself (the 10 s timer only guards the test).
    MainWindow* window = app->mainWindow();
    QSignalSpy aboutToQuit(qApp, &QCoreApplication::aboutToQuit);
    QTimer::singleShot(0, window, [window] { window->close(); });
    QTimer::singleShot(TestEnvironment::scaledMs(10000), qApp, [] { QCoreApplication::exit(1); });
    QCOMPARE(QApplication::exec(), 0);
    QVERIFY(!window->isVisible());
    QCOMPARE(aboutToQuit.count(), 1);
}

void TestMainWindow::keyboardAccess()
{
    auto app = startApp(true);
    MainWindow* window = app->mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));

    QCOMPARE(window->findChild<QAction*>(QStringLiteral("syncNowAction"))->shortcut(),
             QKeySequence(Qt::Key_F5));
    QVERIFY(window->findChild<QAction*>(QStringLiteral("settingsAction"))
                ->shortcuts()
                .contains(QKeySequence(QStringLiteral("Ctrl+,"))));
    QSignalSpy settings(window, &MainWindow::settingsRequested);
    QTest::keyClick(window, Qt::Key_Comma, Qt::ControlModifier);
    QCOMPARE(settings.count(), 1);
    QVERIFY(app->settingsDialog());
    app->settingsDialog()->reject();
    QTRY_VERIFY(!app->settingsDialog());
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 2, TestEnvironment::scaledMs(15000));

    // Tab order: Sync Now, Pause, then the tabs.
    auto* syncNow = window->findChild<QPushButton*>(QStringLiteral("syncNowButton"));
    QTRY_VERIFY(syncNow->isEnabled());
    syncNow->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), window->findChild<QPushButton*>(QStringLiteral("pauseButton")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY(window->findChild<QTabWidget*>(QStringLiteral("tabWidget"))
                ->isAncestorOf(QApplication::focusWidget()));

    // Mnemonics: Alt+C opens the Cycles tab.
    QTest::keyClick(window, Qt::Key_C, Qt::AltModifier);
    QCOMPARE(window->findChild<QTabWidget*>(QStringLiteral("tabWidget"))->currentIndex(),
             int(MainWindow::CyclesTab));
}

void TestMainWindow::quittingDuringACycleEndsWithinSeconds()
{
    auto app = startApp(true);
    MainWindow* window = app->mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(15000));
    QTRY_VERIFY(!app->status()->isCycleRunning());

    // The next export stalls for 30 s; quit while the cycle waits on it.
    (*m_simulator)->injectFault(RedcapSimulator::Fault::Stall, 1, QStringLiteral("record"), 30000);
    QSignalSpy started(app->controller(), &SyncController::cycleStarted);
    const int recordRequests = (*m_simulator)->requestCount(QStringLiteral("record"));
    app->controller()->syncNow();
    QVERIFY(started.wait(TestEnvironment::scaledMs(5000)));
    // The stalled request has reached REDCap.
    QTRY_VERIFY_WITH_TIMEOUT((*m_simulator)->requestCount(QStringLiteral("record")) > recordRequests,
                             TestEnvironment::scaledMs(5000));
    QElapsedTimer timer;
    timer.start();
    app->quit();
    QVERIFY(app->isQuitting());
    QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(5000), qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!window->isVisible());
    app.reset();
    QVERIFY(timer.elapsed() < TestEnvironment::scaledMs(6000));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
