#include "KeychainSecretStore.h"
#include "SimulatorThread.h"
#include "SqlProbe.h"
#include "TestEnvironment.h"
#include "config/SourceConfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <tuple>
#include <vector>

using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;
using Lantir::Test::SqlProbe;
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
    void lantirSyncReadsEachSourcesTokenFromTheKeychain();

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

// The desktop app keeps each source's token in the keychain; lantir-sync, given no token file or
// variable, reads them there: two projects, each accepting only its own token, both sync.
void TestSecretService::lantirSyncReadsEachSourcesTokenFromTheKeychain()
{
    SimulatorThread a(SimulatorProject { 5, 2, 31, false });
    SimulatorThread b(SimulatorProject { 4, 1, 32, false });
    QVERIFY(a.isListening() && b.isListening());
    a->setToken(TokenA);
    b->setToken(TokenB);
    QString message;
    std::vector<std::unique_ptr<KeychainSecretStore>> stores;
    QJsonArray sources;
    for (const auto& [name, token, simulator] :
         { std::tuple { QStringLiteral("study_a"), TokenA, a.get() },
           std::tuple { QStringLiteral("study_b"), TokenB, b.get() } }) {
        SourceConfig source;
        source.name = name;
        stores.push_back(std::make_unique<KeychainSecretStore>(
            QString::fromLatin1(SourceConfig::KeychainService), source.keychainKey()));
        stores.back()->writeToken(token);
        QVERIFY2(wait(*stores.back(), SIGNAL(tokenWritten()), &message), qPrintable(message));
        sources.append(QJsonObject { { QStringLiteral("name"), name },
                                     { QStringLiteral("api_url"), simulator->apiUrl().toString() } });
    }
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("worklist.db"));
    const QString config = dir.filePath(QStringLiteral("lantir.json"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("version"), 2 },
                                           { QStringLiteral("sources"), sources },
                                           { QStringLiteral("database"),
                                             QJsonObject { { QStringLiteral("path"), db } } } })
                   .toJson());
    file.close();

    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& variable : env.keys()) {
        if (variable.startsWith(QLatin1String("REDCAP_API_TOKEN")))
            env.remove(variable);
    }
    process.setProcessEnvironment(env);
    process.start(TestEnvironment::lantirSyncBinary(),
                  { QStringLiteral("--config"), config, QStringLiteral("--once") });
    QVERIFY(process.waitForFinished(int(TestEnvironment::scaledMs(60000))));
    const QString output = QString::fromUtf8(process.readAll());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("read from the keychain")), qPrintable(output));
    QCOMPARE(SqlProbe::scalar(
                 db, QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE data_source = 'study_a'"))
                 .toInt(),
             10);
    QCOMPARE(SqlProbe::scalar(
                 db, QStringLiteral("SELECT COUNT(*) FROM worklist_items WHERE data_source = 'study_b'"))
                 .toInt(),
             4);
    for (const auto& store : stores) {
        store->deleteToken();
        QVERIFY2(wait(*store, SIGNAL(tokenDeleted()), &message), qPrintable(message));
    }
}

QTEST_MAIN(TestSecretService)
#include "tst_secretservice.moc"
