#include "WorklistFilterProxy.h"

#include "WorklistTableModel.h"
#include "worklist/WorklistColumns.h"

namespace Lantir {

namespace {
// The worklist stores YYYY-MM-DD; older rows may hold YYYYMMDD.
QDate parseScheduledDate(const QString& text)
{
    QDate date = QDate::fromString(text.left(10), Qt::ISODate);
    if (!date.isValid() && text.size() == 8)
        date = QDate::fromString(text, QStringLiteral("yyyyMMdd"));
    return date;
}
} // namespace

WorklistFilterProxy::WorklistFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(WorklistTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void WorklistFilterProxy::setStatus(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

void WorklistFilterProxy::setDateRange(const QDate& from, const QDate& to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

void WorklistFilterProxy::setText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

bool WorklistFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    const auto cell = [&](Worklist::Column column) {
        return model->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString();
    };
    if (!m_status.isEmpty()
        && cell(Worklist::PerformedProcedureStepStatus).compare(m_status, Qt::CaseInsensitive) != 0)
        return false;
    if (m_from.isValid() || m_to.isValid()) {
        const QDate date = parseScheduledDate(cell(Worklist::ScheduledStartDate));
        if (!date.isValid())
            return false;
        if (m_from.isValid() && date < m_from)
            return false;
        if (m_to.isValid() && date > m_to)
            return false;
    }
    if (!m_text.isEmpty()) {
        if (!cell(Worklist::PatientId).contains(m_text, Qt::CaseInsensitive)
            && !cell(Worklist::PatientName).contains(m_text, Qt::CaseInsensitive)
            && !cell(Worklist::AccessionNumber).contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace Lantir
