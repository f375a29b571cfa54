// A source another node syncs on a shared PostgreSQL worklist: the skipped cycle's report names
// that node (CycleReport::syncedElsewhereBy), and the status strip, the cycle table and the tray
// tooltip say "synced by" it, without the red, the error state or the failure notification of a
// failed cycle. The reports are synthetic, handed to the window as the controller does.

#include "CycleTableModel.h"
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SyncStatus.h"
#include "TestEnvironment.h"
#include "TrayIcon.h"
#include "sync/SyncController.h"

#include <QBrush>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

namespace {
const QString Node = QStringLiteral("lantir-sync@worklist-host:1234");

CycleReport skippedCycle(const QString& source, qint64 number)
{
    CycleReport r;
    r.cycle = number;
    r.source = source;
    r.startedAt = QDateTime::currentDateTimeUtc();
    r.ok = true;
    r.syncedElsewhereBy = Node;
    r.durationMs = 12;
    return r;
}
} // namespace

class TestSyncedElsewhere : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void oneSourceSyncedByAnotherNode();
    void severalSourcesNameTheOneSyncedElsewhere();
    void theCycleTableSaysWhoSyncs();

private:
    std::unique_ptr<DesktopApp> startApp(const SyncConfig& config, const SourceTokens& tokens);
    // The first (real) cycle of every source, so that the synthetic one comes last.
    static void waitForFirstCycles(DesktopApp& app, int sources);
    QString databasePath() const { return m_dir->filePath(QStringLiteral("worklist.db")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorThread> m_simulator;
};

void TestSyncedElsewhere::initTestCase()
{
    isolateSettings("tst_syncedelsewhere");
}

void TestSyncedElsewhere::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_simulator = std::make_unique<SimulatorThread>(4, 1);
    QVERIFY(m_simulator->isListening());
}

void TestSyncedElsewhere::cleanup()
{
    m_simulator.reset();
    m_dir.reset();
}

std::unique_ptr<DesktopApp> TestSyncedElsewhere::startApp(const SyncConfig& config,
                                                          const SourceTokens& tokens)
{
    auto app = makeDesktopApp(m_dir->filePath(QStringLiteral("lantir.ini")));
    if (!startDesktopApp(*app))
        qWarning() << "The desktop application did not start";
    app->applyConfig(config, tokens);
    return app;
}

void TestSyncedElsewhere::waitForFirstCycles(DesktopApp& app, int sources)
{
    QTRY_COMPARE_WITH_TIMEOUT(app.mainWindow()->cycleModel()->rowCount(), sources,
                              TestEnvironment::scaledMs(20000));
    QTRY_VERIFY(!app.status()->isCycleRunning());
    QVERIFY(app.status()->failingSources().isEmpty());
}

void TestSyncedElsewhere::oneSourceSyncedByAnotherNode()
{
    const SyncConfig config = simulatorConfig((*m_simulator)->apiUrl(), databasePath());
    const QString source = config.sources.constFirst().name;
    auto app = startApp(config, { { source, RedcapSimulator::defaultToken() } });
    waitForFirstCycles(*app, 1);
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);
    QSignalSpy failed(app->status(), &SyncStatus::cycleFailed);

    Q_EMIT app->controller()->cycleFinished(skippedCycle(source, 2));

    MainWindow* window = app->mainWindow();
    auto* last = window->findChild<QLabel*>(QStringLiteral("lastSyncLabel"));
    QVERIFY2(last->text().startsWith(QStringLiteral("Last check at ")), qPrintable(last->text()));
    QVERIFY2(last->text().endsWith(QStringLiteral(": synced by ") + Node), qPrintable(last->text()));
    auto* sources = window->findChild<QLabel*>(QStringLiteral("sourcesLabel"));
    QCOMPARE(sources->text(), QStringLiteral("Source %1 OK\n%1: synced by %2").arg(source, Node));
    QVERIFY2(app->trayIcon()->toolTip().contains(QStringLiteral("%1: synced by %2").arg(source, Node)),
             qPrintable(app->trayIcon()->toolTip()));

    // Not an error: no red state, no error icon, no notification.
    QCOMPARE(app->status()->display(), SyncStatus::Display::Idle);
    QCOMPARE(app->status()->trayState(), SyncStatus::Tray::Ok);
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("stateLabel"))->styleSheet().isEmpty());
    QVERIFY(last->toolTip().isEmpty());
    QCOMPARE(failed.count(), 0);
    QCOMPARE(notified.count(), 0);
}

