#pragma once

#include "config/DatabaseTarget.h"
#include "config/DicomConfig.h"
#include "config/SourceConfig.h"
#include "worklist/WorklistColumns.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QUrl>

namespace Lantir {

struct SyncConfig
{
    // Where the data comes from: one or more REDCap projects, in the file's order, names unique.
    QList<SourceConfig> sources { SourceConfig() };

    // Where it goes: a SQLite file (databasePath) or a PostgreSQL database (postgres).
    DatabaseDriver databaseDriver = DatabaseDriver::Sqlite;
    QString databasePath;
    int busyTimeoutMs = 10000;
    PostgresSettings postgres;
    // PostgreSQL: the password the desktop app keeps in the keychain. Never read from or written to
    // lantir.json; empty: libpq's own sources (~/.pgpass, PGPASSFILE, PGPASSWORD).
    QString databasePassword;

    DicomConfig dicom; // the built-in worklist server

    // Memory alarms.
    double memoryWarnMbPerHour = 10.0;
    double memoryCriticalMb = 500.0;

    // Worklist hygiene: rows whose visit is gone from REDCap, and old finished rows.
    int retentionDays = 0; // final rows scheduled longer ago than this are deleted; 0 keeps them
    double maxCancelFraction = 0.2; // a cycle cancelling more of a source's scheduled rows stops
    int reconcileIntervalSeconds = 21600; // how often deleted records are looked for

    // Problems that did not stop loading (unknown keys), one line each.
    QStringList warnings;

    // The source named `name`, or nullptr.
    const SourceConfig* findSource(const QString& name) const;
    SourceConfig* findSource(const QString& name);
    // The sources with enabled set, in order.
    QList<SourceConfig> enabledSources() const;

    // The database these settings name, with databasePassword as its password.
    DatabaseTarget databaseTarget() const;

    // The same database: the chosen driver, its own settings and the busy timeout.
    bool sameDatabase(const SyncConfig& other) const;
    // Same settings; `warnings` are not settings and are not compared, nor are the settings of the
    // driver not chosen.
    bool operator==(const SyncConfig& other) const;
    bool operator!=(const SyncConfig& other) const { return !(*this == other); }
};

// Each source's REDCap API token, by source name.
using SourceTokens = QHash<QString, QString>;

} // namespace Lantir

Q_DECLARE_METATYPE(Lantir::SyncConfig)
