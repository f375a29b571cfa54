// The settings dialog's Sources list: add, rename (with its warning), remove, enable; names unique
// and non-empty, refused inline; the pages edit the selected source; one token per source, which
// moves with a rename.

#include "AppSettings.h"
#include "FindChild.h"
#include "GuiTestSupport.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "TestEnvironment.h"
#include "config/ConfigLoader.h"
#include "config/SessionSecretStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using Lantir::Test::child;
using namespace Lantir::Test;

namespace {
const QString MainToken = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
const QString AnnexToken = QStringLiteral("FEDCBA9876543210FEDCBA9876543210");
const QString MainUrl = QStringLiteral("https://redcap.example.org/redcap/api/");
const QString AnnexUrl = QStringLiteral("https://annex.example.org/redcap/api/");
} // namespace

class TestSettingsSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addEditAndSaveTwoSourcesWithTheirOwnTokens();
    void duplicateAndEmptyNamesAreRefusedInline();
    void renameWarnsAndMovesTheToken();
    void removeAndEnable();

private:
    SessionSecretStore* tokenStore(const QString& source)
    {
        return static_cast<SessionSecretStore*>(m_secrets->storeForKey(SourceSecrets::keyFor(source)));
    }
    // Saves one source "Main" with its token, as a previous session would have.
    void saveMainSource();
    bool saveAndWait(SettingsDialog& dialog);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<SourceSecrets> m_secrets;
};

void TestSettingsSources::initTestCase()
{
    isolateSettings("tst_settingssources");
    qunsetenv("REDCAP_API_URL");
}

void TestSettingsSources::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<AppSettings>(m_dir->filePath(QStringLiteral("lantir.ini")));
    m_secrets = makeSessionSecrets();
    saveMainSource();
}

void TestSettingsSources::cleanup()
{
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestSettingsSources::saveMainSource()
{
    SyncConfig config;
    config.databasePath = m_dir->filePath(QStringLiteral("worklist.db"));
    config.sources.first().name = QStringLiteral("Main");
    config.sources.first().apiUrl = QUrl(MainUrl);
    m_settings->setSyncConfig(config);
    QVERIFY(m_settings->save());
    tokenStore(QStringLiteral("Main"))->writeToken(MainToken);
}

bool TestSettingsSources::saveAndWait(SettingsDialog& dialog)
{
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    if (!dialog.apply())
        return false;
    return QTest::qWaitFor([&] { return applied.count() == 1; }, TestEnvironment::scaledMs(5000))
        && applied.at(0).at(0).toBool();
}

void TestSettingsSources::addEditAndSaveTwoSourcesWithTheirOwnTokens()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    auto* list = child<QListWidget>(dialog, "sourceList");
    auto* url = child<QLineEdit>(dialog, "apiUrlEdit");
    auto* token = child<QLineEdit>(dialog, "tokenEdit");
    auto* site = child<QLineEdit>(dialog, "siteEdit");
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Main"));
    QCOMPARE(token->text(), MainToken);
    site->setText(QStringLiteral("792"));

    // A new source is selected at once, with empty fields, and counts as a problem until it has
    // its URL and token.
    QTest::mouseClick(child<QPushButton>(dialog, "addSourceButton"), Qt::LeftButton);
    QCOMPARE(list->count(), 2);
    QCOMPARE(dialog.selectedSource(), 1);
    QCOMPARE(list->item(1)->text(), QStringLiteral("REDCap 2"));
    QVERIFY(url->text().isEmpty());
    QVERIFY(token->text().isEmpty());
    QVERIFY(site->text().isEmpty());
    QVERIFY(!dialog.isInputValid());
    child<QLineEdit>(dialog, "sourceNameEdit")->setText(QStringLiteral("Annex"));
    QVERIFY(dialog.renameSource());
    url->setText(AnnexUrl);
    token->setText(AnnexToken);
    site->setText(QStringLiteral("793"));
    QVERIFY(dialog.isInputValid());

    // The pages follow the selection and keep each source's edits.
    dialog.selectSource(0);
    QCOMPARE(url->text(), MainUrl);
    QCOMPARE(token->text(), MainToken);
    QCOMPARE(site->text(), QStringLiteral("792"));
    dialog.selectSource(1);
    QCOMPARE(url->text(), AnnexUrl);
    QCOMPARE(token->text(), AnnexToken);
    QCOMPARE(site->text(), QStringLiteral("793"));

    QVERIFY(saveAndWait(dialog));
    const Result<SyncConfig> saved = ConfigLoader::loadFile(m_settings->configPath());
    QVERIFY(saved.ok());
    QCOMPARE(saved.value().sources.size(), 2);
    QCOMPARE(saved.value().sources.at(0).name, QStringLiteral("Main"));
    QCOMPARE(saved.value().sources.at(0).mapping.site, QStringLiteral("792"));
    QCOMPARE(saved.value().sources.at(1).name, QStringLiteral("Annex"));
    QCOMPARE(saved.value().sources.at(1).apiUrl, QUrl(AnnexUrl));
    QCOMPARE(saved.value().sources.at(1).mapping.site, QStringLiteral("793"));
    // One keychain entry per source; the file holds no token.
    QCOMPARE(tokenStore(QStringLiteral("Main"))->token(), MainToken);
    QCOMPARE(tokenStore(QStringLiteral("Annex"))->token(), AnnexToken);
    QFile json(m_settings->configPath());
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QByteArray content = json.readAll();
    QVERIFY(!content.contains(MainToken.toLatin1()));
    QVERIFY(!content.contains(AnnexToken.toLatin1()));
}

