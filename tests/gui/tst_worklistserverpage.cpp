// The settings dialog's Worklist server page: what it shows and saves of the dicom section, the
// AE title rules it applies at each field, and its Test button, a real C-ECHO to a real server.
#include "FieldMarks.h"
#include "FindChild.h"
#include "TestEnvironment.h"
#include "WorklistServerPage.h"
#include "dicom/DicomServer.h"
#include "store/WorklistStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::TestEnvironment;
using namespace Lantir;
using Lantir::Test::child;

class TestWorklistServerPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillsAndStoresTheDicomSection();
    void marksInvalidTitlesAndAddresses();
    void testButtonEchoesTheRunningServer();

private:
};

void TestWorklistServerPage::fillsAndStoresTheDicomSection()
{
    FieldMarks marks;
    WorklistServerPage page(&marks);
    SyncConfig config;
    config.dicom.enabled = true;
    config.dicom.aeTitle = QStringLiteral("MWL1");
    config.dicom.port = 11112;
    config.dicom.bindAddress = QStringLiteral("127.0.0.1");
    config.dicom.allowedCallingAets = { QStringLiteral("MRI1"), QStringLiteral("MRI2") };
    config.dicom.checkCalledAet = false;
    config.dicom.defaultStationAet = QStringLiteral("MRI1");
    config.dicom.maxAnswers = 77; // not on the page: kept as it is
    page.fill(config);
    QCOMPARE(child<QLineEdit>(page, "allowedEdit")->text(), QStringLiteral("MRI1, MRI2"));
    child<QLineEdit>(page, "allowedEdit")->setText(QStringLiteral(" MRI1 ,, MRI3 "));
    SyncConfig stored;
    page.store(stored);
    DicomConfig expected = config.dicom;
    expected.allowedCallingAets = { QStringLiteral("MRI1"), QStringLiteral("MRI3") };
    QCOMPARE(stored.dicom, expected);

    child<QCheckBox>(page, "enabledCheck")->setChecked(false);
    QVERIFY(!child<QLineEdit>(page, "aeTitleEdit")->isEnabled());
    page.store(stored);
    QVERIFY(!stored.dicom.enabled);
}

void TestWorklistServerPage::marksInvalidTitlesAndAddresses()
{
    FieldMarks marks;
    WorklistServerPage page(&marks);
    page.fill(SyncConfig());
    page.validate(SyncConfig());
    QCOMPARE(marks.count(), 0);
    for (const auto& [field, value] : { std::pair { "aeTitleEdit", QStringLiteral("A\\B") },
                                        std::pair { "aeTitleEdit", QStringLiteral("   ") },
                                        std::pair { "bindEdit", QStringLiteral("scanner-room") },
                                        std::pair { "allowedEdit", QStringLiteral("MRI1, BAD\\AE") },
                                        std::pair { "stationEdit", QStringLiteral("ST\\1") } }) {
        page.fill(SyncConfig());
        child<QLineEdit>(page, field)->setText(value);
        marks.clear();
        page.validate(SyncConfig());
        QVERIFY2(marks.isMarked(child<QLineEdit>(page, field)), field);
        QCOMPARE(marks.count(), 1);
    }
}

void TestWorklistServerPage::testButtonEchoesTheRunningServer()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("worklist.db"));
    {
        WorklistStore store;
        QVERIFY(store.open(db).ok());
    }
    DicomConfig server;
    server.enabled = true;
    server.port = 0;
    server.bindAddress = QStringLiteral("127.0.0.1");
    Dicom::DicomServer running;
    QVERIFY(running.start(server, db).ok());

    FieldMarks marks;
    WorklistServerPage page(&marks);
    SyncConfig config;
    config.dicom = server;
    config.dicom.port = running.port();
    page.fill(config);
    auto* result = child<QLabel>(page, "testResult");
    QTest::mouseClick(child<QPushButton>(page, "testButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("answered the C-ECHO")),
                             int(TestEnvironment::scaledMs(15000)));

    // A called AE title the server does not have: refused, and the page says what to check.
    child<QLineEdit>(page, "aeTitleEdit")->setText(QStringLiteral("SOMEONE"));
    QTest::mouseClick(child<QPushButton>(page, "testButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("refused the association")),
                             int(TestEnvironment::scaledMs(15000)));

    running.stop();
    child<QLineEdit>(page, "aeTitleEdit")->setText(server.aeTitle);
    QTest::mouseClick(child<QPushButton>(page, "testButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("No C-ECHO answer")),
                             int(TestEnvironment::scaledMs(15000)));
    page.stopTest();
}

QTEST_MAIN(TestWorklistServerPage)
#include "tst_worklistserverpage.moc"
