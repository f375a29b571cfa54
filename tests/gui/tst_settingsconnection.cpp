#include "AppSettings.h"
#include "FindChild.h"
#include "RedcapSimulator.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"
#include "TestEnvironment.h"
#include "Translator.h"
#include "config/SessionSecretStore.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using Lantir::Test::TestEnvironment;

using namespace Lantir;
using Lantir::Test::child;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;

// The settings dialog's Test connection button against the REDCap simulator (real HTTP on
// 127.0.0.1, in a thread of its own so that it answers while the dialog waits).
class TestSettingsConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void reportsVersionAndFieldCount();
    void reportsFieldsMissingFromTheProject();
    void reportsAWrongToken();
    void failureHeadlineIsTranslated();
    void reportsAServerError();
    void showsAServersHtmlAsText();
    void doesNotFreezeTheDialog();
    void stopButtonCancels();
    void closingTheDialogStopsTheTest();
    void invalidInputIsNotSent();

private:
    void fill(SettingsDialog& dialog, const QString& token);

    QThread m_simThread;
    RedcapSimulator* m_sim = nullptr;
    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<SourceSecrets> m_secrets;
    // The session store behind the default source's keychain entry.
    SessionSecretStore* tokenStore(const QString& source = SourceConfig().name)
    {
        return static_cast<SessionSecretStore*>(m_secrets->storeForKey(SourceSecrets::keyFor(source)));
    }
};

void TestSettingsConnection::initTestCase()
{
    m_sim = new RedcapSimulator;
    m_sim->moveToThread(&m_simThread);
    connect(&m_simThread, &QThread::finished, m_sim, &QObject::deleteLater);
    m_simThread.start();
    QVERIFY2(m_sim->listen(), qPrintable(m_sim->errorString()));
    SimulatorProject project;
    project.records = 5;
    m_sim->generate(project);
}

void TestSettingsConnection::init()
{
    m_sim->clearFaults();
    m_sim->resetRequestLog();
    m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
    m_secrets = std::make_unique<SourceSecrets>([](const QString&) { return new SessionSecretStore(); });
}

void TestSettingsConnection::cleanup()
{
    m_secrets.reset();
    m_settings.reset();
}

void TestSettingsConnection::cleanupTestCase()
{
    m_sim->close();
    m_simThread.quit();
    QVERIFY(m_simThread.wait(TestEnvironment::scaledMs(10000)));
}

void TestSettingsConnection::fill(SettingsDialog& dialog, const QString& token)
{
    QTRY_VERIFY(!dialog.isBusy());
    child<QLineEdit>(dialog, "apiUrlEdit")->setText(m_sim->apiUrl().toString());
    child<QLineEdit>(dialog, "tokenEdit")->setText(token);
    child<QLineEdit>(dialog, "databaseEdit")->setText(m_dir.filePath(QStringLiteral("worklist.db")));
}

void TestSettingsConnection::reportsVersionAndFieldCount()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, RedcapSimulator::defaultToken());
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TestEnvironment::scaledMs(20000));
    const auto result = finished.at(0).at(0).value<ConnectionTestResult>();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.version, QString::fromLatin1(RedcapSimulator::redcapVersion));
    QVERIFY(result.fieldNames.contains(QStringLiteral("mri_date")));
    QVERIFY2(result.missingFields.isEmpty(), qPrintable(result.missingFields.join(QLatin1Char(','))));
    const QString text = child<QLabel>(dialog, "testResultLabel")->text();
    QCOMPARE(text,
             QStringLiteral("Connected to REDCap %1; fields in the project: %2.")
                 .arg(QString::fromLatin1(RedcapSimulator::redcapVersion))
                 .arg(result.fieldNames.size()));
    QCOMPARE(m_sim->requestCount(QStringLiteral("version")), 1);
    QCOMPARE(m_sim->requestCount(QStringLiteral("metadata")), 1);
    // A test saves nothing.
    QVERIFY(tokenStore()->token().isEmpty());
}

