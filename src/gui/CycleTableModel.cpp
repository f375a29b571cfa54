#include "CycleTableModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <iterator>

namespace Lantir {

namespace {
QVariant megabytes(qint64 kb)
{
    if (kb < 0)
        return QVariant();
    return QLocale().toString(kb / 1024.0, 'f', 1);
}

QString duration(qint64 ms)
{
    if (ms < 10000)
        return QLocale().toString(ms / 1000.0, 'f', 2) + QStringLiteral(" s");
    if (ms < 600000)
        return QLocale().toString(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
    return QLocale().toString(ms / 60000.0, 'f', 1) + QStringLiteral(" min");
}

bool newerFirst(const CycleReport& a, const CycleReport& b)
{
    return a.startedAt > b.startedAt;
}
} // namespace

CycleTableModel::CycleTableModel(QObject* parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
    // The rows live in one block of `capacity` reports for the model's lifetime: a new cycle
    // rotates into place instead of prepending, which would reallocate with slack each time.
    m_reports.reserve(m_capacity);
}

int CycleTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_reports.size());
}

int CycleTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CycleTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const CycleReport& r = m_reports.at(index.row());
    const auto column = static_cast<Column>(index.column());

    if (role == SortRole)
        return sortValue(r, column);
    if (role == Qt::DisplayRole)
        return displayText(r, column);
    if (role == Qt::ToolTipRole) {
        if (column == Result && !r.syncedElsewhereBy.isEmpty())
            return tr("Another node syncs this source on the shared database: %1. This node skipped the "
                      "cycle and takes over if that node stops.")
                .arg(r.syncedElsewhereBy);
        if (column == Result && !r.ok)
            return tr("Sync failed: %1").arg(r.error);
        if (column == Time)
            return QLocale().toString(r.startedAt.toLocalTime(), QLocale::LongFormat);
        return QVariant();
    }
    if (role == Qt::TextAlignmentRole) {
        if (column == Time || column == Source || column == Result)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole && !r.ok)
        return QBrush(QColor(0xb0, 0x1c, 0x1c));
    return QVariant();
}

QVariant CycleTableModel::sortValue(const CycleReport& r, Column column)
{
    switch (column) {
    case Time:
        return r.startedAt;
    case Source:
        return r.source;
    case Duration:
        return r.durationMs;
    case Fetched:
        return r.rowsFetched;
    case Inserted:
        return r.inserted;
    case Updated:
        return r.updated;
    case Unchanged:
        return r.unchanged;
    case Skipped:
        return r.skipped;
    case Cancelled:
        return r.cancelled;
    case Restored:
        return r.restored;
    case Purged:
        return r.purged;
    case RssStart:
        return r.rssStartKb;
    case RssPeak:
        return r.rssPeakKb;
    case RssEnd:
        return r.rssEndKb;
    case Result:
        if (!r.syncedElsewhereBy.isEmpty())
            return r.syncedElsewhereBy;
        return r.ok ? QString() : r.error;
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant CycleTableModel::displayText(const CycleReport& r, Column column)
{
    switch (column) {
    case Time:
        return QLocale().toString(r.startedAt.toLocalTime(), QLocale::ShortFormat);
    case Source:
        return r.source;
    case Duration:
        return duration(r.durationMs);
    case Fetched:
        return QLocale().toString(r.rowsFetched);
    case Inserted:
        return QLocale().toString(r.inserted);
    case Updated:
        return QLocale().toString(r.updated);
    case Unchanged:
        return QLocale().toString(r.unchanged);
    case Skipped:
        return QLocale().toString(r.skipped);
    case Cancelled:
        return QLocale().toString(r.cancelled);
    case Restored:
        return QLocale().toString(r.restored);
    case Purged:
        return QLocale().toString(r.purged);
    case RssStart:
        return megabytes(r.rssStartKb);
    case RssPeak:
        return megabytes(r.rssPeakKb);
    case RssEnd:
        return megabytes(r.rssEndKb);
    case Result:
        if (!r.syncedElsewhereBy.isEmpty())
            return tr("Synced by %1").arg(r.syncedElsewhereBy);
        if (r.ok)
            return r.dryRun ? tr("OK (dry run)") : (r.full ? tr("OK (full)") : tr("OK"));
        return r.error.section(QLatin1Char('\n'), 0, 0);
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant CycleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Time:
        return tr("Time");
    case Source:
        return tr("Source");
    case Duration:
        return tr("Duration");
    case Fetched:
        return tr("Fetched");
    case Inserted:
        return tr("Inserted");
    case Updated:
        return tr("Updated");
    case Unchanged:
        return tr("Unchanged");
    case Skipped:
        return tr("Skipped");
    case Cancelled:
        return tr("Cancelled");
    case Restored:
        return tr("Restored");
    case Purged:
        return tr("Purged");
    case RssStart:
        return tr("RSS start (MB)");
    case RssPeak:
        return tr("RSS peak (MB)");
    case RssEnd:
        return tr("RSS end (MB)");
    case Result:
        return tr("Result");
    case ColumnCount:
        break;
    }
    return QVariant();
}

void CycleTableModel::addReport(const CycleReport& report)
{
    // Live cycles arrive in order; an out-of-order one is merged like history.
    if (!m_reports.isEmpty() && report.startedAt <= m_reports.constFirst().startedAt) {
        addHistory({ report });
        return;
    }
    if (m_reports.size() >= m_capacity) {
        const int last = static_cast<int>(m_reports.size()) - 1;
        beginRemoveRows(QModelIndex(), m_capacity - 1, last);
        m_reports.resize(m_capacity - 1);
        endRemoveRows();
    }
    beginInsertRows(QModelIndex(), 0, 0);
    m_reports.append(report);
    std::rotate(m_reports.begin(), std::prev(m_reports.end()), m_reports.end());
    endInsertRows();
}

void CycleTableModel::addHistory(const QList<CycleReport>& reports)
{
    if (reports.isEmpty())
        return;
    QSet<qint64> known;
    for (const CycleReport& r : std::as_const(m_reports))
        known.insert(r.startedAt.toMSecsSinceEpoch());
    QList<CycleReport> merged;
    merged.reserve(std::max<qsizetype>(m_capacity, m_reports.size() + reports.size()));
    merged.append(m_reports);
    for (const CycleReport& r : reports) {
        if (r.startedAt.isValid() && !known.contains(r.startedAt.toMSecsSinceEpoch())) {
            known.insert(r.startedAt.toMSecsSinceEpoch());
            merged.append(r);
        }
    }
    std::stable_sort(merged.begin(), merged.end(), newerFirst);
    if (merged.size() > m_capacity)
        merged.resize(m_capacity);
    beginResetModel();
    m_reports = std::move(merged);
    if (m_reports.capacity() != m_capacity) {
        m_reports.squeeze();
        m_reports.reserve(m_capacity);
    }
    endResetModel();
}

void CycleTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_reports.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void CycleTableModel::clear()
{
    beginResetModel();
    m_reports.clear();
    endResetModel();
}

} // namespace Lantir
