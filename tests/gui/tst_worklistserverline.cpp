// The desktop app runs the built-in worklist server when its configuration enables it, and its
// status bar says where it listens, what it served and when it could not start.
#include "DesktopApp.h"
#include "DicomTestClient.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestEnvironment.h"
#include "WorklistTableModel.h"
#include "store/WorklistStore.h"

#include <QLabel>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

class TestWorklistServerLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mppsShowsInTheWorklistView();
    void statusLineFollowsTheServer()
    {
        QTemporaryDir dir;
        auto app = makeDesktopApp(dir.filePath(QStringLiteral("lantir.ini")));
        QVERIFY(startDesktopApp(*app));
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();

        SyncConfig config;
        config.databasePath = dir.filePath(QStringLiteral("worklist.db"));
        config.dicom.enabled = true;
        config.dicom.port = port;
        config.dicom.aeTitle = QStringLiteral("DESKMWL");
        app->applyConfig(config, QString());
        auto* line = app->mainWindow()->findChild<QLabel*>(QStringLiteral("worklistServerLine"));
        QVERIFY(line);
        QVERIFY2(line->text().contains(QLatin1String("as DESKMWL")), qPrintable(line->text()));
        QVERIFY(line->text().contains(QString::number(port)));

        const QString echoscu = QStandardPaths::findExecutable(QStringLiteral("echoscu"));
        if (!echoscu.isEmpty()) {
            QProcess echo;
            echo.start(echoscu,
                       { QStringLiteral("-aec"), QStringLiteral("DESKMWL"), QStringLiteral("127.0.0.1"),
                         QString::number(port) });
            QVERIFY(echo.waitForFinished(int(TestEnvironment::scaledMs(10000))));
            QCOMPARE(echo.exitCode(), 0);
            QTRY_VERIFY_WITH_TIMEOUT(line->text().contains(QLatin1String("associations today: 1")),
                                     int(TestEnvironment::scaledMs(5000)));
        } else if (qgetenv("CI") == "true") {
            QFAIL("echoscu is not installed (apt-get install dcmtk)");
        }

        // A port another program holds: the line says the server is not running.
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::Any, 0));
        config.dicom.port = holder.serverPort();
        app->applyConfig(config, QString());
        QVERIFY2(line->text().contains(QLatin1String("not running")), qPrintable(line->text()));
        QVERIFY(line->text().contains(QLatin1String("in use")));

        config.dicom.enabled = false;
        app->applyConfig(config, QString());
        QVERIFY(line->isHidden());
    }
};

namespace {
// Whether any cell of the worklist view says the step is in progress.
bool showsInProgress(const QAbstractItemModel* model)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->index(row, column)
                    .data()
                    .toString()
                    .contains(QLatin1String("PROGRESS"), Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}
} // namespace

// A scanner starts a step (MPPS N-CREATE): the row's new status shows in the worklist view
// without a sync and without the user reloading.
void TestWorklistServerLine::mppsShowsInTheWorklistView()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("worklist.db"));
    {
        WorklistStore store;
        QVERIFY(store.open(db).ok());
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO worklist_items (patient_name, patient_id, modality, scheduled_start_date, "
            "scheduled_start_time, performed_procedure_step_status, study_instance_uid) VALUES "
            "('A^B', 'sub_01', 'MR', '2026-12-02', '10:30', 'SCHEDULED', '2.25.4242')")));
    }
    auto app = makeDesktopApp(dir.filePath(QStringLiteral("lantir.ini")));
    QVERIFY(startDesktopApp(*app));
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    SyncConfig config;
    config.databasePath = db;
    config.dicom.enabled = true;
    config.dicom.port = port;
    app->applyConfig(config, QString());
    MainWindow* window = app->mainWindow();
    window->show();
    window->findChild<QTabWidget*>(QStringLiteral("tabWidget"))->setCurrentIndex(MainWindow::WorklistTab);
    QTRY_COMPARE_WITH_TIMEOUT(window->worklistModel()->rowCount(), 1, int(TestEnvironment::scaledMs(10000)));
    QVERIFY(!showsInProgress(window->worklistModel()));

    DicomTestClient scanner(port);
    QString why;
    QVERIFY2(scanner.connect(&why), qPrintable(why));
    auto created
        = mppsInProgress(QStringLiteral("2.25.4242"), QString(), QString(), QStringLiteral("sub_01"));
    QCOMPARE(scanner.nCreate(QStringLiteral("1.2.826.0.1.3680043.10.1.77"), *created), 0x0000);
    scanner.release();
    QTRY_VERIFY_WITH_TIMEOUT(showsInProgress(window->worklistModel()), int(TestEnvironment::scaledMs(10000)));
}

QTEST_MAIN(TestWorklistServerLine)
#include "tst_worklistserverline.moc"
