// One configuration for both programs: the desktop reads and writes the sync settings in
// lantir.json, moves an older Lantir.conf's sync settings there once, and follows the file when
// someone else changes it while Lantir runs (the settings dialog asks when it has edits of its own;
// a broken file keeps the last good settings and says why).

#include "AppSettings.h"
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "TestEnvironment.h"
#include "config/ConfigLoader.h"
#include "config/SessionSecretStore.h"
#include "sync/SyncController.h"

#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

namespace {
const QString Token = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
const QString Url = QStringLiteral("https://redcap.example.org/redcap/api/");
} // namespace

class TestConfigFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void legacySettingsMoveToLantirJsonOnce();
    void legacySettingsLoseToAnExistingLantirJson();
    void fileEditedWhileRunningIsApplied();
    void brokenFileKeepsTheLastGoodSettings();
    void dialogWithoutEditsFollowsTheFile();
    void dialogWithEditsAsksWhatToKeep();

private:
    QString iniPath() const { return m_dir->filePath(QStringLiteral("lantir.ini")); }
    QString jsonPath() const { return m_dir->filePath(QStringLiteral("lantir.json")); }
    // Writes `config` to lantir.json the way another program would: a whole new file.
    static bool writeJson(const QString& path, const QByteArray& bytes);
    static SyncConfig twoSources(const QString& databasePath);
    static void waitForSettle();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfigFile::initTestCase()
{
    isolateSettings("tst_configfile");
    qunsetenv("REDCAP_API_URL");
}

void TestConfigFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestConfigFile::cleanup()
{
    m_dir.reset();
}

bool TestConfigFile::writeJson(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

SyncConfig TestConfigFile::twoSources(const QString& databasePath)
{
    SyncConfig config;
    config.databasePath = databasePath;
    config.sources.first().name = QStringLiteral("Main");
    config.sources.first().apiUrl = QUrl(Url);
    SourceConfig second;
    second.name = QStringLiteral("Annex");
    second.apiUrl = QUrl(QStringLiteral("https://annex.example.org/redcap/api/"));
    second.schedule.intervalSeconds = 900;
    config.sources.append(second);
    return config;
}

void TestConfigFile::waitForSettle()
{
    // The file system's modification times have a granularity; a later write must be seen as new.
    QTest::qWait(50);
}

void TestConfigFile::legacySettingsMoveToLantirJsonOnce()
{
    {
        QSettings old(iniPath(), QSettings::IniFormat);
        old.setValue(QStringLiteral("redcap/sourceName"), QStringLiteral("main_redcap"));
        old.setValue(QStringLiteral("redcap/apiUrl"), Url);
        old.setValue(QStringLiteral("redcap/batchSize"), 250);
        old.setValue(QStringLiteral("schedule/intervalSeconds"), 600);
        old.setValue(QStringLiteral("database/path"), m_dir->filePath(QStringLiteral("worklist.db")));
        old.setValue(QStringLiteral("mapping/site"), QStringLiteral("792"));
        old.setValue(QStringLiteral("ui/language"), QStringLiteral("en"));
    }
    // The token an older Lantir kept under its one keychain entry.
    auto secrets = makeSessionSecrets();
    SourceSecrets* store = secrets.get();
    static_cast<SessionSecretStore*>(store->storeForKey(SourceSecrets::legacyKey()))->writeToken(Token);
    DesktopOptions options;
    options.settingsFile = iniPath();
    {
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("The sync settings moved from")));
        DesktopApp app(options, std::move(secrets));
        QVERIFY(startDesktopApp(app));

        // Moved: lantir.json (private) has them as one source, Lantir.conf has only preferences.
        QVERIFY(QFileInfo::exists(jsonPath()));
        QCOMPARE(QFileInfo(jsonPath()).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        const Result<SyncConfig> loaded = ConfigLoader::loadFile(jsonPath());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QCOMPARE(loaded.value().sources.size(), 1);
        QCOMPARE(loaded.value().sources.first().name, QStringLiteral("main_redcap"));
        QCOMPARE(loaded.value().sources.first().apiUrl, QUrl(Url));
        QCOMPARE(loaded.value().sources.first().batchSize, 250);
        QCOMPARE(loaded.value().sources.first().schedule.intervalSeconds, 600);
        QCOMPARE(loaded.value().sources.first().mapping.site, QStringLiteral("792"));
        QSettings old(iniPath(), QSettings::IniFormat);
        QVERIFY(!old.contains(QStringLiteral("redcap/apiUrl")));
        QVERIFY(!old.childGroups().contains(QStringLiteral("mapping")));
        QCOMPARE(old.value(QStringLiteral("ui/language")).toString(), QStringLiteral("en"));

        // The app says so, once, and the token went with the source.
        QVERIFY(app.migrationNotice().contains(QStringLiteral("lantir.json")));
        auto* notice = app.mainWindow()->findChild<QMessageBox*>(QStringLiteral("migrationNotice"));
        QVERIFY(notice);
        QVERIFY(notice->isVisible());
        QVERIFY(notice->text().contains(QStringLiteral("main_redcap")));
        QTRY_COMPARE(app.tokens().value(QStringLiteral("main_redcap")), Token);
        QCOMPARE(static_cast<SessionSecretStore*>(store->storeForKey(SourceSecrets::legacyKey()))->token(),
                 QString());
        QCOMPARE(app.controller()->sourceNames(), QStringList { QStringLiteral("main_redcap") });
    }
    // The next start has nothing to move and says nothing.
    DesktopApp again(options, makeSessionSecrets());
    QVERIFY(startDesktopApp(again));
    QVERIFY(again.migrationNotice().isEmpty());
    QVERIFY(!again.mainWindow()->findChild<QMessageBox*>(QStringLiteral("migrationNotice")));
    QCOMPARE(again.settings()->syncConfig().sources.first().name, QStringLiteral("main_redcap"));
}

