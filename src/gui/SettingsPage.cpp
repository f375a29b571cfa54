#include "SettingsPage.h"

#include "FieldMarks.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeEdit>

#include <algorithm>

namespace Lantir {

namespace {
const QColor InvalidCellColor(255, 205, 210);
}

SettingsPage::SettingsPage(FieldMarks* marks, QWidget* parent)
    : QWidget(parent)
    , m_marks(marks)
{
}

const SourceConfig& SettingsPage::source(const SyncConfig& config) const
{
    Q_ASSERT(m_sourceIndex >= 0 && m_sourceIndex < config.sources.size());
    return config.sources.at(m_sourceIndex);
}

SourceConfig& SettingsPage::source(SyncConfig& config) const
{
    Q_ASSERT(m_sourceIndex >= 0 && m_sourceIndex < config.sources.size());
    return config.sources[m_sourceIndex];
}

void SettingsPage::watchEdits()
{
    const auto changed = [this] { Q_EMIT edited(); };
    // Includes the editors inside spin boxes and time edits, so half-typed values are seen.
    for (QLineEdit* edit : findChildren<QLineEdit*>())
        connect(edit, &QLineEdit::textChanged, this, changed);
    // Spin boxes update their editor with signals blocked: listen to their own signals too.
    for (QSpinBox* spin : findChildren<QSpinBox*>())
        connect(spin, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox* spin : findChildren<QDoubleSpinBox*>())
        connect(spin, &QDoubleSpinBox::valueChanged, this, changed);
    for (QTimeEdit* edit : findChildren<QTimeEdit*>())
        connect(edit, &QTimeEdit::timeChanged, this, changed);
    for (QComboBox* combo : findChildren<QComboBox*>())
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
    for (QCheckBox* check : findChildren<QCheckBox*>())
        connect(check, &QCheckBox::toggled, this, changed);
    for (QTableWidget* table : findChildren<QTableWidget*>()) {
        connect(table, &QTableWidget::itemChanged, this, changed);
        connect(table->model(), &QAbstractItemModel::rowsRemoved, this, changed);
        connect(table->model(), &QAbstractItemModel::rowsInserted, this, changed);
    }
}

void SettingsPage::setUpLabels()
{
    for (QLabel* label : findChildren<QLabel*>()) {
        label->setTextFormat(Qt::PlainText);
        // Word-wrapped labels in a form layout get the height of their size hint, which Qt
        // computes for a narrow width; a realistic minimum width keeps that close to the real one.
        if (label->wordWrap())
            label->setMinimumWidth(420);
    }
}

QString SettingsPage::inputReason(const QAbstractSpinBox* spin, const QString& whenInvalid)
{
    return spin->hasAcceptableInput() ? QString() : whenInvalid;
}

void SettingsPage::setUpTable(QTableWidget* table)
{
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->setEditTriggers(QAbstractItemView::AllEditTriggers);
}

QString SettingsPage::cellText(const QTableWidget* table, int row, int column)
{
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

void SettingsPage::setCell(QTableWidget* table, int row, int column, const QString& text)
{
    table->setItem(row, column, new QTableWidgetItem(text));
}

void SettingsPage::clearCellMarks(QTableWidget* table, int row)
{
    for (int column = 0; column < 2; ++column) {
        if (!table->item(row, column))
            setCell(table, row, column, QString());
        table->item(row, column)->setBackground(QBrush());
        table->item(row, column)->setToolTip(QString());
    }
}

void SettingsPage::markCell(QTableWidget* table, int row, int column, const QString& reason)
{
    table->item(row, column)->setBackground(InvalidCellColor);
    table->item(row, column)->setToolTip(reason);
}

void SettingsPage::addTableRow(QTableWidget* table)
{
    const int row = table->rowCount();
    table->insertRow(row);
    setCell(table, row, 0, QString());
    setCell(table, row, 1, QString());
    table->setCurrentCell(row, 0);
    table->editItem(table->item(row, 0));
}

void SettingsPage::removeSelectedRows(QTableWidget* table)
{
    QList<int> rows;
    for (const QModelIndex& index : table->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    if (rows.isEmpty() && table->currentRow() >= 0)
        rows.append(table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (const int row : rows)
        table->removeRow(row);
}

bool SettingsPage::hasSpace(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSpace(); });
}

} // namespace Lantir
