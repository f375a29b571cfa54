#pragma once

#include <QString>

namespace Lantir {

// What the command line of `lantir` asks for.
struct DesktopOptions
{
    QString settingsFile; // --settings: an INI file instead of the user's settings (tests, screenshots)
    QString configFile; // --config: Lantir's or pylantir's JSON config instead of the saved settings
    QString tokenFile; // --token-file: the REDCap API token, for use with --config
    QString databasePath; // --db: overrides the database of the config
    bool minimized = false; // --minimized: start in the tray (or minimised without a tray)
    QString screenshotDir; // --screenshot-dir: save screenshots there after some cycles, then quit
    int screenshotCycles = 3;
    // --cycles N: run N cycles back to back (full exports with --full), each one once the window
    // has taken in the last, then quit; --report FILE: a JSON line per cycle with the app's memory.
    int soakCycles = 0;
    bool soakFull = false;
    QString reportFile;
    // How long quitting waits for a running cycle to stop at its next safe point.
    int shutdownTimeoutMs = 5000;
};

} // namespace Lantir
