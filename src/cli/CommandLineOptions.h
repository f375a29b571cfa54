#pragma once

#include <QString>
#include <QStringList>

namespace Lantir {

// What `lantir-sync` was asked to do.
struct CommandLineOptions
{
    QString configPath; // --config, else the platform default
    bool configGiven = false;
    QString databasePath; // overrides the config's database path
    QString reportPath; // append one JSON object per cycle
    QString tokenFile;
    int cycles = 0; // 0: run on the schedule until stopped
    int batchSize = 0; // 0: from the config
    bool full = false;
    bool dryRun = false;
    bool forceCancel = false; // the first cycle cancels past max_cancel_fraction
    bool verbose = false;

    // Parses argv. On failure returns false and sets `error` to a message for stderr.
    // `--help` and `--version` print and set `exitNow`.
    bool parse(const QStringList& arguments, QString* error, bool* exitNow);
};

} // namespace Lantir