void TestSettingsConnection::reportsFieldsMissingFromTheProject()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, RedcapSimulator::defaultToken());
    child<QPushButton>(dialog, "addMappingButton")->click();
    auto* mapping = child<QTableWidget>(dialog, "mappingTable");
    mapping->item(0, 0)->setText(QStringLiteral("scanner_notes"));
    mapping->item(0, 1)->setText(QStringLiteral("procedure_description"));
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TestEnvironment::scaledMs(20000));
    const auto result = finished.at(0).at(0).value<ConnectionTestResult>();
    QVERIFY(result.ok());
    QCOMPARE(result.missingFields, QStringList { QStringLiteral("scanner_notes") });
    QVERIFY(child<QLabel>(dialog, "testResultLabel")->text().contains(QStringLiteral("scanner_notes")));
}

void TestSettingsConnection::reportsAWrongToken()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, QStringLiteral("FEDCBA9876543210FEDCBA9876543210"));
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TestEnvironment::scaledMs(20000));
    const auto result = finished.at(0).at(0).value<ConnectionTestResult>();
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, Error::Kind::Auth);
    const QString text = child<QLabel>(dialog, "testResultLabel")->text();
    QVERIFY2(text.startsWith(QStringLiteral("Connection failed: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("token")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("FEDCBA9876543210FEDCBA9876543210")));
    QCOMPARE(m_sim->requestCount(QStringLiteral("metadata")), 0); // stopped at the first answer
    QCOMPARE(child<QPushButton>(dialog, "testConnectionButton")->text(), QStringLiteral("Test &connection"));
}

void TestSettingsConnection::failureHeadlineIsTranslated()
{
    // The headline is the dialog's, in the user's language; the detail is the client's as it is.
    Translator translator;
    QVERIFY(translator.setLanguage(QStringLiteral("fr")));
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, QStringLiteral("FEDCBA9876543210FEDCBA9876543210"));
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TestEnvironment::scaledMs(20000));
    const auto result = finished.at(0).at(0).value<ConnectionTestResult>();
    QVERIFY(!result.ok());
    QCOMPARE(child<QLabel>(dialog, "testResultLabel")->text(),
             QStringLiteral("Échec de la connexion\u00a0: ") + result.error.message);
}

void TestSettingsConnection::reportsAServerError()
{
    m_sim->injectFault(RedcapSimulator::Fault::Status, 1, QStringLiteral("metadata"), 500);
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, RedcapSimulator::defaultToken());
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TestEnvironment::scaledMs(20000));
    const auto result = finished.at(0).at(0).value<ConnectionTestResult>();
    QVERIFY(!result.ok());
    QVERIFY(child<QLabel>(dialog, "testResultLabel")->text().contains(QStringLiteral("500")));
    QCOMPARE(m_sim->requestCount(QStringLiteral("metadata")), 1); // one try only: the first problem as it is
}

void TestSettingsConnection::showsAServersHtmlAsText()
{
    // A server on 127.0.0.1 whose every answer is an error message with markup in it.
    const QByteArray message = R"(<b>Locked</b> <img src="http://127.0.0.1:9/x.png">)";
    const QByteArray body = R"({"error":")" + QByteArray(message).replace('"', "\\\"") + R"("})";
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server, body] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket, body] {
                const QByteArray request = socket->peek(1 << 20);
                const qsizetype headerEnd = request.indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                const QByteArray lower = request.left(headerEnd).toLower();
                const qsizetype at = lower.indexOf("content-length:");
                const int length
                    = at < 0 ? 0 : lower.mid(at + 15, lower.indexOf('\r', at) - at - 15).trimmed().toInt();
                if (request.size() < headerEnd + 4 + length)
                    return;
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                              "Content-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, RedcapSimulator::defaultToken());
    child<QLineEdit>(dialog, "apiUrlEdit")
        ->setText(QStringLiteral("http://127.0.0.1:%1/redcap/api/").arg(server.serverPort()));
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    auto* label = child<QLabel>(dialog, "testResultLabel");
    // The server's words as they are: the tags are shown, not followed (no image is fetched).
    QVERIFY2(label->text().contains(QString::fromUtf8(message)), qPrintable(label->text()));
    QCOMPARE(label->textFormat(), Qt::PlainText);
    for (const QLabel* other : dialog.findChildren<QLabel*>()) {
        if (other->objectName() != QLatin1String("statusLabel")) // rich text, every part escaped
            QVERIFY2(other->textFormat() == Qt::PlainText, qPrintable(other->objectName()));
    }
}

