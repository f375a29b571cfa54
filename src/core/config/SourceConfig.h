#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
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

// One REDCap project and how to talk to it, with its own mapping, schedule and token. Its name is
// written to data_source and is part of every row's identity, so names are unique in a file.
struct SourceConfig
{
    QString name = QStringLiteral("REDCap");
    bool enabled = true;
    QUrl apiUrl; // https://host/redcap/api/
    QByteArray serverTimeZone; // IANA id of the REDCap server's zone; empty: local
    bool allowInsecureHttp = false; // http:// to a non-loopback host
    QString caFile; // extra CA certificates (PEM) to trust
    QString tokenFile; // lantir-sync's token; else REDCAP_API_TOKEN_<NAME> (tokenVariable())
    int batchSize = 500;
    int requestTimeoutMs = 120000;
    int maxTries = 4;
    int retryBaseDelayMs = 1000; // first backoff; doubles each try

    MappingConfig mapping;
    ScheduleConfig schedule;

    // REDCAP_API_TOKEN_ and the name upper-cased, every character but A-Z and 0-9 as '_'.
    QString tokenVariable() const;
    // The desktop app's keychain entry of this source's token (service KeychainService), which
    // lantir-sync also reads when no file or variable gives the token.
    QString keychainKey() const { return keychainKeyFor(name); }
    static QString keychainKeyFor(const QString& sourceName);
    static constexpr const char* KeychainService = "Lantir";

    bool operator==(const SourceConfig& other) const;
    bool operator!=(const SourceConfig& other) const { return !(*this == other); }
};

} // namespace Lantir
