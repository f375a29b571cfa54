#include "AppSettings.h"
#include "FieldRuleCases.h"
#include "FindChild.h"
#include "KeychainSecretStore.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "TestEnvironment.h"
#include "WorklistColumnDelegate.h"
#include "config/AppPaths.h"
#include "config/ConfigLoader.h"
#include "config/SessionSecretStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using Lantir::Test::FieldRuleCase;
using Lantir::Test::RuleField;
using Lantir::Test::TestEnvironment;

using namespace Lantir;
using Lantir::Test::child;

namespace {
const QString Token = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
const QString OtherToken = QStringLiteral("FEDCBA9876543210FEDCBA9876543210");
const QString GoodUrl = QStringLiteral("https://redcap.example.org/redcap/api/");

QString fixture(const QString& name)
{
    return QStringLiteral(LANTIR_FIXTURES_DIR "/gui/") + name;
}
} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsSavedSettingsAndToken();
    void validInputEnablesOk();
    void badUrlBlocksOk_data();
    void badUrlBlocksOk();
    void loopbackHttpIsAccepted();
    void badTokenBlocksOk_data();
    void badTokenBlocksOk();
    void intervalBelowMinimumBlocksOk();
    void unparseableWindowTimeBlocksOk();
    void windowAcrossMidnightAndAllDayAreValid();
    void badPatternsAndTablesBlockOk();
    void mappingWarningsDoNotBlockOk();
    void missingDatabaseFolderBlocksOk();
    void okSavesSettingsAndTokenButNeverInTheFile();
    void applySavesAndKeepsTheDialogOpen();
    void cancelDiscardsChanges();
    void unchangedSettingsLeaveApplyDisabled();
    void showHideToken();
    void columnDelegateOffersWritableColumns();
    void patternPreviewFollowsTheFields();
    void importLegacyConfigFillsFields();
    void importDataSourcesConfigFillsFields();
    void importBrokenConfigShowsTheReason();
    void keychainUnavailableOffersSessionOnly();
    void tabOrderFollowsEachPage();
    void fieldRulesAgreeWithLoaderAndClient_data();
    void fieldRulesAgreeWithLoaderAndClient();

private:
    QPushButton* button(SettingsDialog& dialog, QDialogButtonBox::StandardButton which);
    void fillValid(SettingsDialog& dialog);
    // The error label `name` is shown and says `needle`; its field is marked with the same reason.
    void verifyFieldError(SettingsDialog& dialog, const char* field, const char* errorLabel,
                          const QString& needle, const QString& fieldNeedle = QString());
    // The row of `table` whose first column says `text`, or -1.
    static int rowOf(const QTableWidget* table, const QString& text);

    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<SourceSecrets> m_secrets;
    // The session store behind the default source's keychain entry.
    SessionSecretStore* tokenStore(const QString& source = SourceConfig().name)
    {
        return static_cast<SessionSecretStore*>(m_secrets->storeForKey(SourceSecrets::keyFor(source)));
    }
    QString m_iniPath;
    int m_iniCount = 0;
};

void TestSettingsDialog::initTestCase()
{
    // The keychain test below must never reach a real keychain: no session bus.
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
    qunsetenv("XDG_CURRENT_DESKTOP");
    qunsetenv("REDCAP_API_URL");
}

void TestSettingsDialog::init()
{
    m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_iniCount));
    m_settings = std::make_unique<AppSettings>(m_iniPath);
    m_secrets = std::make_unique<SourceSecrets>([](const QString&) { return new SessionSecretStore(); });
}

void TestSettingsDialog::cleanup()
{
    m_secrets.reset();
    m_settings.reset();
}

QPushButton* TestSettingsDialog::button(SettingsDialog& dialog, QDialogButtonBox::StandardButton which)
{
    return child<QDialogButtonBox>(dialog, "buttonBox")->button(which);
}

void TestSettingsDialog::fillValid(SettingsDialog& dialog)
{
    child<QLineEdit>(dialog, "apiUrlEdit")->setText(GoodUrl);
    child<QLineEdit>(dialog, "tokenEdit")->setText(Token);
    child<QLineEdit>(dialog, "databaseEdit")->setText(m_dir.filePath(QStringLiteral("worklist.db")));
}

int TestSettingsDialog::rowOf(const QTableWidget* table, const QString& text)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0) && table->item(row, 0)->text() == text)
            return row;
    }
    return -1;
}

void TestSettingsDialog::verifyFieldError(SettingsDialog& dialog, const char* field, const char* errorLabel,
                                          const QString& needle, const QString& fieldNeedle)
{
    auto* label = child<QLabel>(dialog, errorLabel);
    auto* widget = child<QWidget>(dialog, field);
    QVERIFY2(!label->isHidden(), errorLabel);
    QVERIFY2(label->text().contains(needle, Qt::CaseInsensitive),
             qPrintable(QStringLiteral("%1 says: %2").arg(QLatin1String(errorLabel), label->text())));
    QVERIFY(widget->property("invalid").toBool());
    const QString tip = fieldNeedle.isEmpty() ? needle : fieldNeedle;
    QVERIFY2(widget->toolTip().contains(tip, Qt::CaseInsensitive), qPrintable(widget->toolTip()));
    QVERIFY(!widget->styleSheet().isEmpty()); // the red frame
    QVERIFY(!dialog.isInputValid());
    QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!button(dialog, QDialogButtonBox::Apply)->isEnabled());
}

