// Quitting the desktop application while a batch is being written: another connection (as a
// database browser would) holds the database's write lock, so the batch waits on it. The app must
// end within seconds, never destroy its sync thread while it runs, and leave the database whole:
// every batch written in full or not at all.

#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "ScopedSqlConnection.h"
#include "SqlProbe.h"
#include "TestEnvironment.h"
#include "sync/SyncController.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Lantir;
using namespace Lantir::Test;

namespace {
constexpr int Records = 10;
constexpr int ScansPerRecord = 2;
constexpr int BatchSize = 4; // records per batch: 3 batches, the first one written before the lock

// The sync thread's own word that its cycle has ended (the line it logs), for a thread the test
// can no longer reach.
std::atomic<bool> s_cycleEnded { false };
QtMessageHandler s_previousHandler = nullptr;

void watchMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (QLatin1String(context.category) == QLatin1String("lantir.sync")
        && message.contains(QStringLiteral("cycle 1 FAILED")))
        s_cycleEnded.store(true);
    if (s_previousHandler)
        s_previousHandler(type, context, message);
}
} // namespace

class TestQuitDuringWrite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void quittingWhileABatchWaitsForTheLockEndsCleanly();
    void aSyncThreadThatOutlivesTheWaitIsNeverDestroyed();

private:
    // Starts the app and its first (full) cycle, and returns once that cycle's first batch is
    // written and the second one, on its way, will find the database locked by `locker`.
    std::unique_ptr<DesktopApp> startAndLockDuringTheCycle(const DesktopOptions& options, int busyTimeoutMs,
                                                           std::unique_ptr<ScopedSqlConnection>& locker);
    // The database is whole and holds `batches` whole batches (any of the counts given), never
    // part of one.
    void verifyWholeBatches(const QList<int>& batches);
    QString databasePath() const { return m_dir->filePath(QStringLiteral("worklist.db")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorThread> m_simulator;
};

void TestQuitDuringWrite::initTestCase()
{
    isolateSettings("tst_quitduringwrite");
    s_previousHandler = qInstallMessageHandler(watchMessages);
}

void TestQuitDuringWrite::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_simulator = std::make_unique<SimulatorThread>(Records, ScansPerRecord);
    QVERIFY(m_simulator->isListening());
    s_cycleEnded.store(false);
}

void TestQuitDuringWrite::cleanup()
{
    m_simulator.reset();
    m_dir.reset();
}

std::unique_ptr<DesktopApp>
TestQuitDuringWrite::startAndLockDuringTheCycle(const DesktopOptions& options, int busyTimeoutMs,
                                                std::unique_ptr<ScopedSqlConnection>& locker)
{
    // The record exports: the IDs, batch 1 as usual, then batch 2 answered 1.5 s late, which is
    // when the lock is taken.
    (*m_simulator)->injectFault(RedcapSimulator::Fault::None, 2, QStringLiteral("record"));
    (*m_simulator)->injectFault(RedcapSimulator::Fault::Delay, 1, QStringLiteral("record"), 1500);
    int recordsServed = 0;
    const QMetaObject::Connection counting = connect(
        m_simulator->simulator(), &RedcapSimulator::requestServed, this,
        [&recordsServed](const QString& content) {
            if (content == QStringLiteral("record"))
                ++recordsServed;
        },
        Qt::QueuedConnection);
    const auto stopCounting = qScopeGuard([&counting] { QObject::disconnect(counting); });

    auto app = std::make_unique<DesktopApp>(options, makeSessionSecrets());
    if (!startDesktopApp(*app))
        return nullptr;
    SyncConfig config = simulatorConfig((*m_simulator)->apiUrl(), databasePath());
    config.sources.first().batchSize = BatchSize;
    config.busyTimeoutMs = busyTimeoutMs;
    app->applyConfig(config, RedcapSimulator::defaultToken());

    // Batch 2 was asked for, so batch 1 is committed: lock the database before the answer comes.
    if (!QTest::qWaitFor([&] { return (*m_simulator)->requestCount(QStringLiteral("record")) >= 3; },
                         TestEnvironment::scaledMs(15000)))
        return nullptr;
    locker
        = std::make_unique<ScopedSqlConnection>(databasePath(), QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!locker->isOpen() || !locker->exec(QStringLiteral("BEGIN EXCLUSIVE"))) {
        qWarning() << "Could not lock the database:" << locker->lastError();
        return nullptr;
    }
    // The late answer is out: the sync thread merges it and goes on to write batch 2.
    if (!QTest::qWaitFor([&] { return recordsServed >= 3; }, TestEnvironment::scaledMs(10000)))
        return nullptr;
    return app;
}

