#include "dicom/WorklistQuery.h"

#include "dicom/AnswerBuilder.h"
#include "dicom/DicomLogging.h"
#include "dicom/QueryMatcher.h"
#include "dicom/WorklistCandidate.h"
#include "dicom/WorklistRow.h"
#include "store/DatabaseConnection.h"
#include "store/StoreError.h"
#include "worklist/StudyUid.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>

namespace Lantir::Dicom {

namespace {
// The value of `tag` in `item` when it is a single value without wildcards, else empty.
QString singleValue(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad())
        return {};
    const QString text = QString::fromUtf8(value.c_str()).trimmed();
    if (text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?'))
        || text.contains(QLatin1Char('\\')))
        return {};
    return text;
}

void addDateCondition(DcmItem& query, SqlPrefilter& filter)
{
    DcmItem* step = nullptr;
    if (query.findAndGetSequenceItem(DCM_ScheduledProcedureStepSequence, step, 0).bad() || !step)
        return;
    OFString value;
    if (step->findAndGetOFStringArray(DCM_ScheduledProcedureStepStartDate, value).bad())
        return;
    static const QRegularExpression range(QStringLiteral("^(\\d{8})?(-)?(\\d{8})?$"));
    const QRegularExpressionMatch match = range.match(QString::fromLatin1(value.c_str()).trimmed());
    if (!match.hasMatch())
        return;
    const QString from = match.captured(1);
    const QString to = match.captured(3);
    const bool isRange = !match.captured(2).isEmpty();
    const QLatin1String column("replace(scheduled_start_date, '-', '')");
    if (!isRange && !from.isEmpty()) {
        filter.where += QLatin1String(" AND ") + column + QLatin1String(" = ?");
        filter.values << from;
        return;
    }
    if (!from.isEmpty()) {
        filter.where += QLatin1String(" AND ") + column + QLatin1String(" >= ?");
        filter.values << from;
    }
    if (isRange && !to.isEmpty()) {
        filter.where += QLatin1String(" AND ") + column + QLatin1String(" <= ?");
        filter.values << to;
    }
}
} // namespace

SqlPrefilter SqlPrefilter::fromQuery(DcmItem& query, const QStringList& servedStatuses)
{
    SqlPrefilter filter;
    QStringList marks;
    for (const QString& status : servedStatuses) {
        marks << QStringLiteral("?");
        filter.values << status;
    }
    filter.where = marks.isEmpty()
        ? QStringLiteral("1 = 0")
        : QStringLiteral("performed_procedure_step_status IN (%1)").arg(marks.join(QLatin1Char(',')));
    const struct
    {
        DcmTagKey tag;
        QLatin1String column;
    } singles[] = { { DCM_PatientID, QLatin1String("patient_id") },
                    { DCM_AccessionNumber, QLatin1String("accession_number") },
                    { DCM_StudyInstanceUID, QLatin1String("study_instance_uid") } };
    for (const auto& single : singles) {
        const QString value = singleValue(query, single.tag);
        if (value.isEmpty())
            continue;
        filter.where += QLatin1String(" AND ") + single.column + QLatin1String(" = ?");
        filter.values << value;
    }
    addDateCondition(query, filter);
    return filter;
}

WorklistQuery::WorklistQuery(const QSqlDatabase& db, const DicomConfig& config)
    : m_db(db)
    , m_config(config)
{
}

namespace {
WorklistRow readRow(const QSqlQuery& q)
{
    WorklistRow row;
    int c = 0;
    row.id = q.value(c++).toLongLong();
    QString* fields[] = { &row.studyInstanceUid,
                          &row.patientName,
                          &row.patientId,
                          &row.patientBirthDate,
                          &row.patientSex,
                          &row.patientWeightLb,
                          &row.accessionNumber,
                          &row.referringPhysicianName,
                          &row.modality,
                          &row.studyDescription,
                          &row.scheduledStationAeTitle,
                          &row.scheduledStartDate,
                          &row.scheduledStartTime,
                          &row.performingPhysician,
                          &row.procedureDescription,
                          &row.protocolName,
                          &row.stationName,
                          &row.codingDesignator,
                          &row.status };
    for (QString* field : fields)
        *field = q.value(c++).toString();
    return row;
}
} // namespace