void TestSettingsConnection::doesNotFreezeTheDialog()
{
    m_sim->injectFault(RedcapSimulator::Fault::Delay, 1, QStringLiteral("version"), 1500);
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, RedcapSimulator::defaultToken());
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    QElapsedTimer clock;
    clock.start();
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QVERIFY2(clock.elapsed() < TestEnvironment::scaledMs(500), "the click must return at once");
    QVERIFY(dialog.isTestingConnection());
    QCOMPARE(child<QPushButton>(dialog, "testConnectionButton")->text(), QStringLiteral("Stop &test"));
    QVERIFY(child<QLabel>(dialog, "testResultLabel")
                ->text()
                .startsWith(QStringLiteral("Connecting to 127.0.0.1")));
    // The event loop keeps running while REDCap takes its time.
    bool ticked = false;
    QTimer::singleShot(50, this, [&ticked] { ticked = true; });
    QTRY_VERIFY_WITH_TIMEOUT(ticked, TestEnvironment::scaledMs(1000));
    QVERIFY(dialog.isTestingConnection());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TestEnvironment::scaledMs(20000));
    QVERIFY(finished.at(0).at(0).value<ConnectionTestResult>().ok());
}

void TestSettingsConnection::stopButtonCancels()
{
    m_sim->injectFault(RedcapSimulator::Fault::Delay, 1, QStringLiteral("version"), 10000);
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, RedcapSimulator::defaultToken());
    QSignalSpy finished(&dialog, &SettingsDialog::connectionTestFinished);
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QTRY_COMPARE(m_sim->requestCount(QStringLiteral("version")), 1);
    QElapsedTimer clock;
    clock.start();
    child<QPushButton>(dialog, "testConnectionButton")->click(); // "Stop test"
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TestEnvironment::scaledMs(5000));
    QVERIFY(clock.elapsed() < TestEnvironment::scaledMs(5000));
    QCOMPARE(finished.at(0).at(0).value<ConnectionTestResult>().error.kind, Error::Kind::Cancelled);
    QCOMPARE(child<QLabel>(dialog, "testResultLabel")->text(), QStringLiteral("Connection test stopped."));
}

void TestSettingsConnection::closingTheDialogStopsTheTest()
{
    m_sim->injectFault(RedcapSimulator::Fault::Delay, 1, QStringLiteral("version"), 10000);
    auto dialog = std::make_unique<SettingsDialog>(m_settings.get(), m_secrets.get());
    fill(*dialog, RedcapSimulator::defaultToken());
    dialog->show();
    child<QPushButton>(*dialog, "testConnectionButton")->click();
    QTRY_COMPARE(m_sim->requestCount(QStringLiteral("version")), 1);
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(child<QDialogButtonBox>(*dialog, "buttonBox")->button(QDialogButtonBox::Cancel),
                      Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QVERIFY(!dialog->isTestingConnection());
    dialog.reset(); // and destroying it right away is safe
    QVERIFY2(clock.elapsed() < TestEnvironment::scaledMs(3000), "closing must not wait for REDCap");
}

void TestSettingsConnection::invalidInputIsNotSent()
{
    SettingsDialog dialog(m_settings.get(), m_secrets.get());
    fill(dialog, QStringLiteral("not-a-token"));
    child<QPushButton>(dialog, "testConnectionButton")->click();
    QVERIFY(!dialog.isTestingConnection());
    QVERIFY(child<QLabel>(dialog, "testResultLabel")
                ->text()
                .contains(QStringLiteral("fix the API URL and token")));
    // A request that must not come has no event to wait on: give it a moment to show up.
    QTest::qWait(100);
    QCOMPARE(m_sim->requestCount(), 0);
}

QTEST_MAIN(TestSettingsConnection)
#include "tst_settingsconnection.moc"
