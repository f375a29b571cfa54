// The status strip and the memory panel of the main window: the operation window, the growth
// trend from the stored history, memory alarms (strip, chart, tray) worded in the user's
// language, and failed cycles with a translated headline.

#include "CycleTableModel.h"
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "MemoryChartView.h"
#include "MockClock.h"
#include "SyncStatus.h"
#include "TestEnvironment.h"
#include "Translator.h"
#include "TrayIcon.h"
#include "memory/MemoryAlarm.h"
#include "memory/MemoryTrend.h"
#include "store/CycleHistory.h"
#include "store/WorklistStore.h"
#include "sync/SyncController.h"

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Lantir;
using namespace Lantir::Test;

namespace {
// `samples` cycles `minutes` apart, RSS growing by `stepMb` each, from `firstMb`.
MemoryTrendSummary growingTrend(int samples, int minutes, double firstMb, double stepMb)
{
    MemoryTrend trend;
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-qint64(samples) * minutes * 60);
    for (int i = 0; i < samples; ++i)
        trend.add(start.addSecs(qint64(i) * minutes * 60), firstMb + i * stepMb);
    return trend.summary();
}

QString mb(double value)
{
    return QLocale().toString(value, 'f', 1);
}
} // namespace

class TestStatusStrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void outsideTheOperationWindowIsShown();
    void growthTrendComesFromTheStoredHistory();
    void growthLeavesTheFirstCyclesRiseOut();
    void warningAlarmShowsAndNotifies();
    void criticalAlarmShowsInTheStrip();
    void alarmTextsAreTranslated();
    void failedCycleHasATranslatedHeadline();
    void stripAndTrayNameTheFailingSource();
    void syncNowMenuOffersEachSource();

private:
    // Two sources on the simulator: "Main" with its token, "Annex" with one REDCap refuses.
    static SyncConfig twoSources(const QUrl& apiUrl, const QString& databasePath);
    static SourceTokens twoTokens();
    std::unique_ptr<DesktopApp> startApp();
    // Hands `summary` and the alarm core finds in it to the app, as the controller does after a
    // cycle.
    static MemoryAlarm raise(DesktopApp& app, const MemoryTrendSummary& summary);
    QString databasePath() const { return m_dir->filePath(QStringLiteral("worklist.db")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorThread> m_simulator;
};

void TestStatusStrip::initTestCase()
{
    isolateSettings("tst_statusstrip");
    qunsetenv("LANGUAGE");
}

void TestStatusStrip::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_simulator = std::make_unique<SimulatorThread>(5, 1);
    QVERIFY(m_simulator->isListening());
}

void TestStatusStrip::cleanup()
{
    m_simulator.reset();
    m_dir.reset();
}

std::unique_ptr<DesktopApp> TestStatusStrip::startApp()
{
    auto app = makeDesktopApp(m_dir->filePath(QStringLiteral("lantir.ini")));
    if (!startDesktopApp(*app))
        qWarning() << "The desktop application did not start";
    return app;
}

MemoryAlarm TestStatusStrip::raise(DesktopApp& app, const MemoryTrendSummary& summary)
{
    const SyncConfig& config = app.controller()->config();
    const MemoryAlarm alarm
        = evaluateMemoryAlarm(summary, config.memoryWarnMbPerHour, config.memoryCriticalMb);
    Q_EMIT app.controller()->memoryTrendUpdated(summary);
    Q_EMIT app.controller()->memoryAlarmChanged(alarm);
    return alarm;
}

