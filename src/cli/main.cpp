#include "CommandLineOptions.h"
#include "DatabaseCopyCommand.h"
#include "HeadlessRunner.h"
#include "base/LantirVersion.h"
#include "dicom/DicomServer.h"
#include "memory/MemoryProbe.h"
#include "platform/SignalWatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

int main(int argc, char** argv)
{
    Lantir::Dicom::preferStandardDictionary(); // before any thread: it sets the environment
    Lantir::MemoryProbe::keepFreedMemoryForReuse(); // before any thread too
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Lantir"));
    QCoreApplication::setApplicationName(QStringLiteral("lantir-sync"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANTIR_VERSION));
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-dd hh:mm:ss} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                       "%{if-warning}warning%{endif}%{if-critical}error%{endif}%{if-fatal}fatal%{endif}"
                       " %{category}: %{message}"));

    Lantir::CommandLineOptions options;
    QString error;
    bool exitNow = false;
    if (!options.parse(QCoreApplication::arguments(), &error, &exitNow)) {
        QTextStream(stderr) << "lantir-sync: " << error << "\nTry 'lantir-sync --help'.\n";
        return Lantir::HeadlessRunner::UsageError;
    }
    if (exitNow)
        return Lantir::HeadlessRunner::Success;
    if (options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("lantir.*.debug=true"));
    if (options.copyDatabase())
        return Lantir::runDatabaseCopy(options.copyFrom, options.copyTo);

    Lantir::HeadlessRunner runner(options);
    if (const int status = runner.prepare(); status != Lantir::HeadlessRunner::Success)
        return status;
    Lantir::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &Lantir::SignalWatcher::stopRequested, &runner,
                     &Lantir::HeadlessRunner::stop);
    QObject::connect(
        &runner, &Lantir::HeadlessRunner::finished, &app, [](int code) { QCoreApplication::exit(code); },
        Qt::QueuedConnection);
    runner.start();
    return QCoreApplication::exec();
}
