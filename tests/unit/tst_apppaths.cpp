#include "config/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using Lantir::AppPaths;

namespace {

constexpr QFile::Permissions ModeBits = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
    | QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther
    | QFile::ExeOther;
constexpr QFile::Permissions Mode0700 = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr QFile::Permissions Mode0600 = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions Mode0755
    = Mode0700 | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
constexpr QFile::Permissions Mode0644 = Mode0600 | QFile::ReadGroup | QFile::ReadOther;
constexpr QFile::Permissions Mode0640 = Mode0600 | QFile::ReadGroup;

QFile::Permissions modeOf(const QString& path)
{
    return QFileInfo(path).permissions() & ModeBits;
}

} // namespace

class TestAppPaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void defaultsAreUnderTheGenericLocations();
    void defaultsDoNotDependOnTheApplicationName();
    void createsMissingFoldersPrivate();
    void keepsAnExistingOpenFolderAndWarns();
    void keepsAnExistingPrivateFolderQuietly();
    void refusesAFileWhereAFolderIsNeeded();
    void createsAMissingFilePrivate();
    void keepsAnExistingFileAndItsContents();
    void refusesAFolderWhereAFileIsNeeded();
    void warnsOnlyAboutPathsOthersCanReach();
    void refusesEmptyPaths();

private:
    QTemporaryDir m_home;
    QByteArray m_oldConfigHome;
    QByteArray m_oldDataHome;
#ifdef Q_OS_UNIX
    mode_t m_oldUmask = 022;
#endif
};

void TestAppPaths::initTestCase()
{
    QVERIFY(m_home.isValid());
    m_oldConfigHome = qgetenv("XDG_CONFIG_HOME");
    m_oldDataHome = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
#ifdef Q_OS_UNIX
    // No umask at all: the modes below must come from AppPaths itself, not from a strict umask.
    m_oldUmask = ::umask(0);
#endif
}

void TestAppPaths::cleanupTestCase()
{
#ifdef Q_OS_UNIX
    ::umask(m_oldUmask);
#endif
    if (m_oldConfigHome.isNull())
        qunsetenv("XDG_CONFIG_HOME");
    else
        qputenv("XDG_CONFIG_HOME", m_oldConfigHome);
    if (m_oldDataHome.isNull())
        qunsetenv("XDG_DATA_HOME");
    else
        qputenv("XDG_DATA_HOME", m_oldDataHome);
}

void TestAppPaths::defaultsAreUnderTheGenericLocations()
{
    QCOMPARE(AppPaths::folderName(), QStringLiteral("Lantir"));
    QVERIFY(AppPaths::defaultConfigPath().endsWith(QStringLiteral("/Lantir/lantir.json")));
    QVERIFY(AppPaths::defaultTokenPath().endsWith(QStringLiteral("/Lantir/token")));
    QVERIFY(AppPaths::defaultDatabasePath().endsWith(QStringLiteral("/Lantir/worklist.db")));
    QCOMPARE(QFileInfo(AppPaths::defaultConfigPath()).path(), AppPaths::defaultConfigDir());
    QCOMPARE(QFileInfo(AppPaths::defaultDatabasePath()).path(), AppPaths::defaultDataDir());
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // Linux and the BSDs follow the XDG base directories.
    QCOMPARE(AppPaths::defaultConfigPath(), m_home.filePath(QStringLiteral("config/Lantir/lantir.json")));
    QCOMPARE(AppPaths::defaultTokenPath(), m_home.filePath(QStringLiteral("config/Lantir/token")));
    QCOMPARE(AppPaths::defaultDatabasePath(), m_home.filePath(QStringLiteral("data/Lantir/worklist.db")));
#endif
}

void TestAppPaths::defaultsDoNotDependOnTheApplicationName()
{
    const QString oldOrganization = QCoreApplication::organizationName();
    const QString oldName = QCoreApplication::applicationName();
    QCoreApplication::setOrganizationName(QStringLiteral("Lantir"));
    QCoreApplication::setApplicationName(QStringLiteral("Lantir"));
    const QString guiConfig = AppPaths::defaultConfigPath();
    const QString guiDatabase = AppPaths::defaultDatabasePath();
    QCoreApplication::setApplicationName(QStringLiteral("lantir-sync"));
    QCOMPARE(AppPaths::defaultConfigPath(), guiConfig);
    QCOMPARE(AppPaths::defaultDatabasePath(), guiDatabase);
    QCoreApplication::setOrganizationName(oldOrganization);
    QCoreApplication::setApplicationName(oldName);
}

void TestAppPaths::createsMissingFoldersPrivate()
{
#ifdef Q_OS_WIN
    QSKIP("Windows has no POSIX modes");
#endif
    const QString top = m_home.filePath(QStringLiteral("new"));
    const QString deep = top + QStringLiteral("/a/b");
    const Lantir::Result<void> made = AppPaths::ensurePrivateDir(deep);
    QVERIFY2(made.ok(), qPrintable(made.error().message));
    QVERIFY(QFileInfo(deep).isDir());
    QCOMPARE(modeOf(top), Mode0700);
    QCOMPARE(modeOf(top + QStringLiteral("/a")), Mode0700);
    QCOMPARE(modeOf(deep), Mode0700);
    QVERIFY(!AppPaths::isAccessibleByOthers(deep));

    // The default locations are created the same way.
    QVERIFY(AppPaths::ensurePrivateDir(AppPaths::defaultConfigDir()).ok());
    QCOMPARE(modeOf(AppPaths::defaultConfigDir()), Mode0700);
}

