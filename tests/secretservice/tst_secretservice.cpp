#include "KeychainSecretStore.h"
#include "TestEnvironment.h"

#include <QSignalSpy>
#include <QTest>

using Lantir::Test::TestEnvironment;

using namespace Lantir;

// KeychainSecretStore against a real Secret Service (gnome-keyring-daemon on a private session
// bus). CTest runs it through dbus-run-session; see tests/CMakeLists.txt.
class TestSecretService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writeReadOverwriteDelete();
    void separateKeysDoNotMix();

private:
    // Waits for the store's answer; returns false (with the reason in *message) on failed().
    bool wait(KeychainSecretStore& store, const char* signal, QString* message = nullptr);
};

namespace {
const QString TokenA = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
const QString TokenB = QStringLiteral("FEDCBA9876543210FEDCBA9876543210");
const QString Service = QStringLiteral("LantirTest");
} // namespace

bool TestSecretService::wait(KeychainSecretStore& store, const char* signal, QString* message)
{
    QSignalSpy done(&store, signal);
    QSignalSpy failed(&store, &SecretStore::failed);
    if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); },
                         TestEnvironment::scaledMs(20000))) {
        if (message)
            *message = QStringLiteral("no answer from the keychain within 20 s");
        return false;
    }
    if (!failed.isEmpty()) {
        if (message)
            *message = failed.at(0).at(0).toString();
        return false;
    }
    return true;
}

void TestSecretService::initTestCase()
{
    QString tool;
    LANTIR_REQUIRE_TOOL(tool, QStringLiteral("dbus-run-session"));
    LANTIR_REQUIRE_TOOL(tool, QStringLiteral("gnome-keyring-daemon"));
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("No session bus: run this test through ctest, which starts dbus-run-session and "
              "gnome-keyring-daemon for it.");
    // Is the secret service really there and unlocked? One write answers that.
    KeychainSecretStore probe(Service, QStringLiteral("probe"));
    QSignalSpy failed(&probe, &SecretStore::failed);
    probe.writeToken(TokenA);
    QString message;
    if (!wait(probe, SIGNAL(tokenWritten()), &message)) {
        // CI installs and starts it (scripts/setup-deps.sh, tests/CMakeLists.txt): there, not a skip.
        if (TestEnvironment::isCi())
            QFAIL(qPrintable(QStringLiteral("The secret service did not come up: ") + message));
        QSKIP(qPrintable(QStringLiteral("The secret service did not come up: ") + message));
    }
    probe.deleteToken();
    QVERIFY2(wait(probe, SIGNAL(tokenDeleted()), &message), qPrintable(message));
}

void TestSecretService::writeReadOverwriteDelete()
{
    KeychainSecretStore store(Service, QStringLiteral("redcap-api-token"));
    QVERIFY(store.isPersistent());
    QString message;

    store.writeToken(TokenA);
    QVERIFY2(wait(store, SIGNAL(tokenWritten()), &message), qPrintable(message));
    {
        // A second store object (as after a restart) reads what the first wrote.
        KeychainSecretStore other(Service, QStringLiteral("redcap-api-token"));
        QSignalSpy read(&other, &SecretStore::tokenRead);
        other.readToken();
        QVERIFY2(wait(other, SIGNAL(tokenRead(QString)), &message), qPrintable(message));
        QCOMPARE(read.at(0).at(0).toString(), TokenA);
    }

    store.writeToken(TokenB);
    QVERIFY2(wait(store, SIGNAL(tokenWritten()), &message), qPrintable(message));
    QSignalSpy read(&store, &SecretStore::tokenRead);
    store.readToken();
    QVERIFY2(wait(store, SIGNAL(tokenRead(QString)), &message), qPrintable(message));
    QCOMPARE(read.last().at(0).toString(), TokenB);

    store.deleteToken();
    QVERIFY2(wait(store, SIGNAL(tokenDeleted()), &message), qPrintable(message));
    // Nothing stored any more: an empty token, not an error.
    store.readToken();
    QVERIFY2(wait(store, SIGNAL(tokenRead(QString)), &message), qPrintable(message));
    QVERIFY(read.last().at(0).toString().isEmpty());
    // Deleting what is not there is fine too.
    store.deleteToken();
    QVERIFY2(wait(store, SIGNAL(tokenDeleted()), &message), qPrintable(message));
}

void TestSecretService::separateKeysDoNotMix()
{
    KeychainSecretStore first(Service, QStringLiteral("first"));
    KeychainSecretStore second(Service, QStringLiteral("second"));
    QString message;
    first.writeToken(TokenA);
    QVERIFY2(wait(first, SIGNAL(tokenWritten()), &message), qPrintable(message));
    QSignalSpy read(&second, &SecretStore::tokenRead);
    second.readToken();
    QVERIFY2(wait(second, SIGNAL(tokenRead(QString)), &message), qPrintable(message));
    QVERIFY(read.at(0).at(0).toString().isEmpty());
    first.deleteToken();
    QVERIFY2(wait(first, SIGNAL(tokenDeleted()), &message), qPrintable(message));
}

QTEST_MAIN(TestSecretService)
#include "tst_secretservice.moc"
