// The desktop app runs the built-in worklist server when its configuration enables it, and its
// status bar says where it listens, what it served and when it could not start.
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestEnvironment.h"

#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

class TestWorklistServerLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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

QTEST_MAIN(TestWorklistServerLine)
#include "tst_worklistserverline.moc"
