// The desktop app on a shared PostgreSQL worklist: a real server the suite starts on 127.0.0.1
// and the REDCap simulator. The password reaches libpq only from the secret store (the keychain
// in use), never from lantir.json, PGPASSFILE or PGPASSWORD: the window shows the rows the sync
// wrote there, and --db still forces a SQLite file.

#include "AppSettings.h"
#include "CycleTableModel.h"
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "PostgresTestServer.h"
#include "TestEnvironment.h"
#include "WorklistTableModel.h"
#include "sync/SyncController.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

class TestDesktopPostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void windowShowsRowsSyncedIntoPostgres();
    void savedSettingsTakeThePasswordFromTheSecretStore();
    void dbOptionForcesASqliteFile();

private:
    SyncConfig postgresConfig(const QString& database) const;
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("lantir.ini")); }
    QString configFile() const { return m_dir->filePath(QStringLiteral("lantir.json")); }
    qint64 worklistRows(const QString& database);
    static void waitForFirstCycle(MainWindow* window);
    static int loadWorklist(MainWindow* window);

    PostgresTestServer m_server;
    int m_counter = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorThread> m_simulator;
};

void TestDesktopPostgres::initTestCase()
{
    isolateSettings("tst_desktoppostgres");
    qunsetenv("PGPASSFILE");
    qunsetenv("PGPASSWORD");
    LANTIR_REQUIRE_POSTGRES(m_server);
}

void TestDesktopPostgres::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_simulator = std::make_unique<SimulatorThread>(6, 2);
    QVERIFY(m_simulator->isListening());
}

void TestDesktopPostgres::cleanup()
{
    m_simulator.reset();
    m_dir.reset();
}

SyncConfig TestDesktopPostgres::postgresConfig(const QString& database) const
{
    SyncConfig config = simulatorConfig((*m_simulator)->apiUrl(), QString());
    config.databaseDriver = DatabaseDriver::Postgresql;
    config.postgres.host = m_server.host();
    config.postgres.port = m_server.port();
    config.postgres.name = database;
    config.postgres.user = m_server.superuser();
    config.postgres.sslmode = QStringLiteral("disable");
    return config;
}

