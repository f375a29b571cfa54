#pragma once

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace Lantir {

// What `lantir-sync` was asked to do.
struct CommandLineOptions
{
    QString configPath; // --config, else the platform default
    bool configGiven = false;
    QString databasePath; // overrides the config's database path
    QString reportPath; // append one JSON object per cycle
    QString tokenFile;
    QStringList sources; // --source NAME, repeatable: only these sync
    int cycles = 0; // 0: run on the schedule until stopped
    int batchSize = 0; // 0: from the config
    bool full = false;
    bool dryRun = false;
    bool forceCancel = false; // the first cycle cancels past max_cancel_fraction
    bool verbose = false;
    int dicomPort = 0; // --dicom-port: serve the worklist on this port (0: as the config says)
    QString dicomAet; // --dicom-aet
    bool noSync = false; // --no-sync: serve the worklist, never sync
    // --copy-database FROM TO: copy one worklist database into another and exit. Each is a SQLite
    // path or a postgresql:// URI (DatabaseLocation).
    QString copyFrom;
    QString copyTo;
    bool copyDatabase() const { return !copyFrom.isEmpty(); }

    // Parses argv. On failure returns false and sets `error` to a message for stderr.
    // `--help` and `--version` print and set `exitNow`.
    bool parse(const QStringList& arguments, QString* error, bool* exitNow);

private:
    bool readDicomOptions(const QCommandLineParser& parser, QString* error);
    bool readCopyOptions(const QCommandLineParser& parser, QString* error);
};

} // namespace Lantir