void TestSettingsDialog::loadsSavedSettingsAndToken()
{
    SyncConfig c;
    c.sources.first().apiUrl = QUrl(GoodUrl);
    c.databasePath = m_dir.filePath(QStringLiteral("worklist.db"));
    c.sources.first().schedule.intervalSeconds = 600;
    c.sources.first().mapping.site = QStringLiteral("792");
    c.sources.first().mapping.fieldMapping
        = { { QStringLiteral("demo_sex"), QStringLiteral("patient_sex") } };
    m_settings->setSyncConfig(c);
    m_settings->setLanguage(QStringLiteral("es"));
    m_settings->setStartMinimized(true);
    tokenStore()->writeToken(Token);
    QTRY_COMPARE(tokenStore()->token(), Token);

    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(child<QLineEdit>(dialog, "apiUrlEdit")->text(), GoodUrl);
    QCOMPARE(child<QLineEdit>(dialog, "tokenEdit")->text(), Token);
    QCOMPARE(child<QLineEdit>(dialog, "tokenEdit")->echoMode(), QLineEdit::Password);
    QCOMPARE(child<QSpinBox>(dialog, "intervalSpin")->value(), 600);
    QCOMPARE(child<QLineEdit>(dialog, "siteEdit")->text(), QStringLiteral("792"));
    QCOMPARE(child<QComboBox>(dialog, "languageCombo")->currentData().toString(), QStringLiteral("es"));
    QVERIFY(child<QCheckBox>(dialog, "startMinimizedCheck")->isChecked());
    auto* mapping = child<QTableWidget>(dialog, "mappingTable");
    QCOMPARE(mapping->rowCount(), 1);
    QCOMPARE(mapping->item(0, 1)->text(), QStringLiteral("patient_sex"));
    QVERIFY(dialog.isInputValid());
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!button(dialog, QDialogButtonBox::Apply)->isEnabled()); // nothing changed yet
    QVERIFY(child<QLabel>(dialog, "keychainNotice")->isHidden() == false); // session store: says session only
}

void TestSettingsDialog::validInputEnablesOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    // Nothing configured yet: URL and token are required; the database starts at the platform default.
    QVERIFY(!dialog.isInputValid());
    QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!child<QLabel>(dialog, "apiUrlError")->isHidden());
    QVERIFY(!child<QLabel>(dialog, "tokenError")->isHidden());
    QCOMPARE(QDir::fromNativeSeparators(child<QLineEdit>(dialog, "databaseEdit")->text()),
             AppPaths::defaultDatabasePath());
    QVERIFY(child<QLabel>(dialog, "databaseError")->isHidden());

    // Typed as a user would.
    QTest::keyClicks(child<QLineEdit>(dialog, "apiUrlEdit"), GoodUrl);
    QTest::keyClicks(child<QLineEdit>(dialog, "tokenEdit"), Token);
    child<QLineEdit>(dialog, "databaseEdit")->clear();
    QTest::keyClicks(child<QLineEdit>(dialog, "databaseEdit"), m_dir.filePath(QStringLiteral("worklist.db")));
    QVERIFY2(dialog.isInputValid(), qPrintable(child<QLabel>(dialog, "statusLabel")->text()));
    QVERIFY(child<QLabel>(dialog, "apiUrlError")->isHidden());
    QVERIFY(child<QLabel>(dialog, "tokenError")->isHidden());
    QVERIFY(!child<QLineEdit>(dialog, "apiUrlEdit")->property("invalid").toBool());
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(button(dialog, QDialogButtonBox::Apply)->isEnabled());
}

void TestSettingsDialog::badUrlBlocksOk_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << QStringLiteral("Enter the REDCap API URL");
    QTest::newRow("no scheme") << QStringLiteral("redcap.example.org/redcap/api/")
                               << QStringLiteral("must start with https://");
    QTest::newRow("user and password") << QStringLiteral("https://me:pw@redcap.example.org/redcap/api/")
                                       << QStringLiteral("Remove the user name and password");
    QTest::newRow("query") << QStringLiteral("https://redcap.example.org/redcap/api/?x=1")
                           << QStringLiteral("Remove everything after /api/");
    QTest::newRow("ftp") << QStringLiteral("ftp://redcap.example.org/redcap/api/")
                         << QStringLiteral("https://");
    QTest::newRow("http to another computer")
        << QStringLiteral("http://redcap.example.org/redcap/api/") << QStringLiteral("unencrypted");
    QTest::newRow("no /api/") << QStringLiteral("https://redcap.example.org/redcap/")
                              << QStringLiteral("ends with /api/");
    QTest::newRow("api without slash")
        << QStringLiteral("https://redcap.example.org/redcap/api") << QStringLiteral("ends with /api/");
}

