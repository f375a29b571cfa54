// lantir: the desktop application. Parses the command line and hands over to DesktopApp.

#include "DesktopApp.h"
#include "DesktopOptions.h"
#include "Icons.h"
#include "SingleInstance.h"
#include "base/LantirVersion.h"
#include "base/Logging.h"
#include "dicom/DicomServer.h"
#include "memory/MemoryProbe.h"
#include "platform/SignalWatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>
#include <memory>

namespace {

struct CommandLine
{
    QCommandLineOption minimized { QStringLiteral("minimized"),
                                   QCoreApplication::translate("main", "Start in the notification area.") };
    QCommandLineOption config { QStringLiteral("config"),
                                QCoreApplication::translate(
                                    "main",
                                    "Use this Lantir or pylantir JSON config instead of "
                                    "the saved settings."),
                                QStringLiteral("FILE") };
    QCommandLineOption settings { QStringLiteral("settings"),
                                  QCoreApplication::translate("main",
                                                              "Keep the settings in this INI file instead "
                                                              "of the user's."),
                                  QStringLiteral("FILE") };
    QCommandLineOption tokenFile { QStringLiteral("token-file"),
                                   QCoreApplication::translate("main",
                                                               "Read the REDCap API token from FILE (with "
                                                               "--config; default $REDCAP_API_TOKEN)."),
                                   QStringLiteral("FILE") };
    QCommandLineOption database { QStringLiteral("db"),
                                  QCoreApplication::translate("main",
                                                              "Worklist database (SQLite), overriding the "
                                                              "config."),
                                  QStringLiteral("PATH") };
    QCommandLineOption screenshotDir { QStringLiteral("screenshot-dir"),
                                       QCoreApplication::translate("main",
                                                                   "After some cycles, save screenshots of "
                                                                   "each view to DIR, then quit."),
                                       QStringLiteral("DIR") };
    QCommandLineOption screenshotCycles { QStringLiteral("screenshot-after-cycles"),
                                          QCoreApplication::translate("main",
                                                                      "Cycles to wait for before the "
                                                                      "screenshots (default 3)."),
                                          QStringLiteral("N"), QStringLiteral("3") };
    QCommandLineOption cycles { QStringLiteral("cycles"),
                                QCoreApplication::translate("main",
                                                            "Run N cycles one after another, then quit "
                                                            "(memory benchmark)."),
                                QStringLiteral("N") };
    QCommandLineOption full { QStringLiteral("full"),
                              QCoreApplication::translate("main",
                                                          "With --cycles: export every record each cycle.") };
    QCommandLineOption report { QStringLiteral("report"),
                                QCoreApplication::translate(
                                    "main",
                                    "With --cycles: write each cycle's report and the "
                                    "app's memory to FILE, one JSON line a cycle."),
                                QStringLiteral("FILE") };
    QCommandLineParser parser;

    CommandLine()
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "main", "Keeps the DICOM Modality Worklist in step with REDCap and shows how it goes."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({ minimized, settings, config, tokenFile, database, screenshotDir, screenshotCycles,
                            cycles, full, report });
    }

    Lantir::DesktopOptions options() const
    {
        Lantir::DesktopOptions o;
        o.minimized = parser.isSet(minimized);
        o.settingsFile = parser.value(settings);
        o.configFile = parser.value(config);
        o.tokenFile = parser.value(tokenFile);
        o.databasePath = parser.value(database);
        o.screenshotDir = parser.value(screenshotDir);
        o.screenshotCycles = parser.value(screenshotCycles).toInt();
        o.soakCycles = parser.value(cycles).toInt();
        o.soakFull = parser.isSet(full);
        o.reportFile = parser.value(report);
        return o;
    }
};

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Lantir"));
    QCoreApplication::setApplicationName(QStringLiteral("Lantir"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANTIR_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    Lantir::Dicom::preferStandardDictionary(); // before any thread: it sets the environment
    Lantir::MemoryProbe::keepFreedMemoryForReuse(); // before any thread too
    // --help, --version and bad options are answered without a display.
    {
        QCoreApplication console(argc, argv);
        describeApplication();
        CommandLine commandLine;
        commandLine.parser.process(console);
        if (commandLine.parser.isSet(commandLine.cycles) && commandLine.options().soakCycles <= 0) {
            std::fprintf(
                stderr, "lantir: %s\n",
                qPrintable(QCoreApplication::translate("main", "--cycles needs a whole number above 0.")));
            return 2;
        }
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Lantir"));
    QApplication::setDesktopFileName(QStringLiteral("lantir"));
    QApplication::setWindowIcon(Lantir::Icons::application());
    CommandLine commandLine;
    commandLine.parser.process(app);
    const Lantir::DesktopOptions options = commandLine.options();

    // A second launch shows the running instance instead (screenshot and --cycles runs always start
    // afresh).
    Lantir::SingleInstance instance(
        options.configFile.isEmpty() ? QString() : QFileInfo(options.configFile).absoluteFilePath());
    if (options.screenshotDir.isEmpty() && options.soakCycles <= 0) {
        if (instance.claim() == Lantir::SingleInstance::Role::Secondary)
            return 0;
    }

    Lantir::DesktopApp desktop(options);
    QObject::connect(&instance, &Lantir::SingleInstance::activationRequested, &desktop,
                     &Lantir::DesktopApp::showMainWindow);
    // SIGTERM (logout, systemd, kill) and Ctrl+C quit as the menu's Quit does: the running cycle
    // is stopped at a batch boundary and the sync thread ends before the process does.
    Lantir::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &Lantir::SignalWatcher::stopRequested, &desktop,
                     [&desktop](int signalNumber) {
                         qCInfo(lcSync) << "Stopping on signal" << signalNumber;
                         desktop.quit();
                     });
    if (Lantir::Result<void> started = desktop.start(); !started) {
        std::fprintf(stderr, "lantir: %s\n", qPrintable(started.error().message));
        return 2;
    }
    return app.exec();
}
