#include "CommandLineOptions.h"

#include "base/LantirVersion.h"
#include "config/AppPaths.h"
#include "config/DicomSectionParser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace Lantir {

namespace {
bool parsePositive(const QString& text, int* value)
{
    bool ok = false;
    const int parsed = text.toInt(&ok);
    if (!ok || parsed < 1)
        return false;
    *value = parsed;
    return true;
}
const QCommandLineOption DicomPortOpt(QStringLiteral("dicom-port"),
                                      QStringLiteral("Serve the DICOM worklist and MPPS on port N (turns the "
                                                     "server on, whatever the config says)."),
                                      QStringLiteral("N"));
const QCommandLineOption DicomAetOpt(QStringLiteral("dicom-aet"),
                                     QStringLiteral("AE title of the worklist server (default LANTIR)."),
                                     QStringLiteral("TITLE"));
const QCommandLineOption CopyDatabaseOpt(
    QStringLiteral("copy-database"),
    QStringLiteral("Copy the worklist database FROM into the empty database TO, the next argument, and exit "
                   "(lantir-sync --copy-database FROM TO). Each is a SQLite file or "
                   "postgresql://user@host:port/database?sslmode=MODE&sslrootcert=FILE; the password "
                   "comes from ~/.pgpass or PGPASSWORD."),
    QStringLiteral("FROM"));
const QCommandLineOption NoSyncOpt(QStringLiteral("no-sync"),
                                   QStringLiteral("Serve the worklist without syncing from REDCap."));
} // namespace

bool CommandLineOptions::readDicomOptions(const QCommandLineParser& parser, QString* error)
{
    noSync = parser.isSet(NoSyncOpt);
    dicomAet = parser.value(DicomAetOpt).trimmed();
    if (parser.isSet(DicomPortOpt)
        && (!parsePositive(parser.value(DicomPortOpt), &dicomPort) || dicomPort > 65535)) {
        *error = QStringLiteral("--dicom-port takes a port number from 1 to 65535, not '%1'.")
                     .arg(parser.value(DicomPortOpt));
        return false;
    }
    if (parser.isSet(DicomAetOpt) && !DicomSectionParser::aeTitleProblem(dicomAet).isEmpty()) {
        *error = QStringLiteral("--dicom-aet '%1' %2.")
                     .arg(dicomAet, DicomSectionParser::aeTitleProblem(dicomAet));
        return false;
    }
    return true;
}

// --copy-database FROM TO: TO is the one positional argument, and no option of a sync goes with it.
bool CommandLineOptions::readCopyOptions(const QCommandLineParser& parser, QString* error)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || parser.value(CopyDatabaseOpt).isEmpty()
        || positional.constFirst().isEmpty()) {
        *error = QStringLiteral("--copy-database takes two databases: --copy-database FROM TO.");
        return false;
    }
    for (const QString& name : parser.optionNames()) {
        if (name != CopyDatabaseOpt.names().constFirst() && name != QLatin1String("v")
            && name != QLatin1String("verbose")) {
            *error = QStringLiteral("--copy-database goes with no other option than --verbose, not --%1.")
                         .arg(name);
            return false;
        }
    }
    copyFrom = parser.value(CopyDatabaseOpt);
    copyTo = positional.constFirst();
    verbose = parser.isSet(QStringLiteral("verbose"));
    return true;
}