void TestStatusStrip::outsideTheOperationWindowIsShown()
{
    // Noon (local) on the swappable clock, and a window from 01:00 to 02:00.
    MockClock clock(QDateTime(QDate::currentDate(), QTime(12, 0)).toUTC());
    SyncController controller(&clock);
    SyncStatus status(&controller);
    MainWindow window(&controller, &status, m_dir->filePath(QStringLiteral("window.ini")));
    window.show();
    SyncConfig config = simulatorConfig((*m_simulator)->apiUrl(), databasePath());
    config.sources.first().schedule.windowStart = QTime(1, 0);
    config.sources.first().schedule.windowEnd = QTime(2, 0);
    controller.setConfig(config, RedcapSimulator::defaultToken());
    status.setConfigured(true);
    controller.start();

    QCOMPARE(controller.scheduler()->state(), SyncScheduler::State::OutsideWindow);
    auto* state = window.findChild<QLabel*>(QStringLiteral("stateLabel"));
    QTRY_COMPARE(state->text(), QStringLiteral("Outside the operation window"));
    const QString next = window.findChild<QLabel*>(QStringLiteral("nextSyncLabel"))->text();
    QVERIFY2(next.contains(QStringLiteral("when the operation window opens")), qPrintable(next));
    QVERIFY(!controller.isCycleRunning());
    controller.shutdown();
}

void TestStatusStrip::growthTrendComesFromTheStoredHistory()
{
    // 150 stored cycles half an hour apart, RSS 1 MB higher at each: 2 MB per hour.
    QList<CycleReport> reports;
    const QDateTime last = QDateTime::currentDateTimeUtc().addSecs(-600);
    for (int i = 0; i < 150; ++i) {
        CycleReport r;
        r.cycle = i + 1;
        r.source = SourceConfig().name;
        r.startedAt = last.addSecs(-qint64(149 - i) * 1800);
        r.ok = true;
        r.durationMs = 500;
        r.rssStartKb = 60 * 1024 + i * 1024;
        r.rssPeakKb = r.rssStartKb + 4096;
        r.rssEndKb = r.rssStartKb;
        reports.append(r);
    }
    {
        WorklistStore store;
        const Result<void> opened = store.open(databasePath());
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        QSqlDatabase db = store.database();
        QVERIFY(db.transaction());
        CycleHistory history(db);
        for (CycleReport report : reports) {
            const Result<void> appended = history.append(report);
            QVERIFY2(appended.ok(), qPrintable(appended.ok() ? QString() : appended.error().message));
        }
        QVERIFY(db.commit());
    }

    auto app = startApp();
    MainWindow* window = app->mainWindow();
    QSignalSpy loaded(window, &MainWindow::historyLoaded);
    app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()), QString());
    QVERIFY(loaded.wait(TestEnvironment::scaledMs(15000)));
    auto* trend = window->findChild<QLabel*>(QStringLiteral("trendLabel"));
    // The last 100 cycles, least squares: exactly 2 MB per hour.
    QTRY_COMPARE(trend->text(), QStringLiteral("Growth: 2.00 MB/h over the last 100 cycles"));
    QVERIFY(trend->isVisible());
}

void TestStatusStrip::growthLeavesTheFirstCyclesRiseOut()
{
    // The first full sync raises RSS by 6 MB once; the 11 cycles after it, a minute apart, are
    // flat. Counted from the first cycle on, that one-off rise reads as many MB per hour.
    auto app = startApp();
    MainWindow* window = app->mainWindow();
    auto* trend = window->findChild<QLabel*>(QStringLiteral("trendLabel"));
    QVERIFY(trend);
    MemoryTrend wholeRun;
    const QDateTime first = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (int i = 0; i < 12; ++i) {
        CycleReport r;
        r.cycle = i + 1;
        r.startedAt = first.addSecs(qint64(i) * 60);
        r.ok = true;
        r.durationMs = 400;
        r.rssStartKb = (i == 0 ? 16 : 28) * 1024;
        r.rssPeakKb = r.rssStartKb + 2048;
        r.rssEndKb = (i == 0 ? 22 : 28) * 1024;
        wholeRun.add(r.startedAt.addMSecs(r.durationMs), r.rssEndKb / 1024.0);
        Q_EMIT app->controller()->cycleFinished(r);
        Q_EMIT app->controller()->memoryTrendUpdated(wholeRun.summary());
        if (i == 4)
            QTRY_COMPARE(trend->text(), QStringLiteral("Growth: warming up (4 of 10 cycles)"));
    }
    QVERIFY2(wholeRun.growthMbPerHour() > 10.0, "the history must hold the one-off rise");
    QTRY_COMPARE(trend->text(), QStringLiteral("Growth: flat over the last 11 cycles (0.0 MB in all)"));
    QCOMPARE(app->status()->settledTrend().samples, 11);
}

