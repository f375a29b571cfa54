#include "WorklistColumnDelegate.h"

#include "worklist/WorklistColumns.h"

#include <QComboBox>

namespace Lantir {

WorklistColumnDelegate::WorklistColumnDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

QStringList WorklistColumnDelegate::writableColumns()
{
    QStringList columns;
    for (int i = 0; i < Worklist::ColumnCount; ++i) {
        const auto column = static_cast<Worklist::Column>(i);
        if (Worklist::isSyncWritable(column))
            columns.append(QString(Worklist::columnName(column)));
    }
    return columns;
}

QWidget* WorklistColumnDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                              const QModelIndex& index) const
{
    Q_UNUSED(option)
    Q_UNUSED(index)
    auto* combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("worklistColumnCombo"));
    combo->addItems(writableColumns());
    // Commit as soon as a column is picked, not only when focus leaves the cell.
    auto* self = const_cast<WorklistColumnDelegate*>(this);
    connect(combo, &QComboBox::activated, self, [self, combo] { Q_EMIT self->commitData(combo); });
    return combo;
}

void WorklistColumnDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo)
        return;
    const QString current = index.data(Qt::EditRole).toString();
    int row = combo->findText(current);
    if (row < 0 && !current.isEmpty()) {
        combo->insertItem(0, current);
        row = 0;
    }
    combo->setCurrentIndex(qMax(0, row));
}

void WorklistColumnDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                          const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        model->setData(index, combo->currentText(), Qt::EditRole);
}

} // namespace Lantir