void TestSyncedElsewhere::severalSourcesNameTheOneSyncedElsewhere()
{
    SyncConfig config = simulatorConfig((*m_simulator)->apiUrl(), databasePath());
    config.sources.first().name = QStringLiteral("Main");
    SourceConfig annex = config.sources.constFirst();
    annex.name = QStringLiteral("Annex");
    config.sources.append(annex);
    auto app = startApp(config,
                        { { QStringLiteral("Main"), RedcapSimulator::defaultToken() },
                          { QStringLiteral("Annex"), RedcapSimulator::defaultToken() } });
    waitForFirstCycles(*app, 2);
    QSignalSpy notified(app->trayIcon(), &TrayIcon::notified);

    Q_EMIT app->controller()->cycleFinished(skippedCycle(QStringLiteral("Annex"), 2));

    MainWindow* window = app->mainWindow();
    auto* last = window->findChild<QLabel*>(QStringLiteral("lastSyncLabel"));
    QVERIFY2(last->text().startsWith(QStringLiteral("Last check (Annex) at ")), qPrintable(last->text()));
    QVERIFY(last->text().endsWith(QStringLiteral(": synced by ") + Node));
    auto* sources = window->findChild<QLabel*>(QStringLiteral("sourcesLabel"));
    QCOMPARE(sources->text(), QStringLiteral("All 2 sources OK\nAnnex: synced by %1").arg(Node));
    QVERIFY(!sources->text().contains(QStringLiteral("Main:")));
    QVERIFY(app->trayIcon()->toolTip().contains(QStringLiteral("Annex: synced by ") + Node));
    QCOMPARE(app->status()->trayState(), SyncStatus::Tray::Ok);
    QCOMPARE(notified.count(), 0);

    // Once this node syncs Annex again, the line goes.
    CycleReport synced = skippedCycle(QStringLiteral("Annex"), 3);
    synced.syncedElsewhereBy.clear();
    synced.startedAt = synced.startedAt.addSecs(1);
    Q_EMIT app->controller()->cycleFinished(synced);
    QCOMPARE(sources->text(), QStringLiteral("All 2 sources OK"));
    QVERIFY(!app->trayIcon()->toolTip().contains(QStringLiteral("synced by")));
}

void TestSyncedElsewhere::theCycleTableSaysWhoSyncs()
{
    const SyncConfig config = simulatorConfig((*m_simulator)->apiUrl(), databasePath());
    const QString source = config.sources.constFirst().name;
    auto app = startApp(config, { { source, RedcapSimulator::defaultToken() } });
    waitForFirstCycles(*app, 1);

    Q_EMIT app->controller()->cycleFinished(skippedCycle(source, 2));

    CycleTableModel* model = app->mainWindow()->cycleModel();
    QCOMPARE(model->rowCount(), 2);
    const QModelIndex result = model->index(0, CycleTableModel::Result);
    QCOMPARE(result.data().toString(), QStringLiteral("Synced by ") + Node);
    QVERIFY2(result.data(Qt::ToolTipRole).toString().contains(Node),
             qPrintable(result.data(Qt::ToolTipRole).toString()));
    QVERIFY(!result.data(Qt::ForegroundRole).isValid()); // failed cycles are red; this one is not
    // The real cycle below it still says OK.
    QVERIFY(model->index(1, CycleTableModel::Result).data().toString().startsWith(QStringLiteral("OK")));
}

QTEST_MAIN(TestSyncedElsewhere)
#include "tst_syncedelsewhere.moc"
