#pragma once

#include "DatabaseReader.h"

#include <QAbstractTableModel>
#include <QList>

namespace Lantir {

// Read-only rows of `worklist_items`, one column per table column in pylantir's order. The rows
// are read on a worker thread (DatabaseReader) and handed over whole with setRows().
class WorklistTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Raw value for sorting: the id as a number, everything else as text.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit WorklistTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRows(QList<WorklistRow> rows);
    // Headers again, in the language now installed.
    void retranslate();
    const WorklistRow& rowAt(int row) const { return m_rows.at(row); }

    // Column title shown to users.
    static QString columnTitle(Worklist::Column column);

private:
    QList<WorklistRow> m_rows;
};

} // namespace Lantir
