// The settings dialog's choice of worklist database: a SQLite file or a PostgreSQL server. The
// driver switch shows each one's fields, invalid PostgreSQL settings are refused at their field,
// the settings go to lantir.json and back, and the password goes to the secret store (the
// keychain in use), never to lantir.json or the preferences; without a keychain, the session-only
// choice keeps it.

#include "AppSettings.h"
#include "FindChild.h"
#include "KeychainSecretStore.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "TestEnvironment.h"
#include "config/ConfigLoader.h"
#include "config/SessionSecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using Lantir::Test::child;
using Lantir::Test::TestEnvironment;

namespace {
const QString Token = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
const QString Password = QStringLiteral("s3cret-Pa55word");
const QString GoodUrl = QStringLiteral("https://redcap.example.org/redcap/api/");
} // namespace

class TestSettingsDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void theDriverSwitchShowsEachDriversFields();
    void missingHostNameOrUserBlocksOk();
    void badPortHostAndCaFileBlockOk();
    void okSavesThePasswordInTheStoreNeverInTheFiles();
    void theDialogShowsSavedSettingsAndPassword();
    void keychainUnavailableKeepsThePasswordForTheSession();

private:
    QPushButton* button(SettingsDialog& dialog, QDialogButtonBox::StandardButton which);
    void fillSource(SettingsDialog& dialog);
    void choosePostgres(SettingsDialog& dialog);
    void fillPostgres(SettingsDialog& dialog);
    // The database error label says `needle`, `field` is marked, and OK is disabled.
    void verifyRefused(SettingsDialog& dialog, const char* field, const QString& needle);
    QByteArray savedFiles() const;
    SessionSecretStore* passwordStore()
    {
        return static_cast<SessionSecretStore*>(m_secrets->storeForKey(SourceSecrets::databasePasswordKey()));
    }

    QTemporaryDir m_dir;
    QString m_caFile;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<SourceSecrets> m_secrets;
    QString m_iniPath;
    int m_iniCount = 0;
};

void TestSettingsDatabase::initTestCase()
{
    // The keychain test must never reach a real keychain: no session bus.
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
    qunsetenv("XDG_CURRENT_DESKTOP");
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QFile ca(m_caFile);
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
}

void TestSettingsDatabase::init()
{
    m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_iniCount));
    m_settings = std::make_unique<AppSettings>(m_iniPath);
    m_secrets = std::make_unique<SourceSecrets>([](const QString&) { return new SessionSecretStore(); });
}

void TestSettingsDatabase::cleanup()
{
    m_secrets.reset();
    m_settings.reset();
}

QPushButton* TestSettingsDatabase::button(SettingsDialog& dialog, QDialogButtonBox::StandardButton which)
{
    return child<QDialogButtonBox>(dialog, "buttonBox")->button(which);
}

void TestSettingsDatabase::fillSource(SettingsDialog& dialog)
{
    child<QLineEdit>(dialog, "apiUrlEdit")->setText(GoodUrl);
    child<QLineEdit>(dialog, "tokenEdit")->setText(Token);
}

void TestSettingsDatabase::choosePostgres(SettingsDialog& dialog)
{
    auto* driver = child<QComboBox>(dialog, "databaseDriverCombo");
    driver->setCurrentIndex(driver->findData(QStringLiteral("postgresql")));
}

void TestSettingsDatabase::fillPostgres(SettingsDialog& dialog)
{
    choosePostgres(dialog);
    child<QLineEdit>(dialog, "postgresHostEdit")->setText(QStringLiteral("db.example.org"));
    child<QSpinBox>(dialog, "postgresPortSpin")->setValue(6543);
    child<QLineEdit>(dialog, "postgresNameEdit")->setText(QStringLiteral("worklist"));
    child<QLineEdit>(dialog, "postgresUserEdit")->setText(QStringLiteral("coordinator"));
    auto* ssl = child<QComboBox>(dialog, "postgresSslModeCombo");
    ssl->setCurrentIndex(ssl->findData(QStringLiteral("verify-full")));
    child<QLineEdit>(dialog, "postgresCaFileEdit")->setText(m_caFile);
    child<QLineEdit>(dialog, "postgresPasswordEdit")->setText(Password);
}