void TestSettingsSources::duplicateAndEmptyNamesAreRefusedInline()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    dialog.addSource();
    auto* name = child<QLineEdit>(dialog, "sourceNameEdit");
    auto* error = child<QLabel>(dialog, "sourceNameError");
    auto* list = child<QListWidget>(dialog, "sourceList");

    name->setText(QStringLiteral("Main"));
    QVERIFY(!dialog.renameSource());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("already called Main")), qPrintable(error->text()));
    QCOMPARE(list->item(1)->text(), QStringLiteral("REDCap 2")); // unchanged

    name->setText(QStringLiteral("   "));
    QTest::mouseClick(child<QPushButton>(dialog, "renameSourceButton"), Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("Enter a name")), qPrintable(error->text()));
    QCOMPARE(list->item(1)->text(), QStringLiteral("REDCap 2"));

    // Typing again clears the refusal.
    name->setText(QStringLiteral("Annex"));
    QVERIFY(!error->isVisible());
    QVERIFY(dialog.renameSource());
    QCOMPARE(list->item(1)->text(), QStringLiteral("Annex"));
}

void TestSettingsSources::renameWarnsAndMovesTheToken()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    auto* name = child<QLineEdit>(dialog, "sourceNameEdit");
    auto* warning = child<QLabel>(dialog, "renameWarning");
    QVERIFY(!warning->isVisible());

    // Before pressing Rename, the dialog says what a rename does to the rows already synced.
    name->setText(QStringLiteral("Hospital"));
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QStringLiteral("identity")), qPrintable(warning->text()));
    QVERIFY(warning->text().contains(QStringLiteral("“Main”")));
    QVERIFY(dialog.renameSource());
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QStringLiteral("Renamed from “Main”")), qPrintable(warning->text()));
    QCOMPARE(child<QLineEdit>(dialog, "tokenEdit")->text(), MainToken);

    QVERIFY(saveAndWait(dialog));
    QCOMPARE(m_settings->syncConfig().sources.first().name, QStringLiteral("Hospital"));
    QCOMPARE(tokenStore(QStringLiteral("Hospital"))->token(), MainToken);
    QCOMPARE(tokenStore(QStringLiteral("Main"))->token(), QString()); // moved, not copied
    QVERIFY(!warning->isVisible()); // saved: the name is the source's name now
    QVERIFY(!dialog.hasUnsavedEdits());
}

void TestSettingsSources::removeAndEnable()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    auto* list = child<QListWidget>(dialog, "sourceList");
    auto* remove = child<QPushButton>(dialog, "removeSourceButton");
    auto* enabled = child<QCheckBox>(dialog, "sourceEnabledCheck");
    QVERIFY(!remove->isEnabled()); // the last source stays

    dialog.addSource();
    child<QLineEdit>(dialog, "sourceNameEdit")->setText(QStringLiteral("Annex"));
    QVERIFY(dialog.renameSource());
    child<QLineEdit>(dialog, "apiUrlEdit")->setText(AnnexUrl);
    child<QLineEdit>(dialog, "tokenEdit")->setText(AnnexToken);
    QVERIFY(saveAndWait(dialog));
    QCOMPARE(tokenStore(QStringLiteral("Annex"))->token(), AnnexToken);

    // Disabled: kept in the file, not synced, shown as such.
    QVERIFY(remove->isEnabled());
    QVERIFY(enabled->isChecked());
    enabled->setChecked(false);
    QCOMPARE(list->item(1)->text(), QStringLiteral("Annex (disabled)"));
    QVERIFY(saveAndWait(dialog));
    QCOMPARE(m_settings->syncConfig().sources.size(), 2);
    QVERIFY(!m_settings->syncConfig().sources.at(1).enabled);
    QCOMPARE(m_settings->syncConfig().enabledSources().size(), 1);

    // Removed: gone from the file, its token gone from the keychain, Main selected.
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(list->count(), 1);
    QCOMPARE(dialog.selectedSource(), 0);
    QCOMPARE(child<QLineEdit>(dialog, "apiUrlEdit")->text(), MainUrl);
    QVERIFY(!remove->isEnabled());
    QVERIFY(saveAndWait(dialog));
    QCOMPARE(m_settings->syncConfig().sources.size(), 1);
    QCOMPARE(tokenStore(QStringLiteral("Annex"))->token(), QString());
    QCOMPARE(tokenStore(QStringLiteral("Main"))->token(), MainToken);
}

QTEST_MAIN(TestSettingsSources)
#include "tst_settingssources.moc"