void TestSettingsDialog::badUrlBlocksOk()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    QVERIFY(dialog.isInputValid());
    child<QLineEdit>(dialog, "apiUrlEdit")->setText(url);
    verifyFieldError(dialog, "apiUrlEdit", "apiUrlError", reason);
    // OK does nothing while the input is invalid.
    QSignalSpy changed(m_settings.get(), &AppSettings::changed);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(changed.count(), 0);
    QVERIFY(!dialog.apply());
    QCOMPARE(changed.count(), 0);
}

void TestSettingsDialog::loopbackHttpIsAccepted()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    for (const QString& url :
         { QStringLiteral("http://127.0.0.1:8080/api/"), QStringLiteral("http://localhost/redcap/api/"),
           QStringLiteral("http://[::1]:9000/api/") }) {
        child<QLineEdit>(dialog, "apiUrlEdit")->setText(url);
        QVERIFY2(dialog.isInputValid(),
                 qPrintable(url + QStringLiteral(": ") + child<QLabel>(dialog, "apiUrlError")->text()));
    }
}

void TestSettingsDialog::badTokenBlocksOk_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << QStringLiteral("Enter the project's API token");
    QTest::newRow("short") << QStringLiteral("0123456789ABCDEF") << QStringLiteral("32 characters, not 16");
    QTest::newRow("long") << Token + QStringLiteral("00") << QStringLiteral("32 characters, not 34");
    QTest::newRow("not hex") << QStringLiteral("0123456789ABCDEF0123456789ABCDEG") << QStringLiteral("0-9");
    QTest::newRow("inner space") << QStringLiteral("0123456789ABCDEF 123456789ABCDEF")
                                 << QStringLiteral("0-9");
}

void TestSettingsDialog::badTokenBlocksOk()
{
    QFETCH(QString, token);
    QFETCH(QString, reason);
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    child<QLineEdit>(dialog, "tokenEdit")->setText(token);
    verifyFieldError(dialog, "tokenEdit", "tokenError", reason);
    if (!token.isEmpty())
        QVERIFY2(!child<QLabel>(dialog, "tokenError")->text().contains(token), "never quote the token");
    // Surrounding white space (a pasted line) is not a problem.
    child<QLineEdit>(dialog, "tokenEdit")->setText(QStringLiteral("  ") + Token + QStringLiteral("\n"));
    QVERIFY(dialog.isInputValid());
}

void TestSettingsDialog::intervalBelowMinimumBlocksOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    auto* interval = child<QSpinBox>(dialog, "intervalSpin");
    interval->setValue(5);
    verifyFieldError(dialog, "intervalSpin", "intervalError", QStringLiteral("shortest sync interval is 10"));
    interval->setValue(10);
    QVERIFY(dialog.isInputValid());
    // Typed text that is no number at all.
    interval->findChild<QLineEdit*>()->setText(QStringLiteral("soon"));
    verifyFieldError(dialog, "intervalSpin", "intervalError", QStringLiteral("in seconds"));
}

void TestSettingsDialog::unparseableWindowTimeBlocksOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    auto* start = child<QTimeEdit>(dialog, "windowStartEdit");
    // Garbage is reverted by the time edit itself; a half-typed or deleted time stays and must be caught.
    start->findChild<QLineEdit*>()->setText(QStringLiteral("2x:99"));
    QVERIFY(start->hasAcceptableInput());
    start->findChild<QLineEdit*>()->setText(QStringLiteral("08:"));
    QVERIFY(!start->hasAcceptableInput());
    verifyFieldError(dialog, "windowStartEdit", "windowError",
                     QStringLiteral("start of the operation window"));
    start->setTime(QTime(8, 0));
    QVERIFY(dialog.isInputValid());
    auto* end = child<QTimeEdit>(dialog, "windowEndEdit");
    end->findChild<QLineEdit*>()->setText(QString()); // the user deleted the time
    QVERIFY(!end->hasAcceptableInput());
    verifyFieldError(dialog, "windowEndEdit", "windowError", QStringLiteral("end of the operation window"));
}

void TestSettingsDialog::windowAcrossMidnightAndAllDayAreValid()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    auto* start = child<QTimeEdit>(dialog, "windowStartEdit");
    auto* end = child<QTimeEdit>(dialog, "windowEndEdit");
    start->setTime(QTime(22, 0));
    end->setTime(QTime(6, 0));
    QVERIFY(dialog.isInputValid());
    QVERIFY(child<QLabel>(dialog, "windowHint")->text().contains(QStringLiteral("midnight")));
    start->setTime(QTime(9, 0));
    end->setTime(QTime(9, 0));
    QVERIFY(dialog.isInputValid());
    QVERIFY(child<QLabel>(dialog, "windowHint")->text().contains(QStringLiteral("all day")));
    QVERIFY(dialog.apply());
    QTRY_VERIFY(!dialog.isBusy());
    const ScheduleConfig saved = m_settings->syncConfig().sources.first().schedule;
    QCOMPARE(saved.windowStart, saved.windowEnd); // equal: all day for the scheduler too
}

