#include "AppSettings.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "TestEnvironment.h"
#include "Translator.h"
#include "config/SessionSecretStore.h"

#include <QComboBox>
#include <QFile>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::TestEnvironment;

using namespace Lantir;

namespace {
// A string of the settings dialog, or of its REDCap page.
QString translated(const char* source)
{
    const char* context
        = qstrcmp(source, "Test &connection") == 0 ? "Lantir::RedcapSourcePage" : "Lantir::SettingsDialog";
    return QCoreApplication::translate(context, source);
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void translationsAreBuiltIn();
    void frenchLoads();
    void spanishLoads();
    void englishAndUnknownLanguagesFallBackToEnglish();
    void followsTheSettings();
    void dialogRetranslatesAtRunTime();
    void systemLanguageIsFollowed();
    void frenchSystemGivesFrench();

private:
    QTemporaryDir m_dir;
};

void TestTranslations::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
}

void TestTranslations::translationsAreBuiltIn()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/lantir_fr.qm")));
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/lantir_es.qm")));
    QCOMPARE(Translator::availableLanguages(),
             (QStringList { QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("es") }));
    QCOMPARE(Translator::nativeName(QStringLiteral("fr")), QStringLiteral("Français"));
    QCOMPARE(Translator::nativeName(QStringLiteral("es")), QStringLiteral("Español"));
}

void TestTranslations::frenchLoads()
{
    Translator translator;
    QSignalSpy changed(&translator, &Translator::languageChanged);
    QVERIFY(translator.setLanguage(QStringLiteral("fr")));
    QCOMPARE(translator.effectiveLanguage(), QStringLiteral("fr"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(translated("Test &connection"), QStringLiteral("Tester la &connexion"));
    QCOMPARE(translated("Lantir Settings"), QStringLiteral("Paramètres de Lantir"));
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_fr.qm")))
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Annuler"));
}

void TestTranslations::spanishLoads()
{
    Translator translator;
    QVERIFY(translator.setLanguage(QStringLiteral("es")));
    QCOMPARE(translator.effectiveLanguage(), QStringLiteral("es"));
    QCOMPARE(translated("Test &connection"), QStringLiteral("Probar la &conexión"));
    QCOMPARE(translated("Lantir Settings"), QStringLiteral("Configuración de Lantir"));
}

void TestTranslations::englishAndUnknownLanguagesFallBackToEnglish()
{
    Translator translator;
    QVERIFY(translator.setLanguage(QStringLiteral("fr")));
    QVERIFY(translator.setLanguage(QStringLiteral("en")));
    QCOMPARE(translator.effectiveLanguage(), QStringLiteral("en"));
    QCOMPARE(translated("Test &connection"), QStringLiteral("Test &connection"));
    QVERIFY(!translator.setLanguage(QStringLiteral("de"))); // not translated: English, and says so
    QCOMPARE(translator.effectiveLanguage(), QStringLiteral("en"));
    QCOMPARE(translated("Test &connection"), QStringLiteral("Test &connection"));
}

void TestTranslations::followsTheSettings()
{
    AppSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
    Translator translator;
    translator.follow(&settings);
    settings.setLanguage(QStringLiteral("es"));
    QCOMPARE(translator.effectiveLanguage(), QStringLiteral("en")); // not before Apply/OK
    settings.save();
    QCOMPARE(translator.effectiveLanguage(), QStringLiteral("es"));
    QCOMPARE(translated("Test &connection"), QStringLiteral("Probar la &conexión"));
    settings.setLanguage(QStringLiteral("en"));
    settings.save();
    QCOMPARE(translated("Test &connection"), QStringLiteral("Test &connection"));
}

void TestTranslations::dialogRetranslatesAtRunTime()
{
    AppSettings settings(m_dir.filePath(QStringLiteral("dialog.ini")));
    SourceSecrets secrets([](const QString&) { return new SessionSecretStore(); });
    SettingsDialog dialog(&settings, &secrets);
    QTRY_VERIFY(!dialog.isBusy());
    auto* test = dialog.findChild<QPushButton*>(QStringLiteral("testConnectionButton"));
    auto* language = dialog.findChild<QComboBox*>(QStringLiteral("languageCombo"));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Lantir Settings"));
    QCOMPARE(language->itemText(0), QStringLiteral("System language"));

    Translator translator;
    translator.follow(&settings);
    // Choosing French in the dialog and applying switches the running dialog to French.
    language->setCurrentIndex(language->findData(QStringLiteral("fr")));
    dialog.findChild<QLineEdit*>(QStringLiteral("apiUrlEdit"))
        ->setText(QStringLiteral("https://redcap.example.org/api/"));
    dialog.findChild<QLineEdit*>(QStringLiteral("tokenEdit"))
        ->setText(QStringLiteral("0123456789ABCDEF0123456789ABCDEF"));
    dialog.findChild<QLineEdit*>(QStringLiteral("databaseEdit"))
        ->setText(m_dir.filePath(QStringLiteral("w.db")));
    QVERIFY(dialog.apply());
    QTRY_COMPARE(dialog.windowTitle(), QStringLiteral("Paramètres de Lantir"));
    QCOMPARE(test->text(), QStringLiteral("Tester la &connexion"));
    QCOMPARE(language->itemText(0), QStringLiteral("Langue du système"));
    QCOMPARE(language->currentData().toString(), QStringLiteral("fr")); // the choice survives

    translator.setLanguage(QStringLiteral("es"));
    QTRY_COMPARE(dialog.windowTitle(), QStringLiteral("Configuración de Lantir"));
    QCOMPARE(test->text(), QStringLiteral("Probar la &conexión"));
    translator.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(dialog.windowTitle(), QStringLiteral("Lantir Settings"));
}

void TestTranslations::systemLanguageIsFollowed()
{
    // With no language chosen, the system's is used (English when Lantir is not translated to it).
    QString expected = qEnvironmentVariable("LANTIR_EXPECT_LANGUAGE");
    if (expected.isEmpty()) {
        const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
        expected = Translator::availableLanguages().contains(system) ? system : QStringLiteral("en");
    }
    Translator translator;
    translator.setLanguage(QString());
    QCOMPARE(translator.effectiveLanguage(), expected);
}

void TestTranslations::frenchSystemGivesFrench()
{
    // The system locale is read at start-up: ask a second run of this test in a French environment.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("fr_FR.UTF-8"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("fr_FR.UTF-8"));
    env.insert(QStringLiteral("LANTIR_EXPECT_LANGUAGE"), QStringLiteral("fr"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("systemLanguageIsFollowed") });
    QVERIFY(child.waitForFinished(TestEnvironment::scaledMs(30000)));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("PASS   : TestTranslations::systemLanguageIsFollowed()"), output.constData());
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
