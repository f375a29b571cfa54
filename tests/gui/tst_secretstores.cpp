#include "KeychainSecretStore.h"
#include "SourceSecrets.h"
#include "TestEnvironment.h"
#include "config/SessionSecretStore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::TestEnvironment;

using namespace Lantir;

namespace {
const QString Token = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
}

// The session store and the keychain store on a machine without any secret service.
class TestSecretStores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sessionStoreRoundTrip();
    void sessionStoreAnswersAfterTheCallReturns();
    void sessionStoreSimulatedFailure();
    void keychainWithoutSecretServiceFailsCleanly();
    void keychainSessionOnlyWorksWithoutSecretService();
    void sourceTokensWithoutSecretServiceFallBackToTheSession();
    void sourceTokensAreKeptPerSourceAndMoveWithTheLegacyOne();
    void databasePasswordWithoutSecretServiceSaysSoAndFallsBackToTheSession();

private:
    QTemporaryDir m_dir;
};

void TestSecretStores::initTestCase()
{
    // No session bus at all: QtKeychain's Secret Service backend cannot reach anything, whatever
    // the machine running the test has (a developer's real keychain must not be touched).
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
    qunsetenv("XDG_CURRENT_DESKTOP");
    qunsetenv("KDE_FULL_SESSION");
}

void TestSecretStores::sessionStoreRoundTrip()
{
    SessionSecretStore store;
    QVERIFY(!store.isPersistent());
    QSignalSpy read(&store, &SecretStore::tokenRead);
    QSignalSpy written(&store, &SecretStore::tokenWritten);
    QSignalSpy deleted(&store, &SecretStore::tokenDeleted);
    QSignalSpy failed(&store, &SecretStore::failed);

    store.readToken();
    QTRY_COMPARE(read.count(), 1);
    QVERIFY(read.at(0).at(0).toString().isEmpty());

    store.writeToken(Token);
    QTRY_COMPARE(written.count(), 1);
    QCOMPARE(store.token(), Token);
    store.readToken();
    QTRY_COMPARE(read.count(), 2);
    QCOMPARE(read.at(1).at(0).toString(), Token);

    store.deleteToken();
    QTRY_COMPARE(deleted.count(), 1);
    store.readToken();
    QTRY_COMPARE(read.count(), 3);
    QVERIFY(read.at(2).at(0).toString().isEmpty());
    QCOMPARE(failed.count(), 0);
}

void TestSecretStores::sessionStoreAnswersAfterTheCallReturns()
{
    // Like QtKeychain: a caller may connect after asking and still get the answer.
    SessionSecretStore store;
    store.readToken();
    QSignalSpy read(&store, &SecretStore::tokenRead);
    QTRY_COMPARE(read.count(), 1);
}

void TestSecretStores::sessionStoreSimulatedFailure()
{
    SessionSecretStore store;
    store.setFailure(QStringLiteral("no keychain here"), true);
    QSignalSpy failed(&store, &SecretStore::failed);
    QSignalSpy written(&store, &SecretStore::tokenWritten);
    store.writeToken(Token);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("no keychain here"));
    QCOMPARE(failed.at(0).at(1).toBool(), true);
    QCOMPARE(written.count(), 0);
    QVERIFY(store.token().isEmpty());

    store.setFailure(QString());
    store.writeToken(Token);
    QTRY_COMPARE(written.count(), 1);
}

void TestSecretStores::keychainWithoutSecretServiceFailsCleanly()
{
    KeychainSecretStore store(QStringLiteral("LantirTest"), QStringLiteral("no-service"));
    QVERIFY(store.isPersistent());
    QSignalSpy failed(&store, &SecretStore::failed);
    QSignalSpy written(&store, &SecretStore::tokenWritten);
    QSignalSpy read(&store, &SecretStore::tokenRead);

    QElapsedTimer timer;
    timer.start();
    store.writeToken(Token);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, TestEnvironment::scaledMs(10000));
    QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(10000),
             "a missing keychain must be reported quickly");
    QCOMPARE(failed.at(0).at(1).toBool(), true); // keychainUnavailable
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("keychain")), qPrintable(message));
    QVERIFY2(!message.contains(Token), "the token must never appear in a message");
    QCOMPARE(written.count(), 0);

    store.readToken();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, TestEnvironment::scaledMs(10000));
    QCOMPARE(failed.at(1).at(1).toBool(), true);
    QCOMPARE(read.count(), 0);
}

