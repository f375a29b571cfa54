#pragma once

#include "store/CycleReport.h"

#include <QAbstractTableModel>
#include <QList>

namespace Lantir {

// The most recent sync cycles, newest first, one row each. Holds at most `capacity` rows: the
// oldest drop off as new cycles arrive (the full history stays in `sync_cycles`).
class CycleTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Source,
        Duration,
        Fetched,
        Inserted,
        Updated,
        Unchanged,
        Skipped,
        Cancelled,
        Restored,
        Purged,
        RssStart,
        RssPeak,
        RssEnd,
        Result,
        ColumnCount
    };
    Q_ENUM(Column)

    // Raw value of a cell (numbers as numbers) for sorting.
    static constexpr int SortRole = Qt::UserRole + 1;

    // Six days of 30-minute cycles. Every row costs about half a kilobyte in the model, its proxy
    // and the view; older cycles stay in `sync_cycles`, and Export CSV writes all of them.
    static constexpr int DefaultCapacity = 300;

    explicit CycleTableModel(QObject* parent = nullptr, int capacity = DefaultCapacity);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int capacity() const { return m_capacity; }
    const CycleReport& reportAt(int row) const { return m_reports.at(row); }
    const QList<CycleReport>& reports() const { return m_reports; }

public Q_SLOTS:
    // A cycle that just ended: becomes the first row.
    void addReport(const Lantir::CycleReport& report);
    // History from `sync_cycles` (any order), merged with the rows already shown.
    void addHistory(const QList<Lantir::CycleReport>& reports);
    void clear();
    // Headers and texts again, in the language now installed.
    void retranslate();

private:
    static QVariant sortValue(const CycleReport& report, Column column);
    static QVariant displayText(const CycleReport& report, Column column);

    int m_capacity;
    QList<CycleReport> m_reports; // newest first
};

} // namespace Lantir