void TestSettingsDatabase::verifyRefused(SettingsDialog& dialog, const char* field, const QString& needle)
{
    auto* label = child<QLabel>(dialog, "databaseError");
    auto* widget = child<QWidget>(dialog, field);
    QVERIFY(!label->isHidden());
    QVERIFY2(label->text().contains(needle), qPrintable(label->text()));
    QVERIFY(widget->property("invalid").toBool());
    QVERIFY2(widget->toolTip().contains(needle), qPrintable(widget->toolTip()));
    QVERIFY(!dialog.isInputValid());
    QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
}

QByteArray TestSettingsDatabase::savedFiles() const
{
    QByteArray content;
    for (const QString& path : { m_iniPath, m_settings->configPath() }) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            content += file.readAll();
    }
    return content;
}

void TestSettingsDatabase::theDriverSwitchShowsEachDriversFields()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    auto* driver = child<QComboBox>(dialog, "databaseDriverCombo");
    QCOMPARE(driver->count(), 2);
    QCOMPARE(driver->itemText(0), QStringLiteral("SQLite file on this computer"));
    QCOMPARE(driver->itemText(1), QStringLiteral("PostgreSQL server"));
    QCOMPARE(driver->currentData().toString(), QStringLiteral("sqlite"));
    const QList<const char*> postgresFields { "postgresHostEdit",     "postgresPortSpin",
                                              "postgresNameEdit",     "postgresUserEdit",
                                              "postgresSslModeCombo", "postgresCaFileEdit",
                                              "browseCaFileButton",   "postgresPasswordEdit" };
    QVERIFY(!child<QWidget>(dialog, "databaseEdit")->isHidden());
    QVERIFY(!child<QWidget>(dialog, "browseDatabaseButton")->isHidden());
    for (const char* name : postgresFields)
        QVERIFY2(child<QWidget>(dialog, name)->isHidden(), name);

    choosePostgres(dialog);
    QVERIFY(child<QWidget>(dialog, "databaseEdit")->isHidden());
    for (const char* name : postgresFields)
        QVERIFY2(!child<QWidget>(dialog, name)->isHidden(), name);
    // libpq's six modes, "prefer" (its default) chosen.
    auto* ssl = child<QComboBox>(dialog, "postgresSslModeCombo");
    QStringList modes;
    for (int i = 0; i < ssl->count(); ++i)
        modes << ssl->itemData(i).toString();
    QCOMPARE(modes.join(QLatin1Char(' ')),
             QStringLiteral("disable allow prefer require verify-ca verify-full"));
    QCOMPARE(ssl->currentData().toString(), QStringLiteral("prefer"));
    QCOMPARE(child<QSpinBox>(dialog, "postgresPortSpin")->value(), 5432);
    QCOMPARE(child<QLineEdit>(dialog, "postgresPasswordEdit")->echoMode(), QLineEdit::Password);

    // Back to SQLite: its file is still there, and valid.
    driver->setCurrentIndex(0);
    QVERIFY(!child<QWidget>(dialog, "databaseEdit")->isHidden());
    QVERIFY(child<QWidget>(dialog, "postgresHostEdit")->isHidden());
    fillSource(dialog);
    QVERIFY(dialog.isInputValid());
}

