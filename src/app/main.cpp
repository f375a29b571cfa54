// lantir: the desktop application. Parses the command line and hands over to DesktopApp.

#include "DesktopApp.h"
#include "DesktopOptions.h"
#include "Icons.h"
#include "LantirVersion.h"
#include "SingleInstance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Lantir"));
    QApplication::setApplicationName(QStringLiteral("Lantir"));
    QApplication::setApplicationDisplayName(QStringLiteral("Lantir"));
    QApplication::setApplicationVersion(QStringLiteral(LANTIR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("lantir"));
    QApplication::setWindowIcon(Lantir::Icons::application());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Keeps the DICOM Modality Worklist in step with REDCap and shows how it goes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       QApplication::translate("main", "Start in the notification area."));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QApplication::translate("main", "Use this Lantir or pylantir JSON config instead of "
                                                                    "the saved settings."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QApplication::translate("main", "Read the REDCap API token from FILE (with "
                                                                       "--config; default $REDCAP_API_TOKEN)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption database(QStringLiteral("db"),
                                      QApplication::translate("main", "Worklist database (SQLite), overriding the "
                                                                      "config."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption screenshotDir(QStringLiteral("screenshot-dir"),
                                           QApplication::translate("main", "After some cycles, save screenshots of "
                                                                           "each view to DIR, then quit."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption screenshotCycles(QStringLiteral("screenshot-after-cycles"),
                                              QApplication::translate("main", "Cycles to wait for before the "
                                                                              "screenshots (default 3)."),
                                              QStringLiteral("N"), QStringLiteral("3"));
    parser.addOptions({ minimized, config, tokenFile, database, screenshotDir, screenshotCycles });
    parser.process(app);

    Lantir::DesktopOptions options;
    options.minimized = parser.isSet(minimized);
    options.configFile = parser.value(config);
    options.tokenFile = parser.value(tokenFile);
    options.databasePath = parser.value(database);
    options.screenshotDir = parser.value(screenshotDir);
    options.screenshotCycles = parser.value(screenshotCycles).toInt();

    // A second launch shows the running instance instead (screenshot runs always start afresh).
    Lantir::SingleInstance instance(options.configFile.isEmpty() ? QString()
                                                                 : QFileInfo(options.configFile).absoluteFilePath());
    if (options.screenshotDir.isEmpty()) {
        if (instance.notifyRunning())
            return 0;
        instance.listen();
    }

    Lantir::DesktopApp desktop(options);
    QObject::connect(&instance, &Lantir::SingleInstance::activationRequested, &desktop,
                     &Lantir::DesktopApp::showMainWindow);
    if (Lantir::Result<void> started = desktop.start(); !started) {
        std::fprintf(stderr, "lantir: %s\n", qPrintable(started.error().message));
        return 2;
    }
    return app.exec();
}
