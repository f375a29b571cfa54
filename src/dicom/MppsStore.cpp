#include "dicom/MppsStore.h"

#include "dicom/DicomLogging.h"
#include "dicom/DicomValues.h"
#include "store/DatabaseConnection.h"
#include "store/StoreError.h"

#include <QDate>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Lantir::Dicom {

namespace {
const QLatin1String InProgress("IN PROGRESS");
const QLatin1String Completed("COMPLETED");
const QLatin1String Discontinued("DISCONTINUED");

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// One transaction: rolled back unless committed.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase& db)
        : m_db(db)
    {
    }
    ~Transaction()
    {
        if (m_open)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    Result<void> begin()
    {
        if (QSqlError failed; !DatabaseConnection::beginWrite(m_db, &failed))
            return StoreError::fromSql(m_db, failed, QStringLiteral("Recording an MPPS message"));
        m_open = true;
        return {};
    }
    Result<void> commit()
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("COMMIT")))
            return StoreError::fromSql(m_db, q.lastError(), QStringLiteral("Recording an MPPS message"));
        m_open = false;
        return {};
    }

private:
    QSqlDatabase& m_db;
    bool m_open = false;
};

Result<QVariant> scalar(QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& value : values)
        q.addBindValue(value);
    if (!q.exec())
        return StoreError::fromSql(db, q.lastError(), QStringLiteral("Recording an MPPS message"));
    return q.next() ? q.value(0) : QVariant();
}

Result<void> exec(QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant& value : values)
        q.addBindValue(value);
    if (!q.exec())
        return StoreError::fromSql(db, q.lastError(), QStringLiteral("Recording an MPPS message"));
    return {};
}

QVariant orNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}
} // namespace

MppsStore::MppsStore(const QSqlDatabase& db)
    : m_db(db)
{
}

MppsOutcome MppsStore::fail(quint16 status, const QString& message)
{
    MppsOutcome outcome;
    outcome.status = status;
    outcome.message = message;
    return outcome;
}

Result<qint64> MppsStore::nearestByPatient(const MppsMessage& message)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT id, scheduled_start_date FROM worklist_items WHERE patient_id = ?");
    if (!message.patientName.isEmpty())
        sql += QLatin1String(" AND patient_name = ?");
    q.prepare(sql + QLatin1String(" ORDER BY id"));
    q.addBindValue(message.patientId);
    if (!message.patientName.isEmpty())
        q.addBindValue(message.patientName);
    if (!q.exec())
        return StoreError::fromSql(m_db, q.lastError(),
                                   QStringLiteral("Finding the worklist item of an MPPS"));
    const QDate today = QDate::currentDate();
    qint64 best = -1;
    qint64 bestDistance = 0;
    while (q.next()) {
        const QDate date = QDate::fromString(Values::toDa(q.value(1).toString()), QStringLiteral("yyyyMMdd"));
        const qint64 distance
            = date.isValid() ? qAbs(date.daysTo(today)) : std::numeric_limits<qint32>::max();
        if (best < 0 || distance < bestDistance) {
            best = q.value(0).toLongLong();
            bestDistance = distance;
        }
    }
    return best;
}

Result<qint64> MppsStore::findWorklistItem(const MppsMessage& message)
{
    const qint64 stepRow = Values::rowIdFromStepId(message.scheduledStepId);
    Result<QVariant> found = QVariant();
    if (!message.studyInstanceUid.isEmpty() && stepRow > 0)
        found = scalar(
            m_db, QStringLiteral("SELECT id FROM worklist_items WHERE id = ? AND study_instance_uid = ?"),
            { stepRow, message.studyInstanceUid });
    if (found && found.value().isNull() && !message.studyInstanceUid.isEmpty())
        found = scalar(
            m_db,
            QStringLiteral("SELECT id FROM worklist_items WHERE study_instance_uid = ? ORDER BY id LIMIT 1"),
            { message.studyInstanceUid });
    if (found && found.value().isNull() && !message.accessionNumber.isEmpty())
        found = scalar(
            m_db,
            QStringLiteral("SELECT id FROM worklist_items WHERE accession_number = ? ORDER BY id LIMIT 1"),
            { message.accessionNumber });
    if (!found)
        return found.error();
    if (!found.value().isNull())
        return found.value().toLongLong();
    if (message.patientId.isEmpty())
        return qint64(-1);
    return nearestByPatient(message);
}