void TestConfigFile::legacySettingsLoseToAnExistingLantirJson()
{
    const SyncConfig existing = twoSources(m_dir->filePath(QStringLiteral("worklist.db")));
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(existing)).toJson()));
    {
        QSettings old(iniPath(), QSettings::IniFormat);
        old.setValue(QStringLiteral("redcap/apiUrl"), QStringLiteral("https://old.example.org/redcap/api/"));
    }
    AppSettings settings(iniPath());
    QString moved;
    const QString message = settings.migrateLegacySettings(&moved);
    QVERIFY(message.contains(QStringLiteral("already existed")));
    QVERIFY(moved.isEmpty());
    QCOMPARE(settings.syncConfig().sources.size(), 2);
    QCOMPARE(settings.syncConfig().sources.first().apiUrl, QUrl(Url));
    QVERIFY(!QSettings(iniPath(), QSettings::IniFormat).contains(QStringLiteral("redcap/apiUrl")));
    QVERIFY(settings.migrateLegacySettings().isEmpty()); // once
}

void TestConfigFile::fileEditedWhileRunningIsApplied()
{
    SyncConfig config = twoSources(m_dir->filePath(QStringLiteral("worklist.db")));
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
    auto app = makeDesktopApp(iniPath());
    QVERIFY(startDesktopApp(*app));
    QCOMPARE(app->controller()->sourceNames(),
             (QStringList { QStringLiteral("Main"), QStringLiteral("Annex") }));

    // Someone disables Annex, adds Third and changes Main's interval: replaced atomically, twice,
    // so the watcher must follow the new file after each replace.
    for (int round = 0; round < 2; ++round) {
        waitForSettle();
        config.sources[1].enabled = false;
        config.sources.first().schedule.intervalSeconds = 1200 + round * 60;
        if (round == 1) {
            SourceConfig third;
            third.name = QStringLiteral("Third");
            third.apiUrl = QUrl(QStringLiteral("https://third.example.org/redcap/api/"));
            config.sources.append(third);
        }
        QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
        QTRY_COMPARE_WITH_TIMEOUT(app->controller()->config().sources.first().schedule.intervalSeconds,
                                  1200 + round * 60, TestEnvironment::scaledMs(5000));
    }
    QTRY_COMPARE(app->controller()->sourceNames(),
                 (QStringList { QStringLiteral("Main"), QStringLiteral("Third") }));
    QVERIFY(app->configError().isEmpty());
    QVERIFY(!app->mainWindow()->statusBar()->findChild<QLabel*>(QStringLiteral("configErrorLabel")));
}