void TestStatusStrip::warningAlarmShowsAndNotifies()
{
    auto app = startApp();
    app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()), QString());
    MainWindow* window = app->mainWindow();
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);

    // 20 cycles 6 minutes apart, 3 MB more each: 30 MB per hour, above the default 10.
    const MemoryTrendSummary summary = growingTrend(20, 6, 100, 3);
    QVERIFY(qAbs(summary.growthMbPerHour - 30.0) < 0.01);
    QCOMPARE(raise(*app, summary).level, MemoryAlarmLevel::Warning);

    auto* strip = window->findChild<QLabel*>(QStringLiteral("memoryStatusLabel"));
    QCOMPARE(strip->text(), QStringLiteral("Memory warning"));
    const QString expected = QStringLiteral("Memory is growing by 30.0 MB per hour over the last 20 cycles "
                                            "(warning above 10.0 MB per hour; now %1 MB).")
                                 .arg(mb(summary.currentMb));
    QVERIFY2(strip->toolTip().startsWith(QStringLiteral("Memory warning: ") + expected),
             qPrintable(strip->toolTip()));
    auto* beside = window->findChild<QLabel*>(QStringLiteral("alarmLabel"));
    QVERIFY(beside->isVisibleTo(window));
    QVERIFY(beside->text().contains(expected));
    QCOMPARE(window->chartView()->alarmLevel(), MemoryAlarmLevel::Warning);
    QCOMPARE(app->status()->trayState(), SyncStatus::Tray::Warning);

    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Lantir: memory warning"));
    QVERIFY2(notified.first().at(1).toString().startsWith(expected),
             qPrintable(notified.first().at(1).toString()));

    // The same level again is no news: no second notification.
    raise(*app, growingTrend(21, 6, 100, 3));
    QCOMPARE(notified.count(), 1);
}

void TestStatusStrip::criticalAlarmShowsInTheStrip()
{
    auto app = startApp();
    app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()), QString());
    MainWindow* window = app->mainWindow();
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);

    // Flat at 640 MB: above the default critical 500 MB.
    const MemoryTrendSummary summary = growingTrend(3, 30, 640, 0);
    QCOMPARE(raise(*app, summary).level, MemoryAlarmLevel::Critical);

    auto* strip = window->findChild<QLabel*>(QStringLiteral("memoryStatusLabel"));
    QCOMPARE(strip->text(), QStringLiteral("Memory critical"));
    const QString expected = QStringLiteral(
        "Memory use is 640.0 MB, above the critical limit of 500.0 MB (growing 0.0 MB per hour).");
    QVERIFY2(strip->toolTip().startsWith(QStringLiteral("Memory critical: ") + expected),
             qPrintable(strip->toolTip()));
    QVERIFY(strip->styleSheet().contains(QStringLiteral("font-weight: bold")));
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("alarmLabel"))->text().contains(expected));
    QCOMPARE(window->chartView()->alarmLevel(), MemoryAlarmLevel::Critical);
    QCOMPARE(app->status()->trayState(), SyncStatus::Tray::Error);
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Lantir: memory critical"));

    // Back within the limits: the strip says so and the alarm beside the chart goes.
    QCOMPARE(raise(*app, growingTrend(3, 30, 80, 0)).level, MemoryAlarmLevel::None);
    QCOMPARE(strip->text(), QStringLiteral("Memory OK"));
    QVERIFY(!window->findChild<QLabel*>(QStringLiteral("alarmLabel"))->isVisibleTo(window));
}