void TestSettingsDialog::badPatternsAndTablesBlockOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);

    child<QLineEdit>(dialog, "idEdit")->setText(QStringLiteral("sub_{studdy}"));
    verifyFieldError(dialog, "idEdit", "idError", QStringLiteral("Unknown placeholder {studdy}"));
    child<QLineEdit>(dialog, "idEdit")->clear();
    verifyFieldError(dialog, "idEdit", "idError", QStringLiteral("patient ID pattern"));
    child<QLineEdit>(dialog, "idEdit")->setText(QStringLiteral("sub_{study}_ses_{session}"));
    QVERIFY(dialog.isInputValid());

    child<QLineEdit>(dialog, "dateFieldEdit")->clear();
    verifyFieldError(dialog, "dateFieldEdit", "scanFieldsError", QStringLiteral("marked REDCap fields"),
                     QStringLiteral("Required"));
    child<QLineEdit>(dialog, "dateFieldEdit")->setText(QStringLiteral("mri date"));
    verifyFieldError(dialog, "dateFieldEdit", "scanFieldsError", QStringLiteral("no spaces"));
    child<QLineEdit>(dialog, "dateFieldEdit")->setText(QStringLiteral("mri_date"));
    QVERIFY(dialog.isInputValid());

    // An added mapping row must be filled in or removed.
    child<QPushButton>(dialog, "addMappingButton")->click();
    auto* mapping = child<QTableWidget>(dialog, "mappingTable");
    QCOMPARE(mapping->rowCount(), 1);
    verifyFieldError(dialog, "mappingTable", "mappingError", QStringLiteral("Row 1: enter the REDCap field"));
    mapping->item(0, 0)->setText(QStringLiteral("demo_sex"));
    verifyFieldError(dialog, "mappingTable", "mappingError", QStringLiteral("choose the worklist column"));
    mapping->item(0, 1)->setText(QStringLiteral("patient_sex"));
    QVERIFY(dialog.isInputValid());
    mapping->setCurrentCell(0, 0);
    child<QPushButton>(dialog, "removeMappingButton")->click();
    QCOMPARE(mapping->rowCount(), 0);
    QVERIFY(dialog.isInputValid());

    // Protocol by site: a site twice.
    auto* protocols = child<QTableWidget>(dialog, "protocolTable");
    child<QPushButton>(dialog, "addProtocolButton")->click();
    child<QPushButton>(dialog, "addProtocolButton")->click();
    protocols->item(0, 0)->setText(QStringLiteral("792"));
    protocols->item(0, 1)->setText(QStringLiteral("BRAIN"));
    protocols->item(1, 0)->setText(QStringLiteral("792"));
    protocols->item(1, 1)->setText(QStringLiteral("SPINE"));
    verifyFieldError(dialog, "protocolTable", "protocolError",
                     QStringLiteral("site 792 is already in row 1"));
    protocols->item(1, 0)->setText(QStringLiteral("793"));
    QVERIFY(dialog.isInputValid());
}

void TestSettingsDialog::mappingWarningsDoNotBlockOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    auto* mapping = child<QTableWidget>(dialog, "mappingTable");
    child<QPushButton>(dialog, "addMappingButton")->click();
    mapping->item(0, 0)->setText(QStringLiteral("mri_instance"));
    mapping->item(0, 1)->setText(QStringLiteral("session_id")); // pylantir's, not a worklist column
    QVERIFY(dialog.isInputValid());
    auto* warning = child<QLabel>(dialog, "mappingWarning");
    QVERIFY(!warning->isHidden());
    QVERIFY(warning->text().contains(QStringLiteral("session_id")));
}

void TestSettingsDialog::missingDatabaseFolderBlocksOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    child<QLineEdit>(dialog, "databaseEdit")
        ->setText(m_dir.filePath(QStringLiteral("no/such/folder/worklist.db")));
    verifyFieldError(dialog, "databaseEdit", "databaseError", QStringLiteral("does not exist"));
    child<QLineEdit>(dialog, "databaseEdit")->setText(m_dir.path());
    verifyFieldError(dialog, "databaseEdit", "databaseError", QStringLiteral("is a folder"));
}

void TestSettingsDialog::okSavesSettingsAndTokenButNeverInTheFile()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    child<QSpinBox>(dialog, "batchSizeSpin")->setValue(250);
    child<QComboBox>(dialog, "languageCombo")
        ->setCurrentIndex(child<QComboBox>(dialog, "languageCombo")->findData(QStringLiteral("fr")));
    child<QCheckBox>(dialog, "startMinimizedCheck")->setChecked(true);
    QSignalSpy changed(m_settings.get(), &AppSettings::changed);
    QSignalSpy applied(&dialog, &SettingsDialog::applied);

    QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toBool(), true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(tokenStore()->token(), Token);

    AppSettings reread(m_iniPath);
    QCOMPARE(reread.syncConfig().sources.first().apiUrl, QUrl(GoodUrl));
    QCOMPARE(reread.syncConfig().sources.first().batchSize, 250);
    QCOMPARE(reread.language(), QStringLiteral("fr"));
    QVERIFY(reread.startMinimized());

    // The sync settings went to lantir.json, the preferences to the INI file; neither has the token.
    QFile json(m_settings->configPath());
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(json.permissions()
                 & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    QByteArray content = json.readAll();
    QVERIFY(content.contains("redcap.example.org")); // the file is the right one and was written
    QFile ini(m_iniPath);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    content += ini.readAll();
    QVERIFY2(!content.contains(Token.toLatin1()), "the token must never be in the settings file");
    QVERIFY(!content.toLower().contains(Token.toLower().toLatin1()));
}

