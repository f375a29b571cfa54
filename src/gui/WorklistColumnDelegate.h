#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

namespace Lantir {

// Edits a worklist column name with a drop-down of the columns the sync may write
// (Worklist::isSyncWritable). A value that is not one of them (a pylantir target such as
// "session_id") stays selectable so that editing another cell does not lose it.
class WorklistColumnDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit WorklistColumnDelegate(QObject* parent = nullptr);

    // The writable columns' SQL names, in table order.
    static QStringList writableColumns();

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace Lantir