void TestStatusStrip::alarmTextsAreTranslated()
{
    auto app = startApp();
    QVERIFY(app->translator()->setLanguage(QStringLiteral("fr")));
    app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()), QString());
    MainWindow* window = app->mainWindow();
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);

    raise(*app, growingTrend(20, 6, 100, 3));
    auto* strip = window->findChild<QLabel*>(QStringLiteral("memoryStatusLabel"));
    const QString warning
        = QStringLiteral("La mémoire augmente de %1 Mo par heure sur les 20 derniers cycles").arg(mb(30.0));
    QVERIFY2(strip->toolTip().contains(warning), qPrintable(strip->toolTip()));
    QVERIFY(!strip->toolTip().contains(QStringLiteral("Memory is growing")));
    QCOMPARE(notified.count(), 1);
    QVERIFY2(notified.first().at(1).toString().startsWith(warning),
             qPrintable(notified.first().at(1).toString()));

    raise(*app, growingTrend(3, 30, 640, 0));
    const QString critical
        = QStringLiteral("La mémoire utilisée atteint %1 Mo, au-delà de la limite critique de %2 Mo")
              .arg(mb(640.0), mb(500.0));
    QVERIFY2(strip->toolTip().contains(critical), qPrintable(strip->toolTip()));
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("alarmLabel"))->text().contains(critical));
    QCOMPARE(notified.count(), 2);
    QVERIFY(notified.last().at(1).toString().startsWith(critical));

    // Spanish too, from the same numbers.
    QVERIFY(app->translator()->setLanguage(QStringLiteral("es")));
    QTRY_VERIFY2(app->status()->alarmMessage().startsWith(
                     QStringLiteral("La memoria en uso es de %1 MB").arg(mb(640.0))),
                 qPrintable(app->status()->alarmMessage()));
    QVERIFY(app->translator()->setLanguage(QStringLiteral("en")));
}

void TestStatusStrip::failedCycleHasATranslatedHeadline()
{
    auto app = startApp();
    QVERIFY(app->translator()->setLanguage(QStringLiteral("fr")));
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);
    QSignalSpy finished(app->controller(), &SyncController::cycleFinished);
    // A token REDCap does not know: the first cycle fails with core's (English) explanation.
    app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()),
                     QStringLiteral("0123456789ABCDEF0123456789ABCDEF"));
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    const CycleReport report = finished.first().first().value<CycleReport>();
    QVERIFY(!report.ok);
    QVERIFY(!report.error.isEmpty());

    const QString headline = QStringLiteral("Échec de la synchronisation\u00a0: ");
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(1).toString(), headline + report.error.section(QLatin1Char('\n'), 0, 0));
    auto* last = app->mainWindow()->findChild<QLabel*>(QStringLiteral("lastSyncLabel"));
    QCOMPARE(last->toolTip(), headline + report.error);
    QVERIFY(app->translator()->setLanguage(QStringLiteral("en")));
    QCOMPARE(SyncStatus::cycleErrorText(report), QStringLiteral("Sync failed: ") + report.error);
}

SyncConfig TestStatusStrip::twoSources(const QUrl& apiUrl, const QString& databasePath)
{
    SyncConfig config = simulatorConfig(apiUrl, databasePath);
    config.sources.first().name = QStringLiteral("Main");
    SourceConfig annex = config.sources.first();
    annex.name = QStringLiteral("Annex");
    config.sources.append(annex);
    return config;
}

SourceTokens TestStatusStrip::twoTokens()
{
    return { { QStringLiteral("Main"), RedcapSimulator::defaultToken() },
             { QStringLiteral("Annex"), QStringLiteral("0123456789ABCDEF0123456789ABCDEF") } };
}