void TestSettingsDialog::applySavesAndKeepsTheDialogOpen()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    QSignalSpy changed(m_settings.get(), &AppSettings::changed);
    QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
    QTRY_COMPARE(changed.count(), 1);
    QVERIFY(dialog.isVisible());
    QCOMPARE(tokenStore()->token(), Token);
    QVERIFY(!button(dialog, QDialogButtonBox::Apply)->isEnabled()); // all saved
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());

    // A second change: only the settings (the token is unchanged and not written again).
    QSignalSpy written(tokenStore(), &SecretStore::tokenWritten);
    child<QLineEdit>(dialog, "siteEdit")->setText(QStringLiteral("793"));
    QVERIFY(button(dialog, QDialogButtonBox::Apply)->isEnabled());
    QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(written.count(), 0);
    QCOMPARE(m_settings->syncConfig().sources.first().mapping.site, QStringLiteral("793"));
}

void TestSettingsDialog::cancelDiscardsChanges()
{
    SyncConfig c;
    c.sources.first().apiUrl = QUrl(GoodUrl);
    c.databasePath = m_dir.filePath(QStringLiteral("worklist.db"));
    m_settings->setSyncConfig(c);
    QVERIFY(m_settings->save());
    tokenStore()->writeToken(Token);
    QTRY_COMPARE(tokenStore()->token(), Token);

    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    QSignalSpy changed(m_settings.get(), &AppSettings::changed);
    child<QLineEdit>(dialog, "apiUrlEdit")->setText(QStringLiteral("https://other.example.org/api/"));
    child<QLineEdit>(dialog, "tokenEdit")->setText(OtherToken);
    QTest::mouseClick(button(dialog, QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QTest::qWait(0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(tokenStore()->token(), Token);
    QCOMPARE(AppSettings(m_iniPath).syncConfig().sources.first().apiUrl, QUrl(GoodUrl));
}

void TestSettingsDialog::unchangedSettingsLeaveApplyDisabled()
{
    // Everything the dialog shows survives a load without looking changed, including the
    // operation window's whole-minute end (23:59:59) and settings it does not show.
    SyncConfig c;
    c.sources.first().apiUrl = QUrl(GoodUrl);
    c.databasePath = m_dir.filePath(QStringLiteral("worklist.db"));
    c.sources.first().schedule.windowStart = QTime(7, 30);
    c.sources.first().schedule.windowEnd = QTime(19, 0, 59);
    c.sources.first().requestTimeoutMs = 45000;
    c.sources.first().caFile = QStringLiteral("/etc/ssl/ca.pem");
    c.sources.first().mapping.extraFields = { QStringLiteral("consent") };
    m_settings->setSyncConfig(c);
    tokenStore()->writeToken(Token);
    QTRY_COMPARE(tokenStore()->token(), Token);
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(dialog.isInputValid());
    QVERIFY(!button(dialog, QDialogButtonBox::Apply)->isEnabled());
    child<QLineEdit>(dialog, "protocolEdit")->setText(QStringLiteral("X"));
    QVERIFY(button(dialog, QDialogButtonBox::Apply)->isEnabled());
    child<QLineEdit>(dialog, "protocolEdit")->clear();
    QVERIFY(!button(dialog, QDialogButtonBox::Apply)->isEnabled());
    QVERIFY(dialog.apply());
    QTRY_VERIFY(!dialog.isBusy());
    const SyncConfig saved = m_settings->syncConfig();
    QCOMPARE(saved.sources.first().requestTimeoutMs, 45000);
    QCOMPARE(saved.sources.first().caFile, c.sources.first().caFile);
    QCOMPARE(saved.sources.first().mapping.extraFields, c.sources.first().mapping.extraFields);
    QCOMPARE(saved.sources.first().schedule.windowEnd, QTime(19, 0, 59));
}

void TestSettingsDialog::showHideToken()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    auto* token = child<QLineEdit>(dialog, "tokenEdit");
    auto* action = dialog.findChild<QAction*>(QStringLiteral("showTokenAction"));
    QVERIFY(action);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    action->trigger();
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    QVERIFY(action->toolTip().contains(QStringLiteral("Hide")));
    action->trigger();
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QVERIFY(action->toolTip().contains(QStringLiteral("Show")));
}

void TestSettingsDialog::columnDelegateOffersWritableColumns()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    auto* mapping = child<QTableWidget>(dialog, "mappingTable");
    child<QPushButton>(dialog, "addMappingButton")->click();
    mapping->item(0, 0)->setText(QStringLiteral("demo_sex"));
    mapping->setCurrentCell(0, 1);
    mapping->editItem(mapping->item(0, 1));
    auto* combo = mapping->findChild<QComboBox*>(QStringLiteral("worklistColumnCombo"));
    QVERIFY(combo);
    QStringList offered;
    for (int i = 0; i < combo->count(); ++i)
        offered << combo->itemText(i);
    QCOMPARE(offered, WorklistColumnDelegate::writableColumns());
    QVERIFY(offered.contains(QStringLiteral("patient_sex")));
    QVERIFY(offered.contains(QStringLiteral("data_source")));
    QVERIFY(!offered.contains(QStringLiteral("id")));
    QVERIFY(!offered.contains(QStringLiteral("study_instance_uid")));
    QVERIFY(!offered.contains(QStringLiteral("performed_procedure_step_status")));
    QCOMPARE(offered.size(), 18);
    // Picking one writes it to the table.
    combo->setCurrentIndex(offered.indexOf(QStringLiteral("patient_sex")));
    Q_EMIT combo->activated(combo->currentIndex());
    QCOMPARE(mapping->item(0, 1)->text(), QStringLiteral("patient_sex"));
}

void TestSettingsDialog::patternPreviewFollowsTheFields()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    child<QLineEdit>(dialog, "siteEdit")->setText(QStringLiteral("792"));
    child<QLineEdit>(dialog, "idEdit")
        ->setText(QStringLiteral("sub_{study}_ses_{session}_fam_{family}_site_{site}"));
    child<QLineEdit>(dialog, "nameEdit")->setText(QStringLiteral("cpip-id-{study}^fa-{family}"));
    QCOMPARE(child<QLabel>(dialog, "idPreview")->text(),
             QStringLiteral("Example: sub_0012_ses_1_fam_007_site_792"));
    QCOMPARE(child<QLabel>(dialog, "namePreview")->text(), QStringLiteral("Example: cpip-id-0012^fa-007"));
    child<QLineEdit>(dialog, "idEdit")->setText(QStringLiteral("{record}-{site}"));
    QCOMPARE(child<QLabel>(dialog, "idPreview")->text(), QStringLiteral("Example: 12-792"));
    // Protocol for the site.
    child<QPushButton>(dialog, "addProtocolButton")->click();
    auto* protocols = child<QTableWidget>(dialog, "protocolTable");
    protocols->item(0, 0)->setText(QStringLiteral("792"));
    protocols->item(0, 1)->setText(QStringLiteral("BRAIN_MRI_3T"));
    QVERIFY(child<QLabel>(dialog, "protocolPreview")->text().contains(QStringLiteral("BRAIN_MRI_3T")));
}

