// Where the desktop app takes its translations and icons from: the installed
// <bin>/../share/lantir/{translations,icons} first, the built-in copies otherwise.
#include "Icons.h"
#include "Translator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;

class TestInstalledFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void defaultTranslationDirsStartWithTheInstalledFolder();
    void installedTranslationWins();
    void missingInstalledTranslationFallsBackToBuiltIn();
    void missingInstalledFolderFallsBackToBuiltIn();
    void iconsDefaultFolderIsBesideBin();
    void installedIconsWinWhenComplete();
    void incompleteInstalledIconsAreNotUsed();

private:
    static QString settingsDialogText(const char* source);

    QTemporaryDir m_dir;
};

QString TestInstalledFiles::settingsDialogText(const char* source)
{
    return QCoreApplication::translate("Lantir::SettingsDialog", source);
}

void TestInstalledFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QLoggingCategory::setFilterRules(QStringLiteral("lantir.resources.debug=true"));
}

void TestInstalledFiles::cleanupTestCase()
{
    QLoggingCategory::setFilterRules(QString());
}

void TestInstalledFiles::defaultTranslationDirsStartWithTheInstalledFolder()
{
    const QString expected = QDir::cleanPath(QCoreApplication::applicationDirPath()
                                             + QStringLiteral("/../share/lantir/translations"));
    QCOMPARE(Translator::defaultTranslationDirs(), (QStringList { expected, QStringLiteral(":/i18n") }));
    QCOMPARE(Translator().translationDirs(), Translator::defaultTranslationDirs());
}

void TestInstalledFiles::installedTranslationWins()
{
    const QString installed = m_dir.filePath(QStringLiteral("share/lantir/translations"));
    QVERIFY(QDir().mkpath(installed));
    const QString frFile = installed + QStringLiteral("/lantir_fr.qm");
    QVERIFY(QFile::copy(QStringLiteral(":/i18n/lantir_fr.qm"), frFile));

    Translator translator;
    translator.setTranslationDirs({ installed, QStringLiteral(":/i18n") });
    QTest::ignoreMessage(QtDebugMsg,
                         QRegularExpression(QStringLiteral("^Translation for fr.* loaded from ")
                                            + QRegularExpression::escape(frFile) + QLatin1Char('$')));
    QVERIFY(translator.setLanguage(QStringLiteral("fr")));
    QCOMPARE(translator.translationFile(), frFile);
    QCOMPARE(translator.effectiveLanguage(), QStringLiteral("fr"));
    QCOMPARE(settingsDialogText("Lantir Settings"), QStringLiteral("Paramètres de Lantir"));

    // The folder list applies from the next setLanguage(), even for the same language.
    translator.setTranslationDirs({ QStringLiteral(":/i18n") });
    QVERIFY(translator.setLanguage(QStringLiteral("fr")));
    QCOMPARE(translator.translationFile(), QStringLiteral(":/i18n/lantir_fr.qm"));
}

void TestInstalledFiles::missingInstalledTranslationFallsBackToBuiltIn()
{
    // The installed folder has French only: Spanish comes from the built-in copy.
    const QString installed = m_dir.filePath(QStringLiteral("only-fr"));
    QVERIFY(QDir().mkpath(installed));
    QVERIFY(QFile::copy(QStringLiteral(":/i18n/lantir_fr.qm"), installed + QStringLiteral("/lantir_fr.qm")));

    Translator translator;
    translator.setTranslationDirs({ installed, QStringLiteral(":/i18n") });
    QVERIFY(translator.setLanguage(QStringLiteral("es")));
    QCOMPARE(translator.translationFile(), QStringLiteral(":/i18n/lantir_es.qm"));
    QCOMPARE(settingsDialogText("Lantir Settings"), QStringLiteral("Configuración de Lantir"));

    // English needs no file, from either folder.
    QVERIFY(translator.setLanguage(QStringLiteral("en")));
    QCOMPARE(translator.translationFile(), QString());
    QCOMPARE(settingsDialogText("Lantir Settings"), QStringLiteral("Lantir Settings"));
}

void TestInstalledFiles::missingInstalledFolderFallsBackToBuiltIn()
{
    const QString absent = m_dir.filePath(QStringLiteral("not-installed"));
    Translator translator;
    translator.setTranslationDirs({ absent, QStringLiteral(":/i18n") });
    QTest::ignoreMessage(QtDebugMsg,
                         QRegularExpression(QStringLiteral("^No translation folder ")
                                            + QRegularExpression::escape(absent) + QLatin1Char('$')));
    QVERIFY(translator.setLanguage(QStringLiteral("fr")));
    QCOMPARE(translator.translationFile(), QStringLiteral(":/i18n/lantir_fr.qm"));
}

void TestInstalledFiles::iconsDefaultFolderIsBesideBin()
{
    const QString expected
        = QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/lantir/icons"));
    QCOMPARE(Icons::installedDir(), expected);
    // The build tree has no share/lantir/icons beside the tests: the built-in icons are used.
    if (!QDir(expected).exists())
        QCOMPARE(Icons::dir(), QStringLiteral(":/icons"));
    QCOMPARE(Icons::trayResource(SyncStatus::Tray::Error), Icons::dir() + QStringLiteral("/tray-error.svg"));
    QVERIFY(!Icons::application().pixmap(QSize(32, 32)).isNull());
    for (const QString& name : Icons::fileNames())
        QVERIFY2(QFile::exists(QStringLiteral(":/icons/") + name), qPrintable(name));
}

void TestInstalledFiles::installedIconsWinWhenComplete()
{
    const QString installed = m_dir.filePath(QStringLiteral("share/lantir/icons"));
    QVERIFY(QDir().mkpath(installed));
    for (const QString& name : Icons::fileNames())
        QVERIFY(QFile::copy(QStringLiteral(":/icons/") + name, installed + QLatin1Char('/') + name));
    QTest::ignoreMessage(QtDebugMsg,
                         QRegularExpression(QStringLiteral("^Icons from ")
                                            + QRegularExpression::escape(installed) + QLatin1Char('$')));
    QCOMPARE(Icons::chooseDir(installed), installed);
    QVERIFY(!QIcon(installed + QStringLiteral("/lantir.svg")).pixmap(QSize(32, 32)).isNull());
}

void TestInstalledFiles::incompleteInstalledIconsAreNotUsed()
{
    const QString installed = m_dir.filePath(QStringLiteral("partial-icons"));
    QVERIFY(QDir().mkpath(installed));
    QVERIFY(QFile::copy(QStringLiteral(":/icons/lantir.svg"), installed + QStringLiteral("/lantir.svg")));
    QTest::ignoreMessage(QtDebugMsg,
                         QRegularExpression(QStringLiteral("lacks tray-ok.svg, tray-syncing.svg")));
    QTest::ignoreMessage(QtDebugMsg, QRegularExpression(QStringLiteral("^Icons from :/icons$")));
    QCOMPARE(Icons::chooseDir(installed), QStringLiteral(":/icons"));
    QCOMPARE(Icons::chooseDir(QString()), QStringLiteral(":/icons"));
}

QTEST_MAIN(TestInstalledFiles)
#include "tst_installedfiles.moc"