void TestSettingsDatabase::missingHostNameOrUserBlocksOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillSource(dialog);
    QVERIFY(dialog.isInputValid());
    fillPostgres(dialog);
    QVERIFY(dialog.isInputValid());
    QVERIFY(child<QLabel>(dialog, "databaseError")->isHidden());

    child<QLineEdit>(dialog, "postgresHostEdit")->clear();
    verifyRefused(dialog, "postgresHostEdit",
                  QStringLiteral("Enter the PostgreSQL server's name or address."));
    child<QLineEdit>(dialog, "postgresHostEdit")->setText(QStringLiteral("db.example.org"));
    QVERIFY(dialog.isInputValid());

    child<QLineEdit>(dialog, "postgresNameEdit")->setText(QStringLiteral("  "));
    verifyRefused(dialog, "postgresNameEdit",
                  QStringLiteral("Enter the name of the worklist database on the server."));
    child<QLineEdit>(dialog, "postgresNameEdit")->setText(QStringLiteral("worklist"));

    child<QLineEdit>(dialog, "postgresUserEdit")->clear();
    verifyRefused(dialog, "postgresUserEdit", QStringLiteral("Enter the user Lantir signs in as."));
    child<QLineEdit>(dialog, "postgresUserEdit")->setText(QStringLiteral("coordinator"));
    QVERIFY(dialog.isInputValid());
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
}

void TestSettingsDatabase::badPortHostAndCaFileBlockOk()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillSource(dialog);
    fillPostgres(dialog);
    QVERIFY(dialog.isInputValid());

    auto* port = child<QSpinBox>(dialog, "postgresPortSpin");
    auto* portEditor = port->findChild<QLineEdit*>();
    QVERIFY(portEditor);
    portEditor->selectAll();
    QTest::keyClicks(portEditor, QStringLiteral("0"));
    verifyRefused(dialog, "postgresPortSpin", QStringLiteral("Enter a port from 1 to 65535."));
    port->setValue(65535);
    QVERIFY(dialog.isInputValid());

    child<QLineEdit>(dialog, "postgresHostEdit")->setText(QStringLiteral("db example.org"));
    verifyRefused(dialog, "postgresHostEdit", QStringLiteral("has no spaces"));
    child<QLineEdit>(dialog, "postgresHostEdit")->setText(QStringLiteral("10.0.0.5"));

    const QString missing = m_dir.filePath(QStringLiteral("no-such-ca.pem"));
    child<QLineEdit>(dialog, "postgresCaFileEdit")->setText(missing);
    verifyRefused(dialog, "postgresCaFileEdit", QStringLiteral("cannot be read"));
    child<QLineEdit>(dialog, "postgresCaFileEdit")->clear(); // libpq's default
    QVERIFY(dialog.isInputValid());
}

void TestSettingsDatabase::okSavesThePasswordInTheStoreNeverInTheFiles()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    fillSource(dialog);
    fillPostgres(dialog);
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toBool(), true);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(passwordStore()->token(), Password);

    // lantir.json round trip: what the dialog showed is what loads.
    const Result<SyncConfig> loaded = ConfigLoader::loadFile(m_settings->configPath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    const SyncConfig& config = loaded.value();
    QCOMPARE(config.databaseDriver, DatabaseDriver::Postgresql);
    QCOMPARE(config.postgres.host, QStringLiteral("db.example.org"));
    QCOMPARE(config.postgres.port, 6543);
    QCOMPARE(config.postgres.name, QStringLiteral("worklist"));
    QCOMPARE(config.postgres.user, QStringLiteral("coordinator"));
    QCOMPARE(config.postgres.sslmode, QStringLiteral("verify-full"));
    QCOMPARE(config.postgres.caFile, m_caFile);
    QVERIFY(config.databasePassword.isEmpty());
    QCOMPARE(AppSettings(m_iniPath).syncConfig().postgres, config.postgres);

    const QByteArray files = savedFiles();
    QVERIFY(files.contains("\"driver\": \"postgresql\""));
    QVERIFY2(!files.contains(Password.toUtf8()), "the password must never be in the settings files");
    QVERIFY(!files.contains("password"));
}