void TestAppPaths::keepsAnExistingOpenFolderAndWarns()
{
#ifdef Q_OS_WIN
    QSKIP("Windows has no POSIX modes");
#endif
    const QString shared = m_home.filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkdir(shared, Mode0755));
    QCOMPARE(modeOf(shared), Mode0755);
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("folder .*shared is open to other users .*mode 0755.*chmod 700")));
    QVERIFY(AppPaths::ensurePrivateDir(shared).ok());
    QCOMPARE(modeOf(shared), Mode0755); // a folder shared on purpose stays shared
}

void TestAppPaths::keepsAnExistingPrivateFolderQuietly()
{
    const QString folder = m_home.filePath(QStringLiteral("quiet"));
    QVERIFY(AppPaths::ensurePrivateDir(folder).ok());
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    QVERIFY(AppPaths::ensurePrivateDir(folder).ok());
    QVERIFY(!AppPaths::warnIfReadableByOthers(folder));
}

void TestAppPaths::refusesAFileWhereAFolderIsNeeded()
{
    const QString file = m_home.filePath(QStringLiteral("plain-file"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly, Mode0600));
    }
    const Lantir::Result<void> same = AppPaths::ensurePrivateDir(file);
    QVERIFY(!same.ok());
    QCOMPARE(same.error().kind, Lantir::Error::Kind::Config);
    QVERIFY2(same.error().message.contains(QStringLiteral("plain-file")), qPrintable(same.error().message));
    QVERIFY(same.error().message.contains(QStringLiteral("not a folder")));

    const Lantir::Result<void> below = AppPaths::ensurePrivateDir(file + QStringLiteral("/sub/dir"));
    QVERIFY(!below.ok());
    QVERIFY2(below.error().message.contains(QStringLiteral("is a file")), qPrintable(below.error().message));
}

void TestAppPaths::createsAMissingFilePrivate()
{
#ifdef Q_OS_WIN
    QSKIP("Windows has no POSIX modes");
#endif
    const QString database = AppPaths::defaultDatabasePath();
    QVERIFY(!QFileInfo::exists(database));
    const Lantir::Result<void> made = AppPaths::ensurePrivateFile(database);
    QVERIFY2(made.ok(), qPrintable(made.error().message));
    QVERIFY(QFileInfo(database).isFile());
    QCOMPARE(QFileInfo(database).size(), 0);
    QCOMPARE(modeOf(database), Mode0600);
    QCOMPARE(modeOf(AppPaths::defaultDataDir()), Mode0700);
    QCOMPARE(modeOf(QFileInfo(AppPaths::defaultDataDir()).path()), Mode0700); // the missing XDG data home too
}

void TestAppPaths::keepsAnExistingFileAndItsContents()
{
#ifdef Q_OS_WIN
    QSKIP("Windows has no POSIX modes");
#endif
    const QString config = m_home.filePath(QStringLiteral("site.json"));
    {
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly, Mode0644));
        f.write(R"({"database":{"path":"w.db"}})");
    }
    QCOMPARE(modeOf(config), Mode0644);
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("file .*site.json can be read .*mode 0644.*chmod 600")));
    QVERIFY(AppPaths::ensurePrivateFile(config).ok());
    QCOMPARE(modeOf(config), Mode0644); // never changed behind the owner's back
    QFile f(config);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(R"({"database":{"path":"w.db"}})"));
}

void TestAppPaths::refusesAFolderWhereAFileIsNeeded()
{
    const QString folder = m_home.filePath(QStringLiteral("folder-not-file"));
    QVERIFY(AppPaths::ensurePrivateDir(folder).ok());
    const Lantir::Result<void> made = AppPaths::ensurePrivateFile(folder);
    QVERIFY(!made.ok());
    QVERIFY2(made.error().message.contains(QStringLiteral("is a folder")), qPrintable(made.error().message));

    // A file below a plain file cannot be created either, and the error says which path.
    const QString file = m_home.filePath(QStringLiteral("plain-file-2"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly, Mode0600));
    }
    const Lantir::Result<void> below = AppPaths::ensurePrivateFile(file + QStringLiteral("/worklist.db"));
    QVERIFY(!below.ok());
    QVERIFY2(below.error().message.contains(QStringLiteral("plain-file-2")),
             qPrintable(below.error().message));
}

void TestAppPaths::warnsOnlyAboutPathsOthersCanReach()
{
#ifdef Q_OS_WIN
    QSKIP("Windows has no POSIX modes");
#endif
    const QString token = m_home.filePath(QStringLiteral("token"));
    QVERIFY(AppPaths::ensurePrivateFile(token).ok());
    QVERIFY(!AppPaths::isAccessibleByOthers(token));
    QVERIFY(!AppPaths::warnIfReadableByOthers(token));
    QVERIFY(!AppPaths::warnIfReadableByOthers(m_home.filePath(QStringLiteral("missing"))));
    QVERIFY(!AppPaths::isAccessibleByOthers(m_home.filePath(QStringLiteral("missing"))));

    QVERIFY(QFile::setPermissions(token, Mode0640));
    QVERIFY(AppPaths::isAccessibleByOthers(token));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("token can be read .*mode 0640")));
    QVERIFY(AppPaths::warnIfReadableByOthers(token));
}

void TestAppPaths::refusesEmptyPaths()
{
    QVERIFY(!AppPaths::ensurePrivateDir(QString()).ok());
    QVERIFY(!AppPaths::ensurePrivateFile(QString()).ok());
    QVERIFY(!AppPaths::warnIfReadableByOthers(QString()));
}

QTEST_GUILESS_MAIN(TestAppPaths)
#include "tst_apppaths.moc"