void TestSecretStores::keychainSessionOnlyWorksWithoutSecretService()
{
    KeychainSecretStore store(QStringLiteral("LantirTest"), QStringLiteral("no-service"));
    store.setSessionOnly(true);
    QVERIFY(!store.isPersistent());
    QSignalSpy failed(&store, &SecretStore::failed);
    QSignalSpy written(&store, &SecretStore::tokenWritten);
    QSignalSpy read(&store, &SecretStore::tokenRead);
    store.writeToken(Token);
    QTRY_COMPARE(written.count(), 1);
    store.readToken();
    QTRY_COMPARE(read.count(), 1);
    QCOMPARE(read.at(0).at(0).toString(), Token);
    QCOMPARE(failed.count(), 0);

    // Back to the keychain, which still is not there.
    store.setSessionOnly(false);
    QVERIFY(store.isPersistent());
    store.readToken();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, TestEnvironment::scaledMs(10000));
}

void TestSecretStores::sourceTokensWithoutSecretServiceFallBackToTheSession()
{
    // One keychain entry per source, each a KeychainSecretStore of its own key.
    SourceSecrets secrets(
        [](const QString& key) { return new KeychainSecretStore(QStringLiteral("LantirTest"), key); });
    QCOMPARE(SourceSecrets::keyFor(QStringLiteral("Annex")), QStringLiteral("redcap-api-token/Annex"));
    auto* annex = qobject_cast<KeychainSecretStore*>(
        secrets.storeForKey(SourceSecrets::keyFor(QStringLiteral("Annex"))));
    QVERIFY(annex);
    QCOMPARE(annex->key(), QStringLiteral("redcap-api-token/Annex"));

    QSignalSpy read(&secrets, &SourceSecrets::tokensRead);
    QSignalSpy saved(&secrets, &SourceSecrets::tokensSaved);
    const int first = secrets.readTokens({ QStringLiteral("Main"), QStringLiteral("Annex") });
    QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, TestEnvironment::scaledMs(20000));
    QCOMPARE(read.at(0).at(0).toInt(), first);
    QVERIFY(!read.at(0).at(2).toString().isEmpty()); // why: no keychain
    QCOMPARE(read.at(0).at(3).toBool(), true); // unavailable: the session-only choice applies

    // This session only: every source's token in memory, each under its own name.
    secrets.setSessionOnly(true);
    QVERIFY(!secrets.isPersistent());
    secrets.saveTokens({ { QStringLiteral("Main"), Token },
                         { QStringLiteral("Annex"), QStringLiteral("FEDCBA9876543210FEDCBA9876543210") } });
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(saved.at(0).at(1).toString(), QString());
    secrets.readTokens({ QStringLiteral("Main"), QStringLiteral("Annex"), QStringLiteral("Other") });
    QTRY_COMPARE(read.count(), 2);
    const SourceTokens tokens = read.at(1).at(1).value<SourceTokens>();
    QCOMPARE(tokens.value(QStringLiteral("Main")), Token);
    QCOMPARE(tokens.value(QStringLiteral("Annex")), QStringLiteral("FEDCBA9876543210FEDCBA9876543210"));
    QCOMPARE(tokens.value(QStringLiteral("Other"), QStringLiteral("missing")), QString());
    QCOMPARE(read.at(1).at(2).toString(), QString());
}