qint64 TestDesktopPostgres::worklistRows(const QString& database)
{
    const QString connection = QStringLiteral("probe-%1").arg(database);
    qint64 rows = -1;
    {
        QSqlDatabase db = m_server.openDatabase(database, connection);
        QSqlQuery query(db);
        if (db.isOpen() && query.exec(QStringLiteral("SELECT count(*) FROM worklist_items")) && query.next())
            rows = query.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

void TestDesktopPostgres::waitForFirstCycle(MainWindow* window)
{
    QTRY_COMPARE_WITH_TIMEOUT(window->cycleModel()->rowCount(), 1, TestEnvironment::scaledMs(20000));
    const CycleReport& first = window->cycleModel()->reportAt(0);
    QVERIFY2(first.ok, qPrintable(first.error));
    QVERIFY(first.syncedElsewhereBy.isEmpty());
    QVERIFY(first.inserted > 0);
}

int TestDesktopPostgres::loadWorklist(MainWindow* window)
{
    QSignalSpy loaded(window, &MainWindow::worklistLoaded);
    auto* tabs = window->findChild<QTabWidget*>(QStringLiteral("tabWidget"));
    if (tabs->currentIndex() == MainWindow::WorklistTab)
        window->reloadWorklist();
    else
        tabs->setCurrentIndex(MainWindow::WorklistTab);
    if (!loaded.wait(TestEnvironment::scaledMs(10000)))
        return -1;
    return loaded.first().first().toInt();
}

void TestDesktopPostgres::windowShowsRowsSyncedIntoPostgres()
{
    const QString database = QStringLiteral("desktop_%1").arg(++m_counter);
    QVERIFY2(m_server.createDatabase(database), qPrintable(m_server.errorString()));
    auto app = makeDesktopApp(settingsFile());
    QVERIFY(startDesktopApp(*app));
    SyncConfig config = postgresConfig(database);
    config.databasePassword = m_server.password();
    app->applyConfig(config, RedcapSimulator::defaultToken());
    MainWindow* window = app->mainWindow();
    QCOMPARE(window->database().describe(), config.databaseTarget().describe());

    waitForFirstCycle(window);
    const qint64 inserted = window->cycleModel()->reportAt(0).inserted;
    QCOMPARE(worklistRows(database), inserted);
    QCOMPARE(loadWorklist(window), int(inserted));
    QCOMPARE(window->worklistModel()->rowCount(), int(inserted));

    // The window names the database (never its password).
    auto* info = window->findChild<QLabel*>(QStringLiteral("worklistInfoLabel"));
    QVERIFY2(info->toolTip().contains(QStringLiteral("postgresql://%1@%2:%3/%4")
                                          .arg(m_server.superuser(), m_server.host())
                                          .arg(m_server.port())
                                          .arg(database)),
             qPrintable(info->toolTip()));
    QVERIFY(!info->toolTip().contains(m_server.password()));

    // The history read back from PostgreSQL's sync_cycles.
    QSignalSpy history(window, &MainWindow::historyLoaded);
    window->reloadHistory();
    QVERIFY(history.wait(TestEnvironment::scaledMs(10000)));
    QCOMPARE(history.first().first().toLongLong(), qint64(1));
}

void TestDesktopPostgres::savedSettingsTakeThePasswordFromTheSecretStore()
{
    const QString database = QStringLiteral("desktop_%1").arg(++m_counter);
    QVERIFY2(m_server.createDatabase(database), qPrintable(m_server.errorString()));
    {
        AppSettings saved(settingsFile());
        saved.setSyncConfig(postgresConfig(database));
        QVERIFY(saved.save());
    }
    auto secrets = makeSessionSecrets({ { SourceConfig().name, RedcapSimulator::defaultToken() } });
    static_cast<SessionSecretStore*>(secrets->storeForKey(SourceSecrets::databasePasswordKey()))
        ->writeToken(m_server.password());
    DesktopOptions options;
    options.settingsFile = settingsFile();
    auto app = std::make_unique<DesktopApp>(options, std::move(secrets));
    QVERIFY(startDesktopApp(*app));

    QCOMPARE(app->controller()->config().databasePassword, m_server.password());
    QCOMPARE(app->mainWindow()->database().password, m_server.password());
    waitForFirstCycle(app->mainWindow());
    const qint64 inserted = app->mainWindow()->cycleModel()->reportAt(0).inserted;
    QCOMPARE(worklistRows(database), inserted);
    QCOMPARE(loadWorklist(app->mainWindow()), int(inserted));

    // lantir.json names the server, never the password.
    QFile json(configFile());
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QByteArray text = json.readAll();
    QVERIFY(text.contains("\"driver\": \"postgresql\""));
    QVERIFY(text.contains(database.toUtf8()));
    QVERIFY(!text.contains(m_server.password().toUtf8()));
    QVERIFY(!text.contains("password"));
}

void TestDesktopPostgres::dbOptionForcesASqliteFile()
{
    {
        AppSettings saved(settingsFile());
        saved.setSyncConfig(postgresConfig(QStringLiteral("never_created")));
        QVERIFY(saved.save());
    }
    DesktopOptions options;
    options.settingsFile = settingsFile();
    options.databasePath = m_dir->filePath(QStringLiteral("forced.db"));
    auto secrets = makeSessionSecrets({ { SourceConfig().name, RedcapSimulator::defaultToken() } });
    auto app = std::make_unique<DesktopApp>(options, std::move(secrets));
    QVERIFY(startDesktopApp(*app));
    const DatabaseTarget shown = app->mainWindow()->database();
    QVERIFY(!shown.isPostgres());
    QCOMPARE(shown.path, options.databasePath);
    QVERIFY(!app->controller()->config().databaseTarget().isPostgres());
    waitForFirstCycle(app->mainWindow());
    QVERIFY(QFile::exists(options.databasePath));
}

QTEST_MAIN(TestDesktopPostgres)
#include "tst_desktoppostgres.moc"