void TestSettingsDialog::importLegacyConfigFillsFields()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    child<QLineEdit>(dialog, "apiUrlEdit")->setText(GoodUrl);
    QVERIFY(dialog.importConfig(fixture(QStringLiteral("mwl_config_legacy.json"))));

    QCOMPARE(child<QLineEdit>(dialog, "apiUrlEdit")->text(), GoodUrl); // pylantir files have none: kept
    QCOMPARE(child<QSpinBox>(dialog, "intervalSpin")->value(), 900);
    QCOMPARE(child<QTimeEdit>(dialog, "windowStartEdit")->time().toString(QStringLiteral("HH:mm")),
             QStringLiteral("07:30"));
    QCOMPARE(child<QTimeEdit>(dialog, "windowEndEdit")->time().toString(QStringLiteral("HH:mm")),
             QStringLiteral("19:00"));
    QCOMPARE(child<QLineEdit>(dialog, "siteEdit")->text(), QStringLiteral("791")); // from site_id
    QCOMPARE(child<QLineEdit>(dialog, "codingEdit")->text(), QStringLiteral("GEHC"));
    auto* protocols = child<QTableWidget>(dialog, "protocolTable");
    QCOMPARE(protocols->rowCount(), 1);
    QCOMPARE(protocols->item(0, 0)->text(), QStringLiteral("791"));
    QCOMPARE(protocols->item(0, 1)->text(), QStringLiteral("BRAIN_MRI_LEGACY"));
    auto* mapping = child<QTableWidget>(dialog, "mappingTable");
    QCOMPARE(mapping->rowCount(), 6);
    const int sexRow = rowOf(mapping, QStringLiteral("demo_sex"));
    QVERIFY(sexRow >= 0);
    QCOMPARE(mapping->item(sexRow, 1)->text(), QStringLiteral("patient_sex"));
    QVERIFY(rowOf(mapping, QStringLiteral("referring_physician")) >= 0);
    QCOMPARE(QDir::fromNativeSeparators(child<QLineEdit>(dialog, "databaseEdit")->text()),
             fixture(QStringLiteral("worklist.db")));
    // "status" -> performed_procedure_step_status is pylantir's; Lantir keeps it but never writes it.
    QVERIFY(!child<QLabel>(dialog, "mappingWarning")->isHidden());
    QVERIFY(child<QLabel>(dialog, "mappingWarning")
                ->text()
                .contains(QStringLiteral("performed_procedure_step_status")));
    QVERIFY(child<QLabel>(dialog, "statusLabel")->text().contains(QStringLiteral("mwl_config_legacy.json")));

    // Nothing saved until OK/Apply; then the imported values are saved.
    QCOMPARE(m_settings->syncConfig().sources.first().mapping.site, QString());
    child<QLineEdit>(dialog, "tokenEdit")->setText(Token);
    QVERIFY(dialog.isInputValid());
    QVERIFY(dialog.apply());
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(m_settings->syncConfig().sources.first().mapping.site, QStringLiteral("791"));
    QCOMPARE(m_settings->syncConfig().sources.first().mapping.fieldMapping.size(), 6);
    // Into lantir.json, in Lantir's format, where lantir-sync reads them too.
    const Result<SyncConfig> written = ConfigLoader::loadFile(m_settings->configPath());
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QCOMPARE(written.value().sources.first().mapping.site, QStringLiteral("791"));
    QCOMPARE(written.value(), m_settings->syncConfig());
}