void TestStatusStrip::stripAndTrayNameTheFailingSource()
{
    auto app = startApp();
    QSignalSpy finished(app->controller(), &SyncController::cycleFinished);
    app->applyConfig(twoSources((*m_simulator)->apiUrl(), databasePath()), twoTokens());
    // Each source's first cycle, in turn.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, TestEnvironment::scaledMs(20000));
    QTRY_VERIFY(!app->status()->isCycleRunning());
    const QHash<QString, CycleReport> last = app->controller()->lastReports();
    QVERIFY(last.value(QStringLiteral("Main")).ok);
    QVERIFY(!last.value(QStringLiteral("Annex")).ok);

    // The strip says which source fails and why, not only that the last cycle failed.
    auto* sources = app->mainWindow()->findChild<QLabel*>(QStringLiteral("sourcesLabel"));
    QVERIFY(sources->isVisible());
    QVERIFY2(sources->text().startsWith(QStringLiteral("Annex fails: ")), qPrintable(sources->text()));
    QVERIFY(
        sources->text().contains(last.value(QStringLiteral("Annex")).error.section(QLatin1Char('\n'), 0, 0)));
    QVERIFY(!sources->text().contains(QStringLiteral("Main")));
    QCOMPARE(app->status()->display(), SyncStatus::Display::Error);
    QCOMPARE(app->status()->failingSources(), QStringList { QStringLiteral("Annex") });
    // The tray's tooltip too.
    QVERIFY2(app->trayIcon()->toolTip().contains(QStringLiteral("Annex fails: ")),
             qPrintable(app->trayIcon()->toolTip()));

    // Annex gets its right token: every source is OK.
    SourceTokens fixed = twoTokens();
    fixed.insert(QStringLiteral("Annex"), RedcapSimulator::defaultToken());
    app->applyConfig(twoSources((*m_simulator)->apiUrl(), databasePath()), fixed);
    app->controller()->syncNow(false, QStringLiteral("Annex"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, TestEnvironment::scaledMs(20000));
    QTRY_COMPARE(sources->text(), QStringLiteral("All 2 sources OK"));
    QVERIFY(app->status()->failingSources().isEmpty());
    QVERIFY(app->trayIcon()->toolTip().contains(QStringLiteral("All 2 sources OK")));
}

void TestStatusStrip::syncNowMenuOffersEachSource()
{
    auto app = startApp();
    QSignalSpy finished(app->controller(), &SyncController::cycleFinished);
    SourceTokens tokens = twoTokens();
    tokens.insert(QStringLiteral("Annex"), RedcapSimulator::defaultToken());
    app->applyConfig(twoSources((*m_simulator)->apiUrl(), databasePath()), tokens);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, TestEnvironment::scaledMs(20000));
    QTRY_VERIFY(!app->status()->isCycleRunning());

    // Beside Sync Now (which syncs every source), a menu with each source alone; the tray has
    // the same.
    auto* button = app->mainWindow()->findChild<QToolButton*>(QStringLiteral("syncSourceButton"));
    QVERIFY(button);
    QVERIFY(button->isVisible());
    QList<QAction*> actions = button->menu()->actions();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.at(0)->objectName(), QStringLiteral("syncSource:Main"));
    QCOMPARE(actions.at(1)->objectName(), QStringLiteral("syncSource:Annex"));
    QVERIFY(app->trayIcon()->sourceMenu()->menuAction()->isVisible());
    QCOMPARE(app->trayIcon()->sourceMenu()->actions().size(), 2);

    actions.at(1)->trigger();
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    QCOMPARE(finished.last().first().value<CycleReport>().source, QStringLiteral("Annex"));
    QTest::qWait(300);
    QCOMPARE(finished.count(), 3); // Annex alone

    app->trayIcon()->sourceMenu()->actions().at(0)->trigger();
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    QCOMPARE(finished.last().first().value<CycleReport>().source, QStringLiteral("Main"));

    // Sync Now: every source.
    QTRY_VERIFY(!app->status()->isCycleRunning());
    app->mainWindow()->findChild<QPushButton*>(QStringLiteral("syncNowButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 6, TestEnvironment::scaledMs(20000));
    QStringList last { finished.at(4).first().value<CycleReport>().source,
                       finished.at(5).first().value<CycleReport>().source };
    last.sort();
    QCOMPARE(last, (QStringList { QStringLiteral("Annex"), QStringLiteral("Main") }));

    // The Cycles table names the source of each cycle.
    CycleTableModel* model = app->mainWindow()->cycleModel();
    QCOMPARE(model->index(0, CycleTableModel::Source).data().toString(),
             finished.at(5).first().value<CycleReport>().source);
    QCOMPARE(model->index(1, CycleTableModel::Source).data().toString(),
             finished.at(4).first().value<CycleReport>().source);
}

QTEST_MAIN(TestStatusStrip)
#include "tst_statusstrip.moc"
