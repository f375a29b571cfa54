#pragma once

#include "base/Result.h"
#include "config/DicomConfig.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <vector>

class DcmDataset;
class DcmItem;

namespace Lantir::Dicom {

// The SQL part of a worklist query: conditions that are safe to leave to SQLite because they can
// only drop rows the DICOM matching would drop too (served statuses, single-value Patient ID,
// Accession Number and Study Instance UID, the SPS start date or date range over both stored
// date forms). Everything else is decided by matching each remaining row's candidate.
struct SqlPrefilter
{
    QString where;
    QVariantList values;

    static SqlPrefilter fromQuery(DcmItem& query, const QStringList& servedStatuses);
};

struct QueryResult
{
    std::vector<std::unique_ptr<DcmDataset>> answers;
    bool truncated = false; // more rows matched than max_answers
    qint64 candidates = 0; // rows the SQL pre-filter let through
};

// Runs one MWL C-FIND over a worklist database connection of the calling thread. The rows are read
// by one SELECT (one consistent snapshot: never half of a sync batch), the answers are built in
// memory and the read ends before any answer is sent, so a slow peer never holds a lock.
// A matching row without a Study Instance UID gets a 2.25 UID, stored once.
class WorklistQuery
{
public:
    WorklistQuery(const QSqlDatabase& db, const DicomConfig& config);

    Result<QueryResult> run(DcmItem& query, const QString& callingAet);

private:
    struct MissingUid
    {
        qint64 rowId;
        std::size_t answer;
        QString uid;
    };
    Result<void> storeMissingUids(const std::vector<MissingUid>& missing, QueryResult& result);

    QSqlDatabase m_db;
    DicomConfig m_config;
};

} // namespace Lantir::Dicom