Result<QueryResult> WorklistQuery::run(DcmItem& query, const QString& callingAet)
{
    const SqlPrefilter filter = SqlPrefilter::fromQuery(query, m_config.servedStatuses);
    QSqlQuery sql(m_db);
    sql.setForwardOnly(true);
    sql.prepare(QStringLiteral("SELECT %1 FROM worklist_items WHERE %2 ORDER BY id")
                    .arg(WorklistRow::selectColumns(), filter.where));
    for (const QVariant& value : filter.values)
        sql.addBindValue(value);
    if (!sql.exec())
        return StoreError::fromSql(m_db, sql.lastError(),
                                   QStringLiteral("Reading the worklist for a C-FIND"));

    QueryResult result;
    std::vector<MissingUid> missing;
    const CandidateOptions options { m_config.defaultStationAet, callingAet };
    const MatchOptions matching { m_config.pnCaseSensitive };
    while (sql.next()) {
        ++result.candidates;
        WorklistRow row = readRow(sql);
        QString newUid;
        if (row.studyInstanceUid.trimmed().isEmpty())
            row.studyInstanceUid = newUid = StudyUid::generate();
        std::unique_ptr<DcmDataset> candidate = buildCandidate(row, options);
        if (!matchesCandidate(query, *candidate, matching))
            continue;
        if (static_cast<qint64>(result.answers.size()) >= m_config.maxAnswers) {
            result.truncated = true;
            break;
        }
        if (!newUid.isEmpty())
            missing.push_back({ row.id, result.answers.size(), newUid });
        result.answers.push_back(buildAnswer(query, *candidate));
    }
    sql.finish();
    if (Result<void> stored = storeMissingUids(missing, result); !stored)
        return stored.error();
    return result;
}

Result<void> WorklistQuery::storeMissingUids(const std::vector<MissingUid>& missing, QueryResult& result)
{
    if (missing.empty())
        return {};
    QSqlQuery sql(m_db);
    if (QSqlError failed; !DatabaseConnection::beginWrite(m_db, &failed))
        return StoreError::fromSql(m_db, failed, QStringLiteral("Storing a new Study Instance UID"));
    for (const MissingUid& item : missing) {
        sql.prepare(QStringLiteral("UPDATE worklist_items SET study_instance_uid = ? WHERE id = ? AND "
                                   "(study_instance_uid IS NULL OR trim(study_instance_uid) = '')"));
        sql.addBindValue(item.uid);
        sql.addBindValue(item.rowId);
        if (!sql.exec()) {
            const Error error = StoreError::fromSql(m_db, sql.lastError(),
                                                    QStringLiteral("Storing a new Study Instance UID"));
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            return error;
        }
        QString stored = item.uid;
        if (sql.numRowsAffected() == 0) {
            sql.prepare(QStringLiteral("SELECT study_instance_uid FROM worklist_items WHERE id = ?"));
            sql.addBindValue(item.rowId);
            if (sql.exec() && sql.next())
                stored = sql.value(0).toString().trimmed();
            sql.finish();
        } else {
            qCInfo(lcDicom) << "Worklist item" << item.rowId << "had no Study Instance UID: stored"
                            << item.uid;
        }
        if (stored != item.uid && result.answers[item.answer]->tagExists(DCM_StudyInstanceUID))
            result.answers[item.answer]->putAndInsertString(DCM_StudyInstanceUID,
                                                            stored.toUtf8().constData());
    }
    if (!sql.exec(QStringLiteral("COMMIT"))) {
        const Error error
            = StoreError::fromSql(m_db, sql.lastError(), QStringLiteral("Storing a new Study Instance UID"));
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    return {};
}

} // namespace Lantir::Dicom