void TestConfigFile::brokenFileKeepsTheLastGoodSettings()
{
    const SyncConfig config = twoSources(m_dir->filePath(QStringLiteral("worklist.db")));
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
    auto app = makeDesktopApp(iniPath());
    QVERIFY(startDesktopApp(*app));

    waitForSettle();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be loaded")));
    QVERIFY(writeJson(jsonPath(), QByteArrayLiteral("{ \"format_version\": 2, \"sources\": [ }")));
    QTRY_VERIFY_WITH_TIMEOUT(!app->configError().isEmpty(), TestEnvironment::scaledMs(5000));
    // The last good settings keep running; the status bar says what is wrong and where.
    QCOMPARE(app->controller()->sourceNames(),
             (QStringList { QStringLiteral("Main"), QStringLiteral("Annex") }));
    QCOMPARE(app->settings()->syncConfig(), config);
    auto* label = app->mainWindow()->statusBar()->findChild<QLabel*>(QStringLiteral("configErrorLabel"));
    QVERIFY(label);
    QVERIFY(label->toolTip().contains(jsonPath()));
    QVERIFY(label->toolTip().contains(QStringLiteral("last settings that loaded")));

    // Fixed: the error goes, the fixed settings apply.
    waitForSettle();
    SyncConfig fixed = config;
    fixed.sources.removeLast();
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(fixed)).toJson()));
    QTRY_VERIFY_WITH_TIMEOUT(app->configError().isEmpty(), TestEnvironment::scaledMs(5000));
    QTRY_COMPARE(app->controller()->sourceNames(), QStringList { QStringLiteral("Main") });
    QTRY_VERIFY(!app->mainWindow()->statusBar()->findChild<QLabel*>(QStringLiteral("configErrorLabel")));
}

void TestConfigFile::dialogWithoutEditsFollowsTheFile()
{
    SyncConfig config = twoSources(m_dir->filePath(QStringLiteral("worklist.db")));
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
    AppSettings settings(iniPath());
    auto secrets = makeSessionSecrets({ { QStringLiteral("Main"), Token } });
    SettingsDialog dialog(&settings, secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(!dialog.hasUnsavedEdits());

    waitForSettle();
    config.sources.first().mapping.site = QStringLiteral("793");
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
    auto* site = dialog.findChild<QLineEdit*>(QStringLiteral("siteEdit"));
    QTRY_COMPARE_WITH_TIMEOUT(site->text(), QStringLiteral("793"), TestEnvironment::scaledMs(5000));
    QVERIFY(!dialog.isAskingAboutExternalChange());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("statusLabel"))
                ->text()
                .contains(QStringLiteral("changed on disk")));
    QTRY_COMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("tokenEdit"))->text(), Token);
}

void TestConfigFile::dialogWithEditsAsksWhatToKeep()
{
    SyncConfig config = twoSources(m_dir->filePath(QStringLiteral("worklist.db")));
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
    AppSettings settings(iniPath());
    auto secrets
        = makeSessionSecrets({ { QStringLiteral("Main"), Token }, { QStringLiteral("Annex"), Token } });
    SettingsDialog dialog(&settings, secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(dialog.isInputValid());
    auto* site = dialog.findChild<QLineEdit*>(QStringLiteral("siteEdit"));
    auto* bar = dialog.findChild<QWidget*>(QStringLiteral("externalChangeBar"));
    site->setText(QStringLiteral("mine"));
    QVERIFY(dialog.hasUnsavedEdits());

    // Theirs arrives: the dialog asks, and keeps the user's text meanwhile.
    waitForSettle();
    config.sources.first().mapping.site = QStringLiteral("theirs");
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isAskingAboutExternalChange(), TestEnvironment::scaledMs(5000));
    QVERIFY(bar->isVisible());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("externalChangeLabel"))->text().contains(jsonPath()));
    QCOMPARE(site->text(), QStringLiteral("mine"));

    // Keep mine: OK writes the user's settings over theirs.
    dialog.findChild<QPushButton*>(QStringLiteral("keepMineButton"))->click();
    QVERIFY(!bar->isVisible());
    QCOMPARE(site->text(), QStringLiteral("mine"));
    QVERIFY(dialog.apply());
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(ConfigLoader::loadFile(jsonPath()).value().sources.first().mapping.site, QStringLiteral("mine"));

    // Theirs again, with edits again: this time the user reloads theirs.
    waitForSettle();
    site->setText(QStringLiteral("mine again"));
    config.sources.first().mapping.site = QStringLiteral("theirs again");
    QVERIFY(writeJson(jsonPath(), QJsonDocument(ConfigLoader::toJson(config)).toJson()));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isAskingAboutExternalChange(), TestEnvironment::scaledMs(5000));
    dialog.findChild<QPushButton*>(QStringLiteral("reloadTheirsButton"))->click();
    QVERIFY(!bar->isVisible());
    QCOMPARE(site->text(), QStringLiteral("theirs again"));
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(!dialog.hasUnsavedEdits());
}

QTEST_MAIN(TestConfigFile)
#include "tst_configfile.moc"