bool CommandLineOptions::parse(const QStringList& arguments, QString* error, bool* exitNow)
{
    *exitNow = false;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Keeps a DICOM Modality Worklist database in step with a REDCap project.\n"
                       "Exit status: 0 success, 1 a cycle or a copy failed, 2 bad usage or configuration "
                       "(or a copy refused)."));
    const QCommandLineOption helpOpt({ QStringLiteral("h"), QStringLiteral("help") },
                                     QStringLiteral("Show this help."));
    const QCommandLineOption versionOpt(QStringLiteral("version"), QStringLiteral("Show the version."));
    const QCommandLineOption configOpt(
        { QStringLiteral("c"), QStringLiteral("config") },
        QStringLiteral("Lantir JSON config or pylantir mwl_config.json (default: %1).")
            .arg(AppPaths::defaultConfigPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption dbOpt(QStringLiteral("db"),
                                   QStringLiteral("Worklist database (overrides the config)."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption onceOpt(QStringLiteral("once"), QStringLiteral("Run one cycle and exit."));
    const QCommandLineOption cyclesOpt(
        QStringLiteral("cycles"), QStringLiteral("Run N cycles back to back and exit."), QStringLiteral("N"));
    const QCommandLineOption fullOpt(
        QStringLiteral("full"),
        QStringLiteral("Export every record, not only those changed since the last sync."));
    const QCommandLineOption dryRunOpt(QStringLiteral("dry-run"),
                                       QStringLiteral("Fetch and compare, but write nothing (the database is "
                                                      "opened read-only; a missing one is not created)."));
    const QCommandLineOption forceCancelOpt(
        QStringLiteral("force-cancel"),
        QStringLiteral("Confirm, for the first cycle, that the visits it finds removed in REDCap really are: "
                       "their rows are cancelled even past worklist.max_cancel_fraction."));
    const QCommandLineOption reportOpt(QStringLiteral("report"),
                                       QStringLiteral("Append one JSON object per cycle to FILE."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption tokenFileOpt(
        QStringLiteral("token-file"),
        QStringLiteral("Read the REDCap API token of a one-source configuration from FILE (default: the "
                       "source's token_file, $REDCAP_API_TOKEN_<NAME>, $REDCAP_API_TOKEN, else %1).")
            .arg(AppPaths::defaultTokenPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption sourceOpt(
        QStringLiteral("source"),
        QStringLiteral(
            "Sync only the source NAME of the configuration (repeatable; default: every enabled one)."),
        QStringLiteral("NAME"));
    const QCommandLineOption batchSizeOpt(QStringLiteral("batch-size"),
                                          QStringLiteral("Records per export request."), QStringLiteral("N"));
    const QCommandLineOption verboseOption({ QStringLiteral("v"), QStringLiteral("verbose") },
                                           QStringLiteral("Log debug details."));
    parser.addOptions({ helpOpt, versionOpt, configOpt, dbOpt, onceOpt, cyclesOpt, fullOpt, dryRunOpt,
                        forceCancelOpt, reportOpt, tokenFileOpt, sourceOpt, batchSizeOpt, verboseOption,
                        DicomPortOpt, DicomAetOpt, NoSyncOpt, CopyDatabaseOpt });

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(helpOpt) || parser.isSet(versionOpt)) {
        QTextStream out(stdout);
        if (parser.isSet(helpOpt))
            out << parser.helpText();
        else
            out << "lantir-sync " << LANTIR_VERSION << '\n';
        *exitNow = true;
        return true;
    }
    if (parser.isSet(CopyDatabaseOpt))
        return readCopyOptions(parser, error);
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("Unexpected argument '%1'.").arg(parser.positionalArguments().constFirst());
        return false;
    }
    if (parser.isSet(onceOpt) && parser.isSet(cyclesOpt)) {
        *error = QStringLiteral("Use either --once or --cycles N, not both.");
        return false;
    }
    configPath = parser.isSet(configOpt) ? parser.value(configOpt) : AppPaths::defaultConfigPath();
    configGiven = parser.isSet(configOpt);
    databasePath = parser.value(dbOpt);
    reportPath = parser.value(reportOpt);
    tokenFile = parser.value(tokenFileOpt);
    sources = parser.values(sourceOpt);
    sources.removeDuplicates();
    full = parser.isSet(fullOpt);
    dryRun = parser.isSet(dryRunOpt);
    forceCancel = parser.isSet(forceCancelOpt);
    verbose = parser.isSet(verboseOption);
    cycles = parser.isSet(onceOpt) ? 1 : 0;
    if (parser.isSet(cyclesOpt) && !parsePositive(parser.value(cyclesOpt), &cycles)) {
        *error = QStringLiteral("--cycles takes a whole number of at least 1, not '%1'.")
                     .arg(parser.value(cyclesOpt));
        return false;
    }
    if (parser.isSet(batchSizeOpt)
        && (!parsePositive(parser.value(batchSizeOpt), &batchSize) || batchSize > 10000)) {
        *error = QStringLiteral("--batch-size takes a whole number from 1 to 10000, not '%1'.")
                     .arg(parser.value(batchSizeOpt));
        return false;
    }
    return readDicomOptions(parser, error);
}

} // namespace Lantir