void TestSecretStores::databasePasswordWithoutSecretServiceSaysSoAndFallsBackToTheSession()
{
    // The platform keychain, as the desktop app makes it (no secret service here).
    SourceSecrets secrets;
    auto* store
        = qobject_cast<KeychainSecretStore*>(secrets.storeForKey(SourceSecrets::databasePasswordKey()));
    QVERIFY(store);
    QCOMPARE(store->service(), QStringLiteral("Lantir"));
    QCOMPARE(store->key(), QStringLiteral("postgresql-password"));

    QSignalSpy read(&secrets, &SourceSecrets::tokensRead);
    QSignalSpy saved(&secrets, &SourceSecrets::tokensSaved);
    const int request = secrets.readDatabasePassword();
    QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, TestEnvironment::scaledMs(20000));
    QCOMPARE(read.at(0).at(0).toInt(), request);
    const QString why = read.at(0).at(2).toString();
    QVERIFY2(why.startsWith(QStringLiteral("No keychain is available to read the database password from")),
             qPrintable(why));
    QVERIFY(!why.contains(QStringLiteral("API token")));
    QCOMPARE(read.at(0).at(3).toBool(), true); // unavailable: the session-only choice applies

    // This session only: the password in memory, apart from every token.
    secrets.setSessionOnly(true);
    secrets.saveDatabasePassword(QStringLiteral("pg-secret"));
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(saved.at(0).at(1).toString(), QString());
    secrets.readDatabasePassword();
    secrets.readTokens({ QStringLiteral("REDCap") });
    QTRY_COMPARE(read.count(), 3);
    QCOMPARE(read.at(1).at(1).value<SourceTokens>().value(SourceSecrets::databasePasswordKey()),
             QStringLiteral("pg-secret"));
    QCOMPARE(read.at(2).at(1).value<SourceTokens>().value(QStringLiteral("REDCap")), QString());

    // An empty password deletes the entry.
    secrets.saveDatabasePassword(QString());
    QTRY_COMPARE(saved.count(), 2);
    secrets.readDatabasePassword();
    QTRY_COMPARE(read.count(), 4);
    QCOMPARE(read.at(3).at(1).value<SourceTokens>().value(SourceSecrets::databasePasswordKey()), QString());
}

void TestSecretStores::sourceTokensAreKeptPerSourceAndMoveWithTheLegacyOne()
{
    SourceSecrets secrets([](const QString&) { return new SessionSecretStore(); });
    const auto store = [&secrets](const QString& key) {
        return static_cast<SessionSecretStore*>(secrets.storeForKey(key));
    };
    store(SourceSecrets::legacyKey())->writeToken(Token);
    QSignalSpy saved(&secrets, &SourceSecrets::tokensSaved);
    // The one token of an older Lantir goes to the source its settings moved to.
    secrets.adoptLegacyToken(QStringLiteral("main_redcap"));
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(store(SourceSecrets::keyFor(QStringLiteral("main_redcap")))->token(), Token);
    QCOMPARE(store(SourceSecrets::legacyKey())->token(), QString());
    // Nothing left to adopt: nothing changes.
    secrets.adoptLegacyToken(QStringLiteral("other"));
    QTRY_COMPARE(saved.count(), 2);
    QCOMPARE(store(SourceSecrets::keyFor(QStringLiteral("other")))->token(), QString());

    // A rename writes the new entry and deletes the old; an empty token deletes.
    secrets.saveTokens({ { QStringLiteral("Hospital"), Token } }, { QStringLiteral("main_redcap") });
    QTRY_COMPARE(saved.count(), 3);
    QCOMPARE(store(SourceSecrets::keyFor(QStringLiteral("Hospital")))->token(), Token);
    QCOMPARE(store(SourceSecrets::keyFor(QStringLiteral("main_redcap")))->token(), QString());
    secrets.saveTokens({ { QStringLiteral("Hospital"), QString() } });
    QTRY_COMPARE(saved.count(), 4);
    QCOMPARE(store(SourceSecrets::keyFor(QStringLiteral("Hospital")))->token(), QString());
}

QTEST_MAIN(TestSecretStores)
#include "tst_secretstores.moc"