void TestSettingsDatabase::theDialogShowsSavedSettingsAndPassword()
{
    SyncConfig config = m_settings->syncConfig();
    config.sources.first().apiUrl = QUrl(GoodUrl);
    config.databaseDriver = DatabaseDriver::Postgresql;
    config.postgres.host = QStringLiteral("10.1.2.3");
    config.postgres.name = QStringLiteral("mwl");
    config.postgres.user = QStringLiteral("lantir");
    config.postgres.sslmode = QStringLiteral("require");
    m_settings->setSyncConfig(config);
    QVERIFY(m_settings->save());
    static_cast<SessionSecretStore*>(m_secrets->storeForKey(SourceSecrets::keyFor(SourceConfig().name)))
        ->writeToken(Token);
    passwordStore()->writeToken(Password);

    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    QTRY_VERIFY(!dialog.isBusy());
    QCOMPARE(child<QComboBox>(dialog, "databaseDriverCombo")->currentData().toString(),
             QStringLiteral("postgresql"));
    QCOMPARE(child<QLineEdit>(dialog, "postgresHostEdit")->text(), QStringLiteral("10.1.2.3"));
    QCOMPARE(child<QLineEdit>(dialog, "postgresNameEdit")->text(), QStringLiteral("mwl"));
    QCOMPARE(child<QComboBox>(dialog, "postgresSslModeCombo")->currentData().toString(),
             QStringLiteral("require"));
    QCOMPARE(child<QLineEdit>(dialog, "postgresPasswordEdit")->text(), Password);
    QVERIFY(dialog.isInputValid());
    // Nothing changed yet: nothing to apply.
    QVERIFY(!dialog.hasUnsavedEdits());
    QVERIFY(!button(dialog, QDialogButtonBox::Apply)->isEnabled());

    // A new password is an edit, saved by Apply; lantir.json stays as it was.
    child<QLineEdit>(dialog, "postgresPasswordEdit")->setText(QStringLiteral("rotated"));
    QVERIFY(button(dialog, QDialogButtonBox::Apply)->isEnabled());
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    QVERIFY(dialog.apply());
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toBool(), true);
    QCOMPARE(passwordStore()->token(), QStringLiteral("rotated"));
    QVERIFY(!dialog.hasUnsavedEdits());
    QVERIFY(!savedFiles().contains("rotated"));
    QCOMPARE(ConfigLoader::loadFile(m_settings->configPath()).value().postgres, config.postgres);
}

void TestSettingsDatabase::keychainUnavailableKeepsThePasswordForTheSession()
{
    SourceSecrets keychain(
        [](const QString& key) { return new KeychainSecretStore(QStringLiteral("LantirTest"), key); });
    SettingsDialog dialog(m_settings.get(), &keychain);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), TestEnvironment::scaledMs(10000));
    auto* sessionOnly = child<QCheckBox>(dialog, "sessionOnlyCheck");
    QVERIFY(!sessionOnly->isHidden()); // no keychain: the choice is offered

    fillSource(dialog);
    fillPostgres(dialog);
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.accept();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, TestEnvironment::scaledMs(10000));
    QCOMPARE(applied.at(0).at(0).toBool(), false);
    QVERIFY(dialog.result() != QDialog::Accepted);
    auto* error = child<QLabel>(dialog, "databaseError");
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(QStringLiteral("The password was not saved")), qPrintable(error->text()));

    sessionOnly->setChecked(true);
    dialog.accept();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 2, TestEnvironment::scaledMs(10000));
    QCOMPARE(applied.at(1).at(0).toBool(), true);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(error->isHidden());
    QSignalSpy read(&keychain, &SourceSecrets::tokensRead);
    keychain.readDatabasePassword();
    QTRY_COMPARE(read.count(), 1);
    QCOMPARE(read.at(0).at(1).value<SourceTokens>().value(SourceSecrets::databasePasswordKey()), Password);
    QVERIFY(!savedFiles().contains(Password.toUtf8()));
}

QTEST_MAIN(TestSettingsDatabase)
#include "tst_settingsdatabase.moc"