void TestSettingsDialog::importDataSourcesConfigFillsFields()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(dialog.importConfig(fixture(QStringLiteral("mwl_config_data_sources.json"))));
    QCOMPARE(child<QSpinBox>(dialog, "intervalSpin")->value(), 300);
    QCOMPARE(child<QTimeEdit>(dialog, "windowStartEdit")->time().toString(QStringLiteral("HH:mm")),
             QStringLiteral("22:00"));
    QCOMPARE(child<QTimeEdit>(dialog, "windowEndEdit")->time().toString(QStringLiteral("HH:mm")),
             QStringLiteral("06:15"));
    QVERIFY(child<QLabel>(dialog, "windowHint")->text().contains(QStringLiteral("midnight")));
    QCOMPARE(child<QLineEdit>(dialog, "siteEdit")->text(), QStringLiteral("792"));
    QCOMPARE(child<QLineEdit>(dialog, "codingEdit")->text(), QStringLiteral("SIEMENS"));
    auto* protocols = child<QTableWidget>(dialog, "protocolTable");
    QCOMPARE(protocols->rowCount(), 2);
    QCOMPARE(protocols->item(1, 0)->text(), QStringLiteral("793"));
    QCOMPARE(protocols->item(1, 1)->text(), QStringLiteral("BRAIN_MRI_1.5T"));
    auto* mapping = child<QTableWidget>(dialog, "mappingTable");
    QCOMPARE(mapping->rowCount(), 5);
    QVERIFY(rowOf(mapping, QStringLiteral("mri_instance")) >= 0);
    const int timeRow = rowOf(mapping, QStringLiteral("mri_time"));
    QVERIFY(timeRow >= 0);
    QCOMPARE(mapping->item(timeRow, 1)->text(), QStringLiteral("scheduled_start_time"));
    QVERIFY(child<QLabel>(dialog, "protocolPreview")->text().contains(QStringLiteral("BRAIN_MRI_3T")));
    // The disabled second source is reported, not silently dropped.
    // Only the first enabled REDCap source is taken, not the disabled one for site 793.
    QCOMPARE(child<QTableWidget>(dialog, "mappingTable")->rowCount(), 5);
    QVERIFY(child<QLabel>(dialog, "statusLabel")
                ->text()
                .contains(QStringLiteral("mwl_config_data_sources.json")));
}

void TestSettingsDialog::importBrokenConfigShowsTheReason()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    child<QLineEdit>(dialog, "siteEdit")->setText(QStringLiteral("792"));
    QVERIFY(!dialog.importConfig(fixture(QStringLiteral("mwl_config_broken.json"))));
    const QString status = child<QLabel>(dialog, "statusLabel")->text();
    QVERIFY2(status.contains(QStringLiteral("db_update_interval")), qPrintable(status));
    QCOMPARE(child<QLineEdit>(dialog, "siteEdit")->text(), QStringLiteral("792")); // fields untouched
    QVERIFY(!dialog.importConfig(m_dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(child<QLabel>(dialog, "statusLabel")->text().contains(QStringLiteral("missing.json")));
}

void TestSettingsDialog::keychainUnavailableOffersSessionOnly()
{
    SourceSecrets keychain(
        [](const QString& key) { return new KeychainSecretStore(QStringLiteral("LantirTest"), key); });
    SettingsDialog dialog(m_settings.get(), &keychain);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), TestEnvironment::scaledMs(10000));
    auto* notice = child<QLabel>(dialog, "keychainNotice");
    auto* sessionOnly = child<QCheckBox>(dialog, "sessionOnlyCheck");
    QVERIFY(!notice->isHidden());
    QVERIFY2(notice->text().contains(QStringLiteral("cannot use a keychain")), qPrintable(notice->text()));
    QVERIFY(!sessionOnly->isHidden());
    QVERIFY(!sessionOnly->isChecked());

    fillValid(dialog);
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.accept(); // without the choice the token cannot be stored: the dialog stays open
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, TestEnvironment::scaledMs(10000));
    QCOMPARE(applied.at(0).at(0).toBool(), false);
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(!child<QLabel>(dialog, "tokenError")->isHidden());
    QVERIFY(child<QLabel>(dialog, "tokenError")->text().contains(QStringLiteral("not saved")));

    sessionOnly->setChecked(true);
    QVERIFY(notice->text().contains(QStringLiteral("session only")));
    dialog.accept();
    QTRY_COMPARE(applied.count(), 2);
    QCOMPARE(applied.at(1).at(0).toBool(), true);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!keychain.isPersistent());
    QVERIFY(m_settings->sessionOnlyToken());
    QSignalSpy read(&keychain, &SourceSecrets::tokensRead);
    keychain.readTokens({ SourceConfig().name });
    QTRY_COMPARE(read.count(), 1);
    QCOMPARE(read.at(0).at(1).value<SourceTokens>().value(SourceConfig().name), Token);

    for (const QString& path : { m_iniPath, m_settings->configPath() }) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(Token.toLatin1()));
    }
}

