#pragma once

#include "config/DicomConfig.h"
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

// How REDCap rows become worklist entries. Defaults reproduce pylantir.
struct MappingConfig
{
    QString recordIdField = QStringLiteral("record_id");
    QString scanInstrument = QStringLiteral("mri"); // redcap_repeat_instrument of scan rows
    QString sessionField = QStringLiteral("mri_instance");
    QString dateField = QStringLiteral("mri_date");
    QString timeField = QStringLiteral("mri_time");
    QString studyIdField = QStringLiteral("study_id");
    QString familyIdField = QStringLiteral("family_id");
    // Placeholders: {study} {family} {session} {site} {record}
    QString patientNamePattern = QStringLiteral("cpip-id-{study}^fa-{family}");
    QString patientIdPattern = QStringLiteral("sub_{study}_ses_{session}_fam_{family}_site_{site}");
    QString site;
    QString protocol; // used when protocolBySite has no entry for site
    QHash<QString, QString> protocolBySite; // pylantir's {"792": "BRAIN_MRI_3T"}
    QString codingDesignator; // pylantir's protocol["mapping"]; empty: not written
    // REDCap field -> worklist column name, in the order the config gives them. Targets that are
    // not worklist columns (pylantir's "study_id", "session_id") are kept but write nothing.
    QList<QPair<QString, QString>> fieldMapping;
    // Extra REDCap fields always requested (pylantir: youth_dob_y, demo_sex).
    QStringList extraFields;

    // Every REDCap field an export needs: record id, identifiers, scan fields, mapping sources.
    QStringList requestedFields() const;

    bool operator==(const MappingConfig& other) const;
    bool operator!=(const MappingConfig& other) const { return !(*this == other); }
};

// When and how often to sync.
struct ScheduleConfig
{
    int intervalSeconds = 1800;
    QTime windowStart = QTime(0, 0); // operation window; start > end crosses midnight
    QTime windowEnd = QTime(23, 59, 59);
    int overlapSeconds = 300; // look back this far before the high-water mark

    bool operator==(const ScheduleConfig& other) const;
    bool operator!=(const ScheduleConfig& other) const { return !(*this == other); }
};

struct SyncConfig
{
    // Where the data comes from.
    QString sourceName = QStringLiteral("REDCap"); // written to data_source; part of each entry's identity
    QUrl apiUrl; // https://host/redcap/api/
    QByteArray serverTimeZone; // IANA id of the REDCap server's zone; empty: local
    bool allowInsecureHttp = false; // http:// to a non-loopback host
    QString caFile; // extra CA certificates (PEM) to trust
    int batchSize = 500;
    int requestTimeoutMs = 120000;
    int maxTries = 4;
    int retryBaseDelayMs = 1000; // first backoff; doubles each try

    // Where it goes.
    QString databasePath;
    int busyTimeoutMs = 10000;

    MappingConfig mapping;
    ScheduleConfig schedule;
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

    // Same settings; `warnings` are not settings and are not compared.
    bool operator==(const SyncConfig& other) const;
    bool operator!=(const SyncConfig& other) const { return !(*this == other); }
};

} // namespace Lantir

Q_DECLARE_METATYPE(Lantir::SyncConfig)
