#include "WorklistTableModel.h"

namespace Lantir {

WorklistTableModel::WorklistTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int WorklistTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int WorklistTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Worklist::ColumnCount;
}

QVariant WorklistTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const QString& value = m_rows.at(index.row()).at(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return value;
    case SortRole:
        if (index.column() == Worklist::Id)
            return value.toLongLong();
        return value;
    default:
        return QVariant();
    }
}

QVariant WorklistTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= 0 && section < Worklist::ColumnCount) {
        const auto column = static_cast<Worklist::Column>(section);
        if (role == Qt::DisplayRole)
            return columnTitle(column);
        if (role == Qt::ToolTipRole)
            return QString(Worklist::columnName(column));
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

void WorklistTableModel::setRows(QList<WorklistRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void WorklistTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Worklist::ColumnCount - 1);
}

QString WorklistTableModel::columnTitle(Worklist::Column column)
{
    switch (column) {
    case Worklist::Id:
        return tr("ID");
    case Worklist::StudyInstanceUid:
        return tr("Study Instance UID");
    case Worklist::PatientName:
        return tr("Patient name");
    case Worklist::PatientId:
        return tr("Patient ID");
    case Worklist::PatientBirthDate:
        return tr("Birth date");
    case Worklist::PatientSex:
        return tr("Sex");
    case Worklist::PatientWeightLb:
        return tr("Weight (lb)");
    case Worklist::AccessionNumber:
        return tr("Accession number");
    case Worklist::ReferringPhysicianName:
        return tr("Referring physician");
    case Worklist::Modality:
        return tr("Modality");
    case Worklist::StudyDescription:
        return tr("Study description");
    case Worklist::ScheduledStationAeTitle:
        return tr("Station AE title");
    case Worklist::ScheduledStartDate:
        return tr("Date");
    case Worklist::ScheduledStartTime:
        return tr("Time");
    case Worklist::PerformingPhysician:
        return tr("Performing physician");
    case Worklist::ProcedureDescription:
        return tr("Procedure");
    case Worklist::ProtocolName:
        return tr("Protocol");
    case Worklist::StationName:
        return tr("Station");
    case Worklist::HisrisCodingDesignator:
        return tr("Coding designator");
    case Worklist::PerformedProcedureStepStatus:
        return tr("Status");
    case Worklist::DataSource:
        return tr("Source");
    case Worklist::ColumnCount:
        break;
    }
    return QString();
}

} // namespace Lantir