Result<QString> MppsStore::writeItemStatus(qint64 itemId, const QString& status)
{
    if (itemId < 0)
        return QString();
    Result<QVariant> current = scalar(
        m_db, QStringLiteral("SELECT performed_procedure_step_status FROM worklist_items WHERE id = ?"),
        { itemId });
    if (!current)
        return current.error();
    if (current.value().toString() == Completed) {
        qCWarning(lcDicom) << "Worklist item" << itemId << "is COMPLETED: left as it is, not set to"
                           << status;
        return QString();
    }
    if (Result<void> written
        = exec(m_db,
               QStringLiteral("UPDATE worklist_items SET performed_procedure_step_status = ? WHERE id = ?"),
               { status, itemId });
        !written)
        return written.error();
    return status;
}

MppsOutcome MppsStore::create(const MppsMessage& message)
{
    if (message.status.isEmpty())
        return fail(MppsStatus::MissingAttribute,
                    QStringLiteral("N-CREATE without Performed Procedure Step Status"));
    if (message.status != InProgress)
        return fail(MppsStatus::InvalidAttributeValue,
                    QStringLiteral("N-CREATE with status '%1' (must be IN PROGRESS)").arg(message.status));
    Transaction transaction(m_db);
    Result<QVariant> existing = QVariant();
    Result<qint64> item = qint64(-1);
    Result<QString> written = QString();
    Result<void> ok = transaction.begin();
    if (ok)
        existing = scalar(m_db, QStringLiteral("SELECT status FROM lantir_mpps WHERE sop_instance_uid = ?"),
                          { message.instanceUid });
    if (ok && existing && !existing.value().isNull())
        return fail(MppsStatus::DuplicateInstance,
                    QStringLiteral("MPPS instance %1 exists already").arg(message.instanceUid));
    if (ok && existing)
        item = findWorklistItem(message);
    if (ok && existing && item) {
        const QString stamp = now();
        ok = exec(m_db,
                  QStringLiteral(
                      "INSERT INTO lantir_mpps (sop_instance_uid, status, worklist_item_id, calling_aet, "
                      "start_date, start_time, end_date, end_time, created_at, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  { message.instanceUid, message.status,
                    item.value() < 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(item.value()),
                    message.callingAet, orNull(message.startDate), orNull(message.startTime),
                    orNull(message.endDate), orNull(message.endTime), stamp, stamp });
    }
    if (ok && existing && item)
        written = writeItemStatus(item.value(), QStringLiteral("IN_PROGRESS"));
    if (ok && existing && item && written)
        ok = transaction.commit();
    const Error error = !ok ? ok.error()
        : !existing         ? existing.error()
        : !item             ? item.error()
        : !written          ? written.error()
                            : Error {};
    if (error.isError())
        return fail(MppsStatus::ProcessingFailure, error.message);
    MppsOutcome outcome;
    outcome.worklistItemId = item.value();
    outcome.itemStatus = written.value();
    return outcome;
}

MppsOutcome MppsStore::set(const MppsMessage& message)
{
    if (!message.status.isEmpty() && message.status != InProgress && message.status != Completed
        && message.status != Discontinued)
        return fail(MppsStatus::InvalidAttributeValue,
                    QStringLiteral("N-SET with status '%1'").arg(message.status));
    Transaction transaction(m_db);
    if (Result<void> begun = transaction.begin(); !begun)
        return fail(MppsStatus::ProcessingFailure, begun.error().message);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status, worklist_item_id FROM lantir_mpps WHERE sop_instance_uid = ?"));
    q.addBindValue(message.instanceUid);
    if (!q.exec())
        return fail(MppsStatus::ProcessingFailure, q.lastError().text());
    if (!q.next())
        return fail(MppsStatus::NoSuchInstance,
                    QStringLiteral("no MPPS instance %1").arg(message.instanceUid));
    const QString current = q.value(0).toString();
    const qint64 itemId = q.value(1).isNull() ? -1 : q.value(1).toLongLong();
    q.finish();
    if (current != InProgress)
        return fail(MppsStatus::ProcessingFailure,
                    QStringLiteral("MPPS instance %1 is %2 and may no longer be updated")
                        .arg(message.instanceUid, current));
    const QString status = message.status.isEmpty() ? current : message.status;
    Result<void> ok
        = exec(m_db,
               QStringLiteral("UPDATE lantir_mpps SET status = ?, end_date = COALESCE(?, end_date), "
                              "end_time = COALESCE(?, end_time), updated_at = ? WHERE sop_instance_uid = ?"),
               { status, orNull(message.endDate), orNull(message.endTime), now(), message.instanceUid });
    Result<QString> written = QString();
    if (ok && status != InProgress)
        written = writeItemStatus(itemId, status);
    if (ok && written)
        ok = transaction.commit();
    if (!ok || !written)
        return fail(MppsStatus::ProcessingFailure, !ok ? ok.error().message : written.error().message);
    MppsOutcome outcome;
    outcome.worklistItemId = itemId;
    outcome.itemStatus = written.value();
    return outcome;
}

} // namespace Lantir::Dicom