void TestSettingsDialog::tabOrderFollowsEachPage()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* tabs = child<QTabWidget>(dialog, "tabs");
    auto* buttons = child<QDialogButtonBox>(dialog, "buttonBox");
    // Each page top to bottom, left to right, as it is laid out; then the buttons at the bottom,
    // back to the page tabs.
    const QList<QList<const char*>> pages {
        { "apiUrlEdit", "tokenEdit", "testConnectionButton", "timeZoneCombo", "batchSizeSpin" },
        { "intervalSpin", "windowStartEdit", "windowEndEdit", "overlapSpin" },
        { "siteEdit", "protocolEdit", "protocolTable", "addProtocolButton", "removeProtocolButton",
          "codingEdit", "nameEdit", "idEdit" },
        { "scanInstrumentEdit", "recordIdEdit", "sessionFieldEdit", "dateFieldEdit", "timeFieldEdit",
          "studyIdEdit", "familyIdEdit" },
        { "mappingTable", "addMappingButton", "removeMappingButton" },
        { "enabledCheck" }, // the server's other fields are disabled while it is off
        { "databaseDriverCombo", "databaseEdit", "browseDatabaseButton", "memoryWarnSpin",
          "memoryCriticalSpin", "languageCombo", "startMinimizedCheck" },
    };
    QCOMPARE(tabs->count(), int(pages.size()));
    const auto nameOf = [buttons](QWidget* widget) -> QString {
        if (!widget)
            return QStringLiteral("(none)");
        if (widget->parentWidget() == buttons)
            return QStringLiteral("button:")
                + qobject_cast<QPushButton*>(widget)->text().remove(QLatin1Char('&'));
        if (qobject_cast<QTabBar*>(widget))
            return QStringLiteral("tabBar");
        return widget->objectName();
    };
    for (int page = 0; page < tabs->count(); ++page) {
        tabs->setCurrentIndex(page);
        tabs->tabBar()->setFocus(Qt::TabFocusReason);
        QCOMPARE(QApplication::focusWidget(), tabs->tabBar());
        QStringList expected;
        for (const char* name : pages.at(page)) {
            if (child<QWidget>(dialog, name)->isEnabled()) // a Remove button without a row to remove
                expected << QString::fromLatin1(name);
        }
        expected << QStringLiteral("importButton");
        for (QAbstractButton* button : buttons->buttons()) {
            if (button->isEnabled())
                expected << QStringLiteral("button:") + button->text().remove(QLatin1Char('&'));
        }
        // Round to the Sources list (Remove is disabled with one source), then the tabs again.
        expected << QStringLiteral("sourceList") << QStringLiteral("sourceEnabledCheck")
                 << QStringLiteral("sourceNameEdit") << QStringLiteral("addSourceButton")
                 << QStringLiteral("renameSourceButton");
        expected << QStringLiteral("tabBar");
        // Tab also steps through the sections of a time field (hours, minutes) before leaving it.
        QStringList seen;
        for (int step = 0;
             step < 3 * expected.size() && (seen.isEmpty() || seen.constLast() != expected.constLast());
             ++step) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            const QString name = nameOf(QApplication::focusWidget());
            if (seen.isEmpty() || seen.constLast() != name)
                seen << name;
        }
        if (seen != expected)
            qWarning() << "page" << page << seen;
        QCOMPARE(seen, expected);
    }
}

// The dialog accepts exactly the values the loader and the REDCap client accept (tst_fieldrules
// runs the same table through those two).
void TestSettingsDialog::fieldRulesAgreeWithLoaderAndClient_data()
{
    QTest::addColumn<int>("index");
    const QList<FieldRuleCase> cases = Lantir::Test::fieldRuleCases();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(cases.at(i).tag) << i;
}

void TestSettingsDialog::fieldRulesAgreeWithLoaderAndClient()
{
    QFETCH(int, index);
    const FieldRuleCase c = Lantir::Test::fieldRuleCases().at(index);
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    dialog.show();
    QTRY_VERIFY(!dialog.isBusy());
    fillValid(dialog);
    QVERIFY(dialog.isInputValid());
    switch (c.field) {
    case RuleField::RecordIdField:
        child<QLineEdit>(dialog, "recordIdEdit")->setText(c.value);
        break;
    case RuleField::DateField:
        child<QLineEdit>(dialog, "dateFieldEdit")->setText(c.value);
        break;
    case RuleField::ApiUrl:
        child<QLineEdit>(dialog, "apiUrlEdit")->setText(c.value);
        break;
    case RuleField::Token:
        child<QLineEdit>(dialog, "tokenEdit")->setText(c.value);
        break;
    case RuleField::SourceName: {
        child<QLineEdit>(dialog, "sourceNameEdit")->setText(c.value);
        QCOMPARE(dialog.renameSource(), c.valid);
        QCOMPARE(child<QLabel>(dialog, "sourceNameError")->isVisible(), !c.valid);
        return;
    }
    }
    QCOMPARE(dialog.isInputValid(), c.valid);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