void TestQuitDuringWrite::verifyWholeBatches(const QList<int>& batches)
{
    QCOMPARE(SqlProbe::scalar(databasePath(), QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    const int rows
        = SqlProbe::scalar(databasePath(), QStringLiteral("SELECT COUNT(*) FROM worklist_items")).toInt();
    QVERIFY2(rows % (BatchSize * ScansPerRecord) == 0
                 && batches.contains(rows / (BatchSize * ScansPerRecord)),
             qPrintable(QString::number(rows)));
}

void TestQuitDuringWrite::quittingWhileABatchWaitsForTheLockEndsCleanly()
{
    std::unique_ptr<ScopedSqlConnection> locker;
    DesktopOptions options;
    options.settingsFile = m_dir->filePath(QStringLiteral("lantir.ini"));
    // The default busy timeout: far longer than anyone waits for Quit.
    auto app = startAndLockDuringTheCycle(options, SyncConfig().busyTimeoutMs, locker);
    QVERIFY(app);
    QVERIFY(app->controller()->isCycleRunning());

    QElapsedTimer timer;
    timer.start();
    app->quit();
    QVERIFY(app->isQuitting());
    QVERIFY(!app->mainWindow()->isVisible());
    QVERIFY2(!app->isSyncStillRunning(), "the sync thread was still running when Quit stopped waiting");
    app.reset();
    QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(4000), qPrintable(QString::number(timer.elapsed())));

    // The lock holder lets go; the database is whole and holds whole batches.
    QVERIFY(s_cycleEnded.load());
    QVERIFY(locker->exec(QStringLiteral("ROLLBACK")));
    locker.reset();
    verifyWholeBatches({ 1 }); // batch 1 in full, nothing of batch 2
}

void TestQuitDuringWrite::aSyncThreadThatOutlivesTheWaitIsNeverDestroyed()
{
    // Quit waits only 0.2 s here. Should the sync thread still run when the app goes, it is left
    // to end on its own, never destroyed: destroying a running QThread aborts the process.
    std::unique_ptr<ScopedSqlConnection> locker;
    DesktopOptions options;
    options.settingsFile = m_dir->filePath(QStringLiteral("lantir.ini"));
    options.shutdownTimeoutMs = 200;
    auto app = startAndLockDuringTheCycle(options, 1500, locker);
    QVERIFY(app);

    QElapsedTimer timer;
    timer.start();
    app->quit();
    QVERIFY(timer.elapsed() < TestEnvironment::scaledMs(1500));
    app.reset();
    QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(2000), qPrintable(QString::number(timer.elapsed())));

    // Whether it stopped in time or goes on alone, the cycle gives up batch 2 while the lock is
    // held; then the database is whole and holds batch 1 only.
    QTRY_VERIFY_WITH_TIMEOUT(s_cycleEnded.load(), TestEnvironment::scaledMs(10000));
    QVERIFY(locker->exec(QStringLiteral("ROLLBACK")));
    locker.reset();
    verifyWholeBatches({ 1 });
}

QTEST_MAIN(TestQuitDuringWrite)
#include "tst_quitduringwrite.moc"
